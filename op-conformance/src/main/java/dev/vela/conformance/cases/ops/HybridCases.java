package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
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
 * Cases for the dynamic-range ("hybrid") kernels TFLite runs on float activations with int8 weights
 * (docs/architecture.md D15): Gemm (A [M, K] float32, constant symmetric int8 B [N, K] with {@code transB = 1} or
 * [K, N], per tensor or per output channel, optional float bias [N], {@code asymmetric_quantize_inputs} 0 or 1) and
 * Conv (group 1, dilation 1, NHWC or NCHW, constant symmetric int8 weights per tensor or per channel, optional float
 * bias). They share the float32 claim of Gemm and Conv, since a claim names input 0's type: a kernel that claims
 * float32 Gemm or Conv must either compute these nodes as the reference does or decline them in {@code supports()}.
 * Inputs include all-zero rows (TFLite's shortcut) and rows far from zero (large asymmetric offsets).
 */
public final class HybridCases implements CaseGenerator {

    private final OpId op;
    private final boolean gemm;

    private HybridCases(String op) {
        this.op = OpId.of(op);
        this.gemm = op.equals("Gemm");
    }

    /** @return the hybrid Gemm and Conv generators */
    public static List<CaseGenerator> all() {
        return List.of(new HybridCases("Gemm"), new HybridCases("Conv"));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32);
    }

    @Override
    public boolean covers(KernelClaim claim) {
        return claim.op().equals(op)
                && claim.dataType() == DataType.FLOAT32
                && (gemm || claim.layout() == Layout.NHWC || claim.layout() == Layout.NCHW);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return gemm ? gemmCases() : convCases(claim.layout() == Layout.NCHW ? Layout.NCHW : Layout.NHWC);
    }

    /** Knobs: M, K, N, transB, per channel, bias, asymmetric inputs, input kind (0 any, 1 zero, 2 offset). */
    private Gen<OpCase> gemmCases() {
        return Gens.tuples(Knobs.of(1, 4, 1, 12, 1, 6, 0, 1, 0, 1, 0, 1, 0, 1, 0, 2), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    long seed = t.second();
                    int m = k[0];
                    int depth = k[1];
                    int n = k[2];
                    boolean transB = k[3] == 1;
                    Shape ws = transB ? Shape.of(n, depth) : Shape.of(depth, n);
                    Tensor w = weights(ws, k[4] == 1 ? n : 1, transB ? 0 : 1, seed);
                    Node.Builder b = Node.builder(op)
                            .name("hybrid_gemm")
                            .input(TensorType.of(DataType.FLOAT32, Shape.of(m, depth)))
                            .constantInput(w)
                            .attr("transB", (long) k[3])
                            .attr("asymmetric_quantize_inputs", (long) k[6]);
                    if (k[5] == 1) {
                        b.constantInput(
                                QuantGens.fillFloats(TensorType.of(DataType.FLOAT32, Shape.of(n)), seed + 2, 2f));
                    }
                    Tensor a = activations(TensorType.of(DataType.FLOAT32, Shape.of(m, depth)), k[7], seed + 1);
                    return CaseSupport.caseOf(b.build(), List.of(a), labels(k[4] == 1, k[6] == 1, k[7]));
                });
    }

    /** Knobs: batch, H, W, C, M, kernel, stride, same padding, per channel, bias, input kind. */
    private Gen<OpCase> convCases(Layout layout) {
        return Gens.tuples(
                        Knobs.of(1, 2, 1, 6, 1, 6, 1, 3, 1, 4, 1, 3, 1, 2, 0, 1, 0, 1, 0, 1, 0, 2), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    long seed = t.second();
                    int kernel = Math.min(k[5], Math.min(k[1], k[2]));
                    int c = k[3];
                    int m = k[4];
                    Shape xs = layout == Layout.NHWC ? Shape.of(k[0], k[1], k[2], c) : Shape.of(k[0], c, k[1], k[2]);
                    Shape ws = layout == Layout.NHWC ? Shape.of(m, kernel, kernel, c) : Shape.of(m, c, kernel, kernel);
                    Tensor w = weights(ws, k[8] == 1 ? m : 1, 0, seed);
                    Node.Builder b = Node.builder(op)
                            .name("hybrid_conv")
                            .input(TensorType.of(DataType.FLOAT32, xs))
                            .constantInput(w)
                            .attr("data_format", layout.name())
                            .attr("kernel_shape", kernel, kernel)
                            .attr("strides", k[6], k[6])
                            .attr("auto_pad", k[7] == 1 ? "SAME_UPPER" : "VALID");
                    if (k[9] == 1) {
                        b.constantInput(
                                QuantGens.fillFloats(TensorType.of(DataType.FLOAT32, Shape.of(m)), seed + 2, 2f));
                    }
                    Tensor x = activations(TensorType.of(DataType.FLOAT32, xs), k[10], seed + 1);
                    return CaseSupport.caseOf(b.build(), List.of(x), labels(k[8] == 1, k[8] == 1, k[10]));
                });
    }

    /** Symmetric int8 weights over the full range, one scale per tensor or per channel of {@code axis}. */
    private static Tensor weights(Shape shape, int channels, int axis, long seed) {
        float[] scales = OnnxQuantParams.spread(0.02f, channels, seed);
        Quantization q = channels == 1
                ? Quantization.perTensor(scales[0], 0)
                : Quantization.perAxis(axis, scales, new long[channels]);
        // -128 is outside TFLite's symmetric weight range; the generator keeps to [-127, 127]
        return QuantGens.fill(TensorType.quantized(DataType.INT8, shape, q), seed, 0, -127, 127);
    }

    /** Float activations: any in [-4, 4], all zero, or shifted to [1, 9] (an offset far from zero). */
    private static Tensor activations(TensorType type, int kind, long seed) {
        Tensor t = QuantGens.fillFloats(type, seed, 4f);
        for (int i = 0; i < t.elementCount(); i++) {
            double v = t.getDouble(i);
            t.setDouble(i, kind == 1 ? 0 : kind == 2 ? v + 5 : v);
        }
        return t;
    }

    private static String[] labels(boolean perChannel, boolean asymmetric, int kind) {
        List<String> l = new ArrayList<>(List.of(
                "hybrid",
                perChannel ? "per-channel" : "per-tensor",
                asymmetric ? "asymmetric inputs" : "symmetric inputs"));
        if (kind == 1) {
            l.add("zero input");
        } else if (kind == 2) {
            l.add("offset input");
        }
        return l.toArray(String[]::new);
    }

    /**
     * Gemm: weights whose inner dimension differs from the input's, and weights with a zero point (hybrid weights are
     * symmetric). Conv's invalid nodes come from {@link ConvCases}, which covers the same claims.
     */
    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        if (!gemm) {
            return Optional.empty();
        }
        return Optional.of(Gens.tuples(Gens.ints(1, 4), Gens.ints(1, 3)).map(t -> {
            int k = t.first() + 1;
            TensorType a = TensorType.of(DataType.FLOAT32, Shape.of(2, k));
            if (t.second() == 1) {
                Tensor w = QuantGens.fill(
                        TensorType.quantized(DataType.INT8, Shape.of(3, k + 1), Quantization.perTensor(0.1f, 0)),
                        k,
                        0,
                        -127,
                        127);
                return new InvalidNode(
                        Node.builder(op)
                                .name("hybrid_gemm")
                                .input(a)
                                .constantInput(w)
                                .attr("transB", 1L)
                                .build(),
                        "inner dimensions " + k + " and " + (k + 1));
            }
            Tensor w = QuantGens.fill(
                    TensorType.quantized(DataType.INT8, Shape.of(3, k), Quantization.perTensor(0.1f, t.second())),
                    k,
                    0,
                    -127,
                    127);
            return new InvalidNode(
                    Node.builder(op)
                            .name("hybrid_gemm")
                            .input(a)
                            .constantInput(w)
                            .attr("transB", 1L)
                            .build(),
                    "int8 weights with zero point " + t.second());
        }));
    }
}
