package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for TFLite's SVDF: input [B, I], weights_feature [F, I], weights_time [F, M], optional bias
 * [F / rank], activation state [B, F * M] (its initial value, a plain input), attribute {@code rank}.
 * Int8 follows the keyword-spotting model's SVDF layers: int8 feature weights, int16 (or int8) time
 * weights and state, an int32 bias at state scale * time-weight scale, output quantization on the
 * node, sometimes the Relu the converter leaves on the node (TFLM, and so the reference, does not
 * apply it on the integer path). Float32 applies the node's activation. Shrinks toward batch 1, one filter, memory 1, no bias.
 * Invalid: wrong arity, a feature-weight width that does not match the input, (int8) an input
 * without quantization.
 */
public final class SvdfCases implements CaseGenerator {

    private static final OpId OP = OpId.parse("tflite:SVDF");
    /** State scales of the int8 path: the keyword-spotting model's lie in 0.0005..0.0044. */
    private static final float[] STATE_SCALES = {0.0044f, 0.00054f, 0.0018f, 0.0625f};
    /** Feature and time weight scales: the keyword-spotting model's lie in 0.0015..0.0092. */
    private static final float[] WEIGHT_SCALES = {0.0078125f, 0.0015f, 0.0037f, 0.0092f};
    /**
     * Output scale as a multiple of the one putting the typical filtered sum at about 40 steps:
     * 1 keeps most outputs inside the range, 4 makes them coarse, 0.25 saturates many.
     */
    private static final float[] OUTPUT_FACTORS = {1f, 0.25f, 4f};
    /** Activations of the float path, shrinking toward none. */
    private static final List<String> FLOAT_ACTIVATIONS = List.of("None", "Relu", "Tanh", "Sigmoid", "Clip");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.FLOAT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        boolean quantized = claim.dataType() == DataType.INT8;
        // batch, input, units, rank, memory, bias, int8 time weights/state, state scale, weight scales x2,
        // output factor, activation (float; int8: 1 leaves an unapplied Relu on the node)
        Gen<int[]> knobs = Knobs.of(1, 2, 1, 8, 1, 4, 1, 2, 1, 4, 0, 1, 0, 1, 0, 3, 0, 3, 0, 3, 0, 2, 0, 4);
        return Gens.tuples(
                        knobs,
                        Gens.tuples(QuantGens.activation(DataType.INT8), QuantGens.zeroPoint(DataType.INT8)),
                        QuantGens.seeds())
                .map(t -> quantized
                        ? quantizedCase(
                                t.first(), t.second().first(), t.second().second(), t.third())
                        : floatCase(t.first(), t.third()));
    }

    private static OpCase quantizedCase(int[] k, Quantization xq, long outZero, long seed) {
        int batch = k[0];
        int input = k[1];
        int filters = k[2] * k[3];
        int memory = k[4];
        boolean narrowState = k[6] == 1;
        DataType stateType = narrowState ? DataType.INT8 : DataType.INT16;
        float stateScale = STATE_SCALES[k[7]];
        float wfScale = WEIGHT_SCALES[k[8]];
        float wtScale = WEIGHT_SCALES[k[9]];
        int wtRange = narrowState ? 127 : 4096;
        int stateRange = narrowState ? 127 : 32767;
        // TFLite's SVDF state and time weights are symmetric
        Quantization sq = Quantization.perTensor(stateScale, 0);
        Quantization wtq = Quantization.perTensor(wtScale, 0);
        TensorType xt = TensorType.quantized(DataType.INT8, Shape.of(batch, input), xq);
        Tensor wf = QuantGens.fill(
                TensorType.quantized(DataType.INT8, Shape.of(filters, input), Quantization.perTensor(wfScale, 0)),
                seed + 1,
                0,
                -127,
                127);
        // time weights within +-4096 keep the int32 sum of rank * memory products of int16 state from wrapping
        Tensor wt = QuantGens.fill(
                TensorType.quantized(stateType, Shape.of(filters, memory), wtq), seed + 2, 0, -wtRange, wtRange);
        TensorType st = TensorType.quantized(stateType, Shape.of(batch, filters * memory), sq);
        Node.Builder b =
                Node.builder(OP).name("svdf").input(xt).constantInput(wf).constantInput(wt);
        List<Tensor> inputs = new ArrayList<>(List.of(QuantGens.fill(xt, seed, xq.zeroPoint()), wf, wt));
        List<String> labels = new ArrayList<>(
                List.of(stateType.label() + " state", "rank " + k[3], batch > 1 ? "batched" : "batch 1"));
        if (k[11] == 1) {
            FusedActivation.RELU.writeTo(b.attributes());
            labels.add("Relu attribute (not applied)");
        }
        addBias(
                b,
                inputs,
                labels,
                k[5] == 1,
                TensorType.quantized(DataType.INT32, Shape.of(k[2]), Quantization.perTensor(stateScale * wtScale, 0)),
                seed + 3,
                (long) wtRange * stateRange);
        b.input(st).attr("rank", (long) k[3]);
        inputs.add(QuantGens.fill(st, seed + 4, 0));
        // a sum of n products of uniform values in +-a and +-b has a spread of about sqrt(n) a b / 3
        double spread = Math.sqrt(k[3] * memory) * wtRange * stateRange / 3.0 * stateScale * wtScale;
        b.outputQuantization(0, Quantization.perTensor((float) (spread / 40 * OUTPUT_FACTORS[k[10]]), outZero));
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    private static OpCase floatCase(int[] k, long seed) {
        int batch = k[0];
        int input = k[1];
        int filters = k[2] * k[3];
        int memory = k[4];
        TensorType xt = TensorType.of(DataType.FLOAT32, Shape.of(batch, input));
        Tensor wf = QuantGens.fillFloats(TensorType.of(DataType.FLOAT32, Shape.of(filters, input)), seed + 1, 1f);
        Tensor wt = QuantGens.fillFloats(TensorType.of(DataType.FLOAT32, Shape.of(filters, memory)), seed + 2, 1f);
        TensorType st = TensorType.of(DataType.FLOAT32, Shape.of(batch, filters * memory));
        Node.Builder b =
                Node.builder(OP).name("svdf").input(xt).constantInput(wf).constantInput(wt);
        List<Tensor> inputs = new ArrayList<>(List.of(QuantGens.fillFloats(xt, seed, 4f), wf, wt));
        String activation = FLOAT_ACTIVATIONS.get(k[11]);
        List<String> labels =
                new ArrayList<>(List.of("rank " + k[3], batch > 1 ? "batched" : "batch 1", "activation " + activation));
        addBias(b, inputs, labels, k[5] == 1, TensorType.of(DataType.FLOAT32, Shape.of(k[2])), seed + 3, 0);
        b.input(st).attr("rank", (long) k[3]);
        inputs.add(QuantGens.fillFloats(st, seed + 4, 2f));
        QuantGens.applyActivation(b, activation);
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    /** Input 3: a constant bias, or an absent one. {@code range} 0 means float data. */
    private static void addBias(
            Node.Builder b,
            List<Tensor> inputs,
            List<String> labels,
            boolean present,
            TensorType type,
            long seed,
            long range) {
        if (!present) {
            b.absentInput();
            inputs.add(null);
            return;
        }
        Tensor bias = range == 0 ? QuantGens.fillFloats(type, seed, 2f) : QuantGens.fill(type, seed, 0, -range, range);
        b.constantInput(bias);
        inputs.add(bias);
        labels.add("bias");
    }

    @Override
    public int reductionSize(OpCase c) {
        // each output sums rank * memory state terms, each a sum of input-width products
        Shape wf = c.node().inputType(1).shape();
        Shape wt = c.node().inputType(2).shape();
        return wf.dim(1) * wt.dim(1) * (int) c.node().attributes().getLong("rank", 1);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        boolean quantized = claim.dataType() == DataType.INT8;
        Quantization q = Quantization.perTensor(0.0625f, 0);
        return Optional.of(Knobs.of(0, 2, 1, 4).map(k -> {
            int n = k[1];
            TensorType x = type(quantized, DataType.INT8, Shape.of(1, n), q);
            TensorType wf = type(quantized, DataType.INT8, Shape.of(2, n), q);
            TensorType wt = type(quantized, DataType.INT16, Shape.of(2, 3), q);
            TensorType st = type(quantized, DataType.INT16, Shape.of(1, 6), q);
            Node.Builder b = Node.builder(OP).name("svdf");
            if (quantized) {
                b.outputQuantization(0, q);
            }
            String why;
            switch (k[0]) {
                case 0 -> {
                    b.input(x).input(wf).input(wt);
                    why = "wrong arity: 3 inputs";
                }
                case 1 -> {
                    b.input(x)
                            .input(type(quantized, DataType.INT8, Shape.of(2, n + 1), q))
                            .input(wt)
                            .absentInput()
                            .input(st);
                    why = "weights_feature width " + (n + 1) + " for an input of width " + n;
                }
                default -> {
                    b.input(
                                    quantized
                                            ? TensorType.of(DataType.INT8, Shape.of(1, n))
                                            : TensorType.of(DataType.FLOAT32, Shape.of(1, n)))
                            .input(wf)
                            .input(wt)
                            .absentInput()
                            .input(quantized ? st : TensorType.of(DataType.FLOAT32, Shape.of(1, 7)));
                    why = quantized
                            ? "input without quantization"
                            : "state of 7 values for batch 1 x 2 filters x memory 3";
                }
            }
            return new InvalidNode(b.build(), why);
        }));
    }

    private static TensorType type(boolean quantized, DataType type, Shape shape, Quantization q) {
        return quantized ? TensorType.quantized(type, shape, q) : TensorType.of(DataType.FLOAT32, shape);
    }
}
