package dev.vela.runtime.cli;

import dev.vela.runtime.Session;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vela run --sequence}: a stream in one session. Every input carries a leading step axis of the same length;
 * the model runs once per step on that step's slice, with kernel state kept from step to step (or reset before each
 * step when asked), and each output is written stacked along the same leading axis.
 */
final class SequenceRun {

    private SequenceRun() {}

    /**
     * @param session the session, whose state the steps share
     * @param inputs every input with its leading step axis
     * @param resetEachStep whether to reset the state before every step instead of keeping it
     * @return every output, stacked along a new leading step axis
     * @throws InvalidInputException when an input has no step axis, the step counts differ, or an output changes
     *     shape from one step to the next
     */
    static Map<String, Tensor> run(Session session, Map<String, Tensor> inputs, boolean resetEachStep) {
        int steps = steps(inputs);
        List<Map<String, Tensor>> results = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            Map<String, Tensor> feed = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                feed.put(e.getKey(), step(e.getValue(), s));
            }
            if (resetEachStep) {
                session.reset();
            }
            results.add(session.run(feed));
        }
        return stack(results);
    }

    /** The common length of every input's leading axis. */
    static int steps(Map<String, Tensor> inputs) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("--sequence needs at least one input with a leading step axis");
        }
        int steps = -1;
        String first = null;
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            Shape shape = e.getValue().shape();
            if (shape.rank() == 0) {
                throw new InvalidInputException("--sequence: input '" + e.getKey() + "' is a scalar; every input needs"
                        + " a leading step axis");
            }
            int n = shape.dim(0);
            if (n < 1) {
                throw new InvalidInputException("--sequence: input '" + e.getKey() + "' has 0 steps");
            }
            if (steps >= 0 && n != steps) {
                throw new InvalidInputException("--sequence: input '" + e.getKey() + "' has " + n + " steps but input '"
                        + first + "' has " + steps);
            }
            steps = n;
            first = first == null ? e.getKey() : first;
        }
        return steps;
    }

    /** Step {@code s} of a tensor with a leading step axis: a view of its bytes, without the axis. */
    static Tensor step(Tensor sequence, int s) {
        int[] dims = sequence.shape().dims();
        TensorType type = sequence.type().withShape(Shape.of(Arrays.copyOfRange(dims, 1, dims.length)));
        int bytes = type.byteSize();
        ByteBuffer all = sequence.bytes();
        ByteBuffer slice = all.slice(Math.multiplyExact(s, bytes), bytes);
        return Tensor.wrap(type, slice).asReadOnly();
    }

    /** Stacks each output of every step along a new leading axis. */
    static Map<String, Tensor> stack(List<Map<String, Tensor>> steps) {
        Map<String, Tensor> stacked = new LinkedHashMap<>();
        for (String name : steps.get(0).keySet()) {
            TensorType first = steps.get(0).get(name).type();
            int[] dims = first.shape().dims();
            int[] withSteps = new int[dims.length + 1];
            withSteps[0] = steps.size();
            System.arraycopy(dims, 0, withSteps, 1, dims.length);
            Tensor out = Tensor.allocate(first.withShape(Shape.of(withSteps)));
            ByteBuffer target = out.bytes();
            for (int s = 0; s < steps.size(); s++) {
                Tensor t = steps.get(s).get(name);
                if (!t.type().equals(first)) {
                    throw new InvalidInputException("--sequence: output '" + name + "' is " + t.type() + " at step " + s
                            + " but " + first + " at step 0: outputs of a sequence must keep their type");
                }
                target.put(Math.multiplyExact(s, first.byteSize()), t.bytes(), 0, first.byteSize());
            }
            stacked.put(name, out);
        }
        return stacked;
    }
}
