package dev.vela.runtime.convert;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.runtime.quantize.QuantizationMath;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
public record ModelComparison(List<OutputAgreement> outputs, List<NodeTypes> typesBefore, List<NodeTypes> typesAfter) {

    /**
     * @param original the model before conversion
     * @param converted the model after conversion
     * @param samples the inputs
     * @param progress told the number of samples done after each one
     * @return the agreement per output
     */
    public static ModelComparison run(
            Model original, Model converted, List<Map<String, Tensor>> samples, IntConsumer progress) {
        List<OutputAgreement> outputs = new ArrayList<>();
        for (ValueSpec out : original.outputs()) {
            outputs.add(new OutputAgreement(out.name()));
        }
        try (Session before = original.newSession();
                Session after = converted.newSession()) {
            int done = 0;
            for (Map<String, Tensor> sample : samples) {
                // samples are independent: no LSTM state carries from one to the next
                Map<String, Tensor> expected = before.reset().run(sample);
                Map<String, Tensor> actual = after.reset().run(asDeclared(sample, converted.inputs()));
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

    /**
     * @param sample inputs by name
     * @param inputs the inputs a model declares
     * @return the sample as the model declares its inputs: a float sample of an input the converted model takes
     * quantized (an int8-I/O package) is quantized with the declared parameters; others pass unchanged.
     */
    public static Map<String, Tensor> asDeclared(Map<String, Tensor> sample, List<ValueSpec> inputs) {
        Map<String, Tensor> adapted = new LinkedHashMap<>(sample);
        for (ValueSpec in : inputs) {
            Tensor t = sample.get(in.name());
            Quantization q = in.quantization().orElse(null);
            if (t == null
                    || q == null
                    || q.isPerAxis()
                    || !t.dataType().isFloatingPoint()
                    || in.dataType() == null
                    || in.dataType().isFloatingPoint()) {
                continue;
            }
            DataType type = in.dataType();
            long lo = type.isSigned() ? -(1L << (8 * type.byteSize() - 1)) : 0;
            long hi = type.isSigned() ? (1L << (8 * type.byteSize() - 1)) - 1 : (1L << (8 * type.byteSize())) - 1;
            Tensor quantized = Tensor.allocate(TensorType.quantized(type, t.shape(), q));
            for (int i = 0; i < t.elementCount(); i++) {
                quantized.setLong(i, QuantizationMath.quantize(t.getDouble(i), q.scale(), q.zeroPoint(), lo, hi));
            }
            adapted.put(in.name(), quantized);
        }
        return adapted;
    }
}
