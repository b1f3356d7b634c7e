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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for QuantizeLinear. Floating inputs (float32, float16, bfloat16, float64): the ONNX form
 * with scale and zero point inputs, per tensor or per axis, outputs int8 / uint8 / int16 / uint16
 * chosen by the zero point's type (uint8 when it is absent), values on exact halves (round half
 * to even) and far outside the range (saturation). Integer inputs (int8, uint8, int16, int32):
 * TFLite's requantizing QUANTIZE with the declared output type and quantization.
 */
public final class QuantizeLinearCases implements CaseGenerator {

    private static final OpId OP = OpId.of("QuantizeLinear");
    private static final DataType[] OUTPUTS = {DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16};
    private static final DataType[] REQUANTIZE = {DataType.INT8, DataType.UINT8, DataType.INT16, DataType.INT32};

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(
                DataType.FLOAT32,
                DataType.FLOAT16,
                DataType.BFLOAT16,
                DataType.FLOAT64,
                DataType.INT8,
                DataType.UINT8,
                DataType.INT16,
                DataType.INT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // rank, dims x3, output type, zero point present, per-axis, axis pick, scale pick
        return Gens.tuples(Knobs.of(0, 3, 1, 4, 1, 4, 1, 4, 0, 3, 0, 1, 0, 1, 0, 2, 0, 5), QuantGens.seeds())
                .map(t -> claim.dataType().isFloatingPoint()
                        ? onnx(claim.dataType(), t.first(), t.second())
                        : requantize(claim.dataType(), t.first(), t.second()));
    }

    private static Shape shape(int[] k) {
        int[] dims = java.util.Arrays.copyOfRange(k, 1, 1 + k[0]);
        return Shape.of(dims);
    }

    private static OpCase onnx(DataType type, int[] k, long seed) {
        Shape shape = shape(k);
        DataType out = OUTPUTS[k[4]];
        boolean hasZp = k[5] == 1 || out != DataType.UINT8;
        boolean perAxis = k[6] == 1 && shape.rank() > 0;
        int axis = perAxis ? k[7] % shape.rank() : -1;
        int n = perAxis ? shape.dim(axis) : 1;
        float base = new float[] {0.5f, 0.0625f, 1f, 0.01f, 2.5f, 0.003f}[k[8]];
        float[] scales = OnnxQuantParams.spread(base, n, seed);
        long[] zps = hasZp ? OnnxQuantParams.zeroPoints(out, n, seed >> 11) : new long[n];
        TensorType xt = TensorType.of(type, shape);
        Tensor x = Tensor.allocate(xt);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int inner = 1;
        for (int d = axis + 1; perAxis && d < shape.rank(); d++) {
            inner *= shape.dim(d);
        }
        for (int i = 0; i < x.elementCount(); i++) {
            int p = perAxis ? (i / inner) % n : 0;
            int pick = r.nextInt(4);
            // an exact half of a step (rounding), far outside the range (saturation), or anywhere
            double v = pick == 0
                    ? scales[p] * (r.nextInt(-40, 40) + 0.5)
                    : pick == 1
                            ? scales[p] * 70000 * (r.nextBoolean() ? 1 : -1)
                            : scales[p] * (r.nextDouble() * 600 - 300);
            x.setDouble(i, v);
        }
        Node.Builder b = Node.builder(OP).name("quantize").input(xt);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        DataType scaleType = type == DataType.FLOAT64 ? DataType.FLOAT32 : type;
        OnnxQuantParams.constant(b, inputs, OnnxQuantParams.scales(scaleType, scales, perAxis));
        if (hasZp) {
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(out, zps, perAxis));
        }
        if (perAxis) {
            b.attr("axis", (long) axis);
        }
        List<String> labels = new ArrayList<>(List.of("onnx", out.label(), perAxis ? "per-axis" : "per-tensor"));
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    private static OpCase requantize(DataType type, int[] k, long seed) {
        Shape shape = shape(k);
        DataType out = REQUANTIZE[k[4]];
        float inScale = new float[] {0.5f, 0.0625f, 1f, 0.01f, 2.5f, 0.003f}[k[8]];
        float outScale = inScale * new float[] {1f, 0.5f, 3f, 0.1f, 7.3f, 1.37f}[Math.floorMod(seed >> 3, 6)];
        long inZp = type == DataType.INT16 || type == DataType.INT32 ? 0 : OnnxQuantParams.zeroPoints(type, 1, seed)[0];
        long outZp =
                out == DataType.INT16 || out == DataType.INT32 ? 0 : OnnxQuantParams.zeroPoints(out, 1, seed >> 9)[0];
        TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(inScale, inZp));
        Tensor x = type == DataType.INT32
                ? QuantGens.fill(xt, seed, 0, -1_000_000, 1_000_000)
                : QuantGens.fill(xt, seed, inZp);
        Node node = Node.builder(OP)
                .name("quantize")
                .input(xt)
                .outputDataType(0, out)
                .outputQuantization(0, Quantization.perTensor(outScale, outZp))
                .build();
        return new OpCase(node, List.of(x), Set.of("requantize", type.label() + "->" + out.label()));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        if (type.isFloatingPoint()) {
            return Optional.of(Gens.ints(1, 4)
                    .map(n -> new InvalidNode(
                            Node.builder(OP)
                                    .name("quantize")
                                    .input(TensorType.of(type, Shape.of(2, n)))
                                    .input(TensorType.of(type, Shape.of(n + 1)))
                                    .attr("axis", 1L)
                                    .build(),
                            (n + 1) + " scales for an axis of " + n)));
        }
        return Optional.of(Gens.ints(1, 4)
                .map(n -> new InvalidNode(
                        Node.builder(OP)
                                .name("quantize")
                                .input(TensorType.of(type, Shape.of(n)))
                                .build(),
                        "integer input without quantization or declared output")));
    }
}
