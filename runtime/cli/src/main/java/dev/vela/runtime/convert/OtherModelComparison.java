package dev.vela.runtime.convert;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a third model (e.g. the official int8 version of the same network) on the samples of a comparison, beside the
 * original and the converted one: how the converted model agrees with it, and how it agrees with the original.
 * Inputs and outputs are matched by position; float samples are quantized for an int8 input with its declared
 * parameters, and int8 outputs compare as real values.
 *
 * @param convertedVsOther per output: the other model's output as expected, the converted one's as actual
 * @param otherVsOriginal per output: the original's output as expected, the other model's as actual
 */
public record OtherModelComparison(List<OutputAgreement> convertedVsOther, List<OutputAgreement> otherVsOriginal) {

    /**
     * @param original the model before conversion
     * @param converted the converted model
     * @param other the third model, with as many inputs and outputs as the original
     * @param samples inputs of the original
     * @return the agreements per output
     * @throws IllegalArgumentException when the other model's inputs or outputs do not match in number
     */
    public static OtherModelComparison run(
            Model original, Model converted, Model other, List<Map<String, Tensor>> samples) {
        if (other.inputs().size() != original.inputs().size()
                || other.outputs().size() != original.outputs().size()) {
            throw new IllegalArgumentException(
                    other.source() + " has " + other.inputs().size() + " inputs and "
                            + other.outputs().size() + " outputs; the original has "
                            + original.inputs().size() + " and "
                            + original.outputs().size());
        }
        List<OutputAgreement> mine = new ArrayList<>();
        List<OutputAgreement> theirs = new ArrayList<>();
        for (ValueSpec out : original.outputs()) {
            mine.add(new OutputAgreement(out.name()));
            theirs.add(new OutputAgreement(out.name()));
        }
        try (Session before = original.newSession();
                Session after = converted.newSession();
                Session third = other.newSession()) {
            for (Map<String, Tensor> sample : samples) {
                // samples are independent: no LSTM state carries from one to the next
                Map<String, Tensor> expected = before.reset().run(sample);
                Map<String, Tensor> actual = after.reset().run(ModelComparison.asDeclared(sample, converted.inputs()));
                Map<String, Tensor> renamed = new LinkedHashMap<>();
                for (int i = 0; i < original.inputs().size(); i++) {
                    renamed.put(
                            other.inputs().get(i).name(),
                            sample.get(original.inputs().get(i).name()));
                }
                Map<String, Tensor> reference = third.reset().run(ModelComparison.asDeclared(renamed, other.inputs()));
                for (int i = 0; i < original.outputs().size(); i++) {
                    String name = original.outputs().get(i).name();
                    Tensor o = reference.get(other.outputs().get(i).name());
                    mine.get(i).add(o, actual.get(name));
                    theirs.get(i).add(expected.get(name), o);
                }
            }
        }
        return new OtherModelComparison(mine, theirs);
    }
}
