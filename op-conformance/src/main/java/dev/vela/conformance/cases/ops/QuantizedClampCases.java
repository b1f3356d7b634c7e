package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
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
 * Cases for Relu and Clip on int8 / uint8 / int16: half quantized as TFLite's RELU / RELU6 /
 * RELU_N1_TO_1 (input and output parameters equal or not, zero points at the extremes, Clip bounds
 * as constant float scalars, the max absent too), half plain integer clamping, since the
 * reference implements both under the same claim (uint8 Relu: quantized only).
 */
public final class QuantizedClampCases implements CaseGenerator {

    private static final float[][] BOUNDS = {{0f, 6f}, {-1f, 1f}, {0f, Float.NaN}, {-3f, 0.5f}};

    private final OpId op;

    /** @param op "Relu" or "Clip" */
    public QuantizedClampCases(String op) {
        this.op = OpId.of(op);
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8, DataType.INT16);
    }

    private boolean isClip() {
        return op.toString().equals("Clip");
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<OpCase> quantized = Gens.tuples(
                        Gens.shapes(0, 4, 6, 0),
                        Gens.tuples(
                                Knobs.of(0, 3, 0, 1, 0, 3),
                                Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type))),
                        QuantGens.seeds())
                .map(t -> quantized(
                        type,
                        t.first(),
                        t.second().first(),
                        t.second().second().first(),
                        t.second().second().second(),
                        t.third()));
        Gen<OpCase> plain = Gens.tuples(Gens.shapes(0, 4, 6, 24), TensorGens.pool(type), Knobs.of(0, 20, 0, 20))
                .map(t -> {
                    TensorType x = TensorType.of(type, t.first());
                    Node.Builder b = Node.builder(op).name("clamp").input(x);
                    List<Tensor> inputs = new ArrayList<>(List.of(TensorGens.tiled(x, t.second())));
                    if (isClip()) {
                        long lo = QuantGens.min(type) + t.third()[0];
                        long hi = Math.max(lo, QuantGens.max(type) - t.third()[1]);
                        for (long v : new long[] {lo, hi}) {
                            Tensor s = Tensor.allocate(TensorType.of(type, Shape.of()));
                            s.setLong(0, v);
                            b.constantInput(s);
                            inputs.add(s);
                        }
                    }
                    return new OpCase(b.build(), inputs, Set.of("plain integer"));
                });
        // the plain Relu kernel has no uint8: there the claim is the quantized kernel's alone
        return type == DataType.UINT8 && !isClip() ? quantized : Gens.oneOf(quantized, plain);
    }

    private OpCase quantized(DataType type, Shape shape, int[] k, long zi, long zo, long seed) {
        boolean int16 = type == DataType.INT16;
        float si = int16 ? 0.0005f : 0.05f;
        float so = k[1] == 0 ? si : si * new float[] {1f, 0.5f, 2f, 0.3f}[k[2]];
        long zOut = k[1] == 0 ? zi : zo;
        if (int16) {
            zi = 0;
            zOut = 0;
        }
        TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(si, zi));
        Node.Builder b =
                Node.builder(op).name("clamp").input(xt).outputQuantization(0, Quantization.perTensor(so, zOut));
        List<Tensor> inputs = new ArrayList<>(List.of(QuantGens.fill(xt, seed, zi)));
        List<String> labels = new ArrayList<>(List.of("quantized", k[1] == 0 ? "same parameters" : "requantized"));
        if (isClip()) {
            float[] bounds = BOUNDS[k[0]];
            Tensor lo = Tensor.ofFloats(Shape.of(), bounds[0]);
            b.constantInput(lo);
            inputs.add(lo);
            if (!Float.isNaN(bounds[1])) {
                Tensor hi = Tensor.ofFloats(Shape.of(), bounds[1]);
                b.constantInput(hi);
                inputs.add(hi);
            }
            labels.add("bounds " + bounds[0] + ".." + bounds[1]);
        }
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(1, 4).map(n -> {
            Node.Builder b = Node.builder(op).name("bad").input(TensorType.of(DataType.BOOL, Shape.of(n)));
            return new InvalidNode(b.build(), "bool input for a " + type.label() + " claim");
        }));
    }
}
