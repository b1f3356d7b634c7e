package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Holds a run's results to the shapes the model declares for its outputs: the rank, and every dimension the model
 * fixes (symbolic ones may take any size). A model whose computation contradicts its own declaration (a corrupt
 * attribute or dimension) otherwise hands the caller a tensor of a shape it was promised it would not get.
 */
final class DeclaredOutputs {

    private DeclaredOutputs() {}

    /**
     * @param graph the graph, for its name
     * @param declared the declared output
     * @param result what the run computed for it
     * @throws InvalidGraphException when the shapes disagree
     */
    static void check(Graph graph, ValueSpec declared, Tensor result) {
        int[] actual = result.shape().dims();
        if (!agrees(declared, actual)) {
            throw new InvalidGraphException("graph '" + graph.name() + "': output '" + declared.name()
                    + "' was computed with shape " + Arrays.toString(actual) + " but the model declares "
                    + declared.shapeText() + " (a dimension or attribute of the model contradicts its declaration)");
        }
    }

    /**
     * Checks, before a node runs, the output type its kernel inferred against the shape the model declares for that
     * value (TFLite declares every tensor, ONNX its value_info): a contradiction fails at the first node that shows
     * it, instead of after running the rest of the graph on a shape the model never meant (which, for a corrupt
     * input dimension, can be thousands of times the work).
     *
     * @param node the node
     * @param output the output position
     * @param inferred the type the kernel will produce
     * @throws InvalidGraphException when the shapes disagree
     */
    static void check(GraphNode node, int output, TensorType inferred) {
        Optional<ValueSpec> declared = node.declaredOutput(output);
        if (declared.isEmpty()
                || output >= node.outputs().size()
                || node.outputs().get(output).isEmpty()) {
            return;
        }
        int[] actual = inferred.shape().dims();
        if (!agrees(declared.get(), actual)) {
            throw new InvalidGraphException(
                    node.describe() + ": output '" + node.outputs().get(output)
                            + "' would have shape " + Arrays.toString(actual) + " but the model declares "
                            + declared.get().shapeText()
                            + " (a dimension or attribute of the model contradicts its declaration)");
        }
    }

    private static boolean agrees(ValueSpec declared, int[] actual) {
        if (!declared.hasShape()) {
            return true;
        }
        boolean agrees = actual.length == declared.rank();
        for (int i = 0; agrees && i < actual.length; i++) {
            agrees = declared.dim(i) == ValueSpec.UNKNOWN || declared.dim(i) == actual[i];
        }
        return agrees;
    }
}
