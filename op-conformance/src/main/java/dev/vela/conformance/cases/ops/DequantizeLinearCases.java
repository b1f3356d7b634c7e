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
 * Cases for DequantizeLinear (int4, uint4 packed two per byte; int8, uint8, int16, uint16, int32): the ONNX form with scale (float32
 * or float16) and zero point inputs, per tensor or per axis, zero points at the extremes (absent
 * for int32), and TFLite's DEQUANTIZE with the quantization on the input type (per axis too).
 */
public final class DequantizeLinearCases implements CaseGenerator {

    private static final OpId OP = OpId.of("DequantizeLinear");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(
                DataType.INT4,
                DataType.UINT4,
                DataType.INT8,
                DataType.UINT8,
                DataType.INT16,
                DataType.UINT16,
                DataType.INT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // rank, dims x3, form (0 onnx, 1 tflite), zero point present, per-axis, axis pick, scale pick, float16 scale
        return Gens.tuples(Knobs.of(0, 3, 1, 4, 1, 4, 1, 4, 0, 1, 0, 1, 0, 1, 0, 2, 0, 3, 0, 1), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    long seed = t.second();
                    DataType type = claim.dataType();
                    Shape shape = Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + k[0]));
                    boolean perAxis = k[6] == 1 && shape.rank() > 0;
                    int axis = perAxis ? k[7] % shape.rank() : -1;
                    int n = perAxis ? shape.dim(axis) : 1;
                    float[] scales = OnnxQuantParams.spread(new float[] {0.5f, 0.0625f, 0.01f, 3f}[k[8]], n, seed);
                    boolean hasZp = k[5] == 1 && type != DataType.INT32;
                    long[] zps = hasZp ? OnnxQuantParams.zeroPoints(type, n, seed >> 13) : new long[n];
                    List<String> labels = new ArrayList<>(List.of(perAxis ? "per-axis" : "per-tensor"));
                    if (k[4] == 1) {
                        Quantization q = perAxis
                                ? Quantization.perAxis(axis, scales, zps)
                                : Quantization.perTensor(scales[0], zps[0]);
                        TensorType xt = TensorType.quantized(type, shape, q);
                        labels.add("tflite");
                        return new OpCase(
                                Node.builder(OP).name("dequantize").input(xt).build(),
                                List.of(fill(xt, seed)),
                                Set.copyOf(labels));
                    }
                    TensorType xt = TensorType.of(type, shape);
                    Node.Builder b = Node.builder(OP).name("dequantize").input(xt);
                    List<Tensor> inputs = new ArrayList<>(List.of(fill(xt, seed)));
                    DataType scaleType = k[9] == 1 ? DataType.FLOAT16 : DataType.FLOAT32;
                    OnnxQuantParams.constant(b, inputs, OnnxQuantParams.scales(scaleType, scales, perAxis));
                    if (hasZp) {
                        OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, zps, perAxis));
                    }
                    if (perAxis) {
                        b.attr("axis", (long) axis);
                    }
                    labels.add("onnx");
                    labels.add(scaleType.label() + " scale");
                    return new OpCase(b.build(), inputs, Set.copyOf(labels));
                });
    }

    private static Tensor fill(TensorType t, long seed) {
        return QuantGens.fill(t, seed, 0);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(1, 4)
                .map(n -> new InvalidNode(
                        Node.builder(OP)
                                .name("dequantize")
                                .input(TensorType.of(type, Shape.of(n)))
                                .build(),
                        "no quantization and no scale input")));
    }
}
