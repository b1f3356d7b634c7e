package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.Arrays;

/**
 * Holds a run's results to the shapes the model declares for its outputs: the rank, and every dimension the model
 * fixes (symbolic ones may take any size). A model whose computation contradicts its own declaration (a corrupt
 * attribute or dimension) otherwise hands the caller a tensor of a shape it was promised it would not get.
 */
final class DeclaredOutputs {

    private DeclaredOutputs() {
    }

    /**
     * @param graph the graph, for its name
     * @param declared the declared output
     * @param result what the run computed for it
     * @throws InvalidGraphException when the shapes disagree
     */
    static void check(Graph graph, ValueSpec declared, Tensor result) {
        if (!declared.hasShape()) {
            return;
        }
        int[] actual = result.shape().dims();
        boolean agrees = actual.length == declared.rank();
        for (int i = 0; agrees && i < actual.length; i++) {
            agrees = declared.dim(i) == ValueSpec.UNKNOWN || declared.dim(i) == actual[i];
        }
        if (!agrees) {
            throw new InvalidGraphException("graph '" + graph.name() + "': output '" + declared.name()
                    + "' was computed with shape " + Arrays.toString(actual) + " but the model declares "
                    + declared.shapeText() + " (a dimension or attribute of the model contradicts its declaration)");
        }
    }
}
