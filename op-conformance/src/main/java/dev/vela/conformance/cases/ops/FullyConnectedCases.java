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
 * Cases for TFLite's quantized FULLY_CONNECTED as ONNX Gemm (A [M, K], B [N, K] with transB = 1 or
 * [K, N], optional bias) and MatMul (A [..., M, K], B [K, N]): int8 with per-tensor or per-channel
 * symmetric weights, uint8 with a weight zero point, int16x8 with int32 or int64 bias; zero points
 * at the extremes, saturating output scales, fused Relu / Clip (Gemm), plus the fully-connected
 * layers of the real models (Gemm). One case in four, and the first six of every run (one per edge), has an
 * effective multiplier at a requantization edge ({@link ConvQuantization#EDGE_MULTIPLIERS}) with small data, so
 * that rounding ties, TFLite's two roundings and the left-shift path decide outputs on purpose.
 */
public final class FullyConnectedCases implements CaseGenerator {

    private static final List<Float> OUTPUT_FACTORS = List.of(1f, 0.05f, 8f);

    private final OpId op;
    private final boolean gemm;

    /** @param op "Gemm" or "MatMul" */
    public FullyConnectedCases(String op) {
        this.op = OpId.of(op);
        this.gemm = op.equals("Gemm");
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // M, K, N, batch (MatMul), transB, bias, per-channel, output factor, activation, int64 bias
        Gen<int[]> knobs = Knobs.of(1, 4, 1, 24, 1, 6, 0, 2, 0, 1, 0, 1, 0, 1, 0, 2, 0, 2, 0, 1);
        Gen<OpCase> generated = Gens.tuples(
                        knobs,
                        Gens.tuples(QuantGens.activation(type), QuantGens.activation(type)),
                        Gens.tuples(QuantGens.scale(), QuantGens.seeds()))
                .map(t -> build(
                        type,
                        t.first(),
                        t.second().first(),
                        t.second().second(),
                        t.third().first(),
                        t.third().second(),
                        -1));
        Gen<OpCase> withEdges = Gens.frequency(
                Gens.weighted(3, generated),
                Gens.weighted(1, edgeCases(type, knobs, Gens.ints(0, ConvQuantization.EDGE_MULTIPLIERS.length - 1))));
        Gen<OpCase> rest = gemm ? ModelLayers.mixedInto(withEdges, claim) : withEdges;
        // the first cases of a run: each requantization edge once
        List<Gen<OpCase>> first = new ArrayList<>();
        for (int e = 0; e < ConvQuantization.EDGE_MULTIPLIERS.length; e++) {
            first.add(edgeCases(type, knobs, Gens.constant(e)));
        }
        return Gens.firstCases(rest, first);
    }

    /** Cases whose effective multiplier is a requantization edge ({@link ConvQuantization#edge}), with small data. */
    private Gen<OpCase> edgeCases(DataType type, Gen<int[]> knobs, Gen<Integer> edges) {
        // at least 3 x 5 outputs and no fused activation: a tie is met by some outputs, and a clamp hides them
        Gen<int[]> sized = knobs.map(k -> {
            int[] c = k.clone();
            c[0] = Math.max(3, c[0]);
            c[2] = Math.max(5, c[2]);
            c[8] = 0;
            return c;
        });
        return Gens.tuples(
                        sized,
                        Gens.tuples(QuantGens.activation(type), QuantGens.activation(type)),
                        Gens.tuples(QuantGens.scale(), QuantGens.seeds(), edges))
                .map(t -> build(
                        type,
                        t.first(),
                        t.second().first(),
                        t.second().second(),
                        t.third().first(),
                        t.third().second(),
                        t.third().third()));
    }

    private OpCase build(DataType type, int[] k, Quantization xq, Quantization yq, float ws, long seed, int edge) {
        int m = k[0];
        int kk = k[1];
        int n = k[2];
        boolean transB = gemm && k[4] == 1;
        boolean bias = gemm && k[5] == 1;
        boolean perChannel = k[6] == 1 && type != DataType.UINT8 && (gemm ? transB : false);
        if (edge >= 0) {
            perChannel = false;
        }
        ConvQuantization q = edge >= 0
                ? ConvQuantization.edge(type, xq, yq, ws, edge, seed)
                : ConvQuantization.of(type, xq, yq, perChannel, ws, OUTPUT_FACTORS.get(k[7]), n, kk, seed);
        Shape as = !gemm && k[3] > 0 ? Shape.of(k[3], m, kk) : Shape.of(m, kk);
        Shape bs = transB ? Shape.of(n, kk) : Shape.of(kk, n);
        DataType wt = type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        Quantization wq = q.weights();
        if (!transB && wq.isPerAxis()) {
            wq = Quantization.perTensor(wq.scale(0), 0);
        }
        TensorType at = TensorType.quantized(type, as, q.input());
        TensorType btype = TensorType.quantized(wt, bs, wq);
        Tensor weights;
        Tensor x;
        List<String> labels = new ArrayList<>();
        if (edge >= 0) {
            // small data, so that the products of an edge multiplier land in the output range instead of saturating
            long[] wr = ConvQuantization.smallData(wq, wt);
            long[] xr = ConvQuantization.smallData(q.input(), type);
            weights = QuantGens.fill(btype, seed + 1, wq.zeroPoint(), wr[0], wr[1]);
            x = QuantGens.fill(at, seed, q.input().zeroPoint(), xr[0], xr[1]);
            labels.add("requantization edge " + ConvQuantization.EDGE_MULTIPLIERS[edge]);
        } else {
            weights = wt == DataType.UINT8
                    ? QuantGens.fill(btype, seed + 1, wq.zeroPoint())
                    : QuantGens.fill(btype, seed + 1, 0, -127, 127);
            x = QuantGens.fill(at, seed, q.input().zeroPoint());
        }
        Node.Builder b = Node.builder(op)
                .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                .input(at)
                .constantInput(weights);
        List<Tensor> inputs = new ArrayList<>(List.of(x, weights));
        if (bias) {
            DataType bt = type == DataType.INT16 && k[9] == 1 ? DataType.INT64 : DataType.INT32;
            int biasRange = edge >= 0 ? 20 : 100_000;
            Tensor bv = QuantGens.fill(
                    TensorType.quantized(bt, Shape.of(n), q.bias(n)), seed + 2, 0, -biasRange, biasRange);
            b.constantInput(bv);
            inputs.add(bv);
            labels.add("bias");
        }
        if (gemm) {
            if (transB) {
                b.attr("transB", 1L);
            }
            String activation = QuantGens.ACTIVATIONS.get(k[8]);
            QuantGens.applyActivation(b, activation);
            if (!activation.equals("None")) {
                labels.add("fused " + activation);
            }
        }
        if (perChannel) {
            labels.add("per-channel");
        }
        b.outputQuantization(0, q.output());
        labels.add(as.rank() == 3 ? "batched" : "2-D");
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape a = c.node().inputType(0).shape();
        return a.dim(a.rank() - 1);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType wt = type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        return Optional.of(Gens.ints(1, 4)
                .map(kk -> new InvalidNode(
                        Node.builder(op)
                                .name("fc")
                                .input(TensorType.quantized(type, Shape.of(2, kk), Quantization.perTensor(0.5f, 0)))
                                .input(TensorType.quantized(wt, Shape.of(kk + 1, 3), Quantization.perTensor(0.5f, 0)))
                                .outputQuantization(0, Quantization.perTensor(1f, 0))
                                .build(),
                        "inner dimensions " + kk + " and " + (kk + 1))));
    }
}
