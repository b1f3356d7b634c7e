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
 * layers of the real models (Gemm).
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
        Gen<OpCase> generated = Gens.tuples(knobs, Gens.tuples(QuantGens.activation(type), QuantGens.activation(type)),
                Gens.tuples(QuantGens.scale(), QuantGens.seeds())).map(t -> build(type, t.first(), t.second().first(),
                        t.second().second(), t.third().first(), t.third().second()));
        return gemm ? ModelLayers.mixedInto(generated, claim) : generated;
    }

    private OpCase build(DataType type, int[] k, Quantization xq, Quantization yq, float ws, long seed) {
        int m = k[0];
        int kk = k[1];
        int n = k[2];
        boolean transB = gemm && k[4] == 1;
        boolean bias = gemm && k[5] == 1;
        boolean perChannel = k[6] == 1 && type != DataType.UINT8 && (gemm ? transB : false);
        ConvQuantization q = ConvQuantization.of(type, xq, yq, perChannel, ws, OUTPUT_FACTORS.get(k[7]), n, kk, seed);
        Shape as = !gemm && k[3] > 0 ? Shape.of(k[3], m, kk) : Shape.of(m, kk);
        Shape bs = transB ? Shape.of(n, kk) : Shape.of(kk, n);
        DataType wt = type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        Quantization wq = q.weights();
        if (!transB && wq.isPerAxis()) {
            wq = Quantization.perTensor(wq.scale(0), 0);
        }
        TensorType at = TensorType.quantized(type, as, q.input());
        TensorType btype = TensorType.quantized(wt, bs, wq);
        Tensor weights = wt == DataType.UINT8 ? QuantGens.fill(btype, seed + 1, wq.zeroPoint())
                : QuantGens.fill(btype, seed + 1, 0, -127, 127);
        Node.Builder b = Node.builder(op).name(op.toString().toLowerCase(java.util.Locale.ROOT)).input(at).constantInput(weights);
        List<Tensor> inputs = new ArrayList<>(List.of(QuantGens.fill(at, seed, q.input().zeroPoint()), weights));
        List<String> labels = new ArrayList<>();
        if (bias) {
            DataType bt = type == DataType.INT16 && k[9] == 1 ? DataType.INT64 : DataType.INT32;
            Tensor bv = QuantGens.fill(TensorType.quantized(bt, Shape.of(n), q.bias(n)), seed + 2, 0, -100_000, 100_000);
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
        return Optional.of(Gens.ints(1, 4).map(kk -> new InvalidNode(Node.builder(op).name("fc")
                .input(TensorType.quantized(type, Shape.of(2, kk), Quantization.perTensor(0.5f, 0)))
                .input(TensorType.quantized(wt, Shape.of(kk + 1, 3), Quantization.perTensor(0.5f, 0)))
                .outputQuantization(0, Quantization.perTensor(1f, 0)).build(), "inner dimensions " + kk + " and " + (kk + 1))));
    }
}
