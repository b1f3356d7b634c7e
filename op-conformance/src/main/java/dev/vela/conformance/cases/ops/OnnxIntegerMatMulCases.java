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
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for ONNX's QLinearMatMul and MatMulInteger (int8, uint8): 2-D and batched 3-D operands
 * (B shared across the batch or not), K up to 16, zero points at the extremes, per-column B
 * parameters, saturating output scales (QLinearMatMul).
 */
public final class OnnxIntegerMatMulCases implements CaseGenerator {

    private final OpId op;
    private final boolean qlinear;

    /** @param op "QLinearMatMul" or "MatMulInteger" */
    public OnnxIntegerMatMulCases(String op) {
        this.op = OpId.of(op);
        this.qlinear = op.equals("QLinearMatMul");
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // batch (0 for 2-D), B batched, M, K, N, per-column, output factor, zero points present
        return Gens.tuples(Knobs.of(0, 3, 0, 1, 1, 5, 1, 16, 1, 5, 0, 1, 0, 2, 0, 1), QuantGens.seeds())
                .map(t -> build(claim.dataType(), t.first(), t.second()));
    }

    private OpCase build(DataType type, int[] k, long seed) {
        int batch = k[0];
        int m = k[2];
        int kk = k[3];
        int n = k[4];
        boolean perColumn = k[5] == 1;
        Shape as = batch == 0 ? Shape.of(m, kk) : Shape.of(batch, m, kk);
        Shape bs = batch > 0 && k[1] == 1 ? Shape.of(batch, kk, n) : Shape.of(kk, n);
        TensorType at = TensorType.of(type, as);
        TensorType bt = TensorType.of(type, bs);
        long[] az = OnnxQuantParams.zeroPoints(type, 1, seed);
        long[] bz = OnnxQuantParams.zeroPoints(type, perColumn ? n : 1, seed >> 5);
        Tensor a = QuantGens.fill(at, seed, az[0]);
        Tensor b = QuantGens.fill(bt, seed + 1, bz[0]);
        Node.Builder nb = Node.builder(op)
                .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                .input(at);
        List<Tensor> inputs = new ArrayList<>(List.of(a));
        List<String> labels = new ArrayList<>(List.of(batch == 0 ? "2-D" : "batched"));
        if (perColumn) {
            labels.add("per-column");
        }
        if (qlinear) {
            float as0 = 0.05f;
            float[] bsc = OnnxQuantParams.spread(0.02f, perColumn ? n : 1, seed >> 3);
            float ys = (float) (as0 * 0.02f * 64 * Math.sqrt(kk) * new float[] {4f, 0.2f, 30f}[k[6]]);
            long[] yz = OnnxQuantParams.zeroPoints(type, 1, seed >> 17);
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.scales(DataType.FLOAT32, new float[] {as0}, false));
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.zeroPoints(type, az, false));
            nb.input(bt);
            inputs.add(b);
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.scales(DataType.FLOAT32, bsc, perColumn));
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.zeroPoints(type, bz, perColumn));
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.scales(DataType.FLOAT32, new float[] {ys}, false));
            OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.zeroPoints(type, yz, false));
        } else {
            nb.input(bt);
            inputs.add(b);
            if (k[7] == 1 || perColumn) {
                OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.zeroPoints(type, az, false));
                OnnxQuantParams.constant(nb, inputs, OnnxQuantParams.zeroPoints(type, bz, perColumn));
                labels.add("zero points");
            }
        }
        return new OpCase(nb.build(), inputs, Set.copyOf(labels));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(1, 4).map(kk -> {
            Node.Builder nb = Node.builder(op).name("bad").input(TensorType.of(type, Shape.of(2, kk)));
            if (qlinear) {
                nb.input(TensorType.of(DataType.FLOAT32, Shape.of())).input(TensorType.of(type, Shape.of()));
            }
            nb.input(TensorType.of(type, Shape.of(kk + 1, 2)));
            if (qlinear) {
                nb.input(TensorType.of(DataType.FLOAT32, Shape.of()))
                        .input(TensorType.of(type, Shape.of()))
                        .input(TensorType.of(DataType.FLOAT32, Shape.of()))
                        .input(TensorType.of(type, Shape.of()));
            }
            return new InvalidNode(nb.build(), "inner dimensions " + kk + " and " + (kk + 1));
        }));
    }
}
