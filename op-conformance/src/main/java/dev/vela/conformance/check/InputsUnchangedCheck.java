package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Input immutability. Inputs are handed over writable here, as native code sees memory, so a
 * kernel that writes them is caught by comparing their bytes before and after, rather than
 * stopped by a read-only view that native code would ignore.
 */
public final class InputsUnchangedCheck extends CaseCheck {

    @Override
    public String id() {
        return "inputs-unchanged";
    }

    @Override
    public String title() {
        return "inputs are not modified";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> before = new ArrayList<>();
        for (Tensor t : c.inputs()) {
            inputs.add(t == null ? null : Harness.copy(t));
            before.add(t == null ? null : Harness.copy(t));
        }
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            List<Tensor> outputs = Harness.allocate(Harness.outputTypes(k), (byte) 0);
            try {
                k.invoke(new WritableInputs(inputs, outputs, Harness.scratch(k), Harness.freshState(k)));
            } catch (RuntimeException e) {
                throw new CheckFailure("invoke() threw on a supported node: " + e, e);
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                continue;
            }
            int e = Harness.firstDifferentElement(inputs.get(i), before.get(i));
            if (e >= 0) {
                throw new CheckFailure("input " + i + " was modified: element " + Harness.element(inputs.get(i), e)
                        + ", was " + Harness.element(before.get(i), e));
            }
        }
    }

    /** An invocation whose inputs are writable views. */
    private record WritableInputs(
            List<Tensor> inputs, List<Tensor> outputs, ByteBuffer scratchBuffer, List<Tensor> state)
            implements Invocation {
        @Override
        public int inputCount() {
            return inputs.size();
        }

        @Override
        public boolean hasInput(int index) {
            return index >= 0 && index < inputs.size() && inputs.get(index) != null;
        }

        @Override
        public Tensor input(int index) {
            if (!hasInput(index)) {
                throw new IllegalArgumentException("input " + index + " is absent");
            }
            return inputs.get(index);
        }

        @Override
        public int outputCount() {
            return outputs.size();
        }

        @Override
        public Tensor output(int index) {
            return outputs.get(index);
        }

        @Override
        public ByteBuffer scratch() {
            return scratchBuffer.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public int stateCount() {
            return state.size();
        }

        @Override
        public Tensor state(int index) {
            return state.get(index);
        }
    }
}
