package dev.vela.runtime.convert;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.exec.NodeTypes;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs the original and the converted model on the same samples and measures their agreement per output.
 *
 * @param outputs per output of the original model, in its order
 * @param typesBefore per node of the original model, the types its last run saw (for MACs)
 * @param typesAfter the same for the converted model
 */
public record ModelComparison(List<OutputAgreement> outputs, List<NodeTypes> typesBefore,
        List<NodeTypes> typesAfter) {

    /**
     * @param original the model before conversion
     * @param converted the model after conversion
     * @param samples the inputs
     * @param progress told the number of samples done after each one
     * @return the agreement per output
     */
    public static ModelComparison run(Model original, Model converted, List<Map<String, Tensor>> samples,
            IntConsumer progress) {
        List<OutputAgreement> outputs = new ArrayList<>();
        for (ValueSpec out : original.outputs()) {
            outputs.add(new OutputAgreement(out.name()));
        }
        try (Session before = original.newSession(); Session after = converted.newSession()) {
            int done = 0;
            for (Map<String, Tensor> sample : samples) {
                Map<String, Tensor> expected = before.run(sample);
                Map<String, Tensor> actual = after.run(sample);
                for (OutputAgreement o : outputs) {
                    Tensor a = actual.get(o.name());
                    if (a == null) {
                        throw new IllegalStateException("the converted model has no output '" + o.name() + "'");
                    }
                    o.add(expected.get(o.name()), a);
                }
                progress.accept(++done);
            }
            return new ModelComparison(outputs, before.nodeTypes(), after.nodeTypes());
        }
    }
}
