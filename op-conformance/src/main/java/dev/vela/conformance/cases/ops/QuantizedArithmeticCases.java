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
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for Add, Sub and Mul on int8 / int16: half quantized as TFLite's ADD / SUB / MUL
 * (broadcasting operands with their own scales and zero points at the extremes, a declared output
 * quantization that may saturate, fused Relu / Clip; int16 Mul and int16 zero points 0), half
 * plain integer arithmetic (no quantization, wrap-around), since the reference implements both
 * under the same claim. The Add layers of the real models are mixed in.
 */
public final class QuantizedArithmeticCases implements CaseGenerator {

    private static final float[] SCALES = {0.0625f, 0.05f, 0.5f, 0.0078125f, 0.3f};
    private static final float[] OUTPUT_FACTORS = {2f, 1f, 0.1f, 8f};

    private final OpId op;

    /** @param op "Add", "Sub" or "Mul" */
    public QuantizedArithmeticCases(String op) {
        this.op = OpId.of(op);
    }

    /** @return the generators of Add, Sub and Mul */
    public static List<CaseGenerator> all() {
        return List.of(new QuantizedArithmeticCases("Add"), new QuantizedArithmeticCases("Sub"), new QuantizedArithmeticCases("Mul"));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<OpCase> quantized = Gens.tuples(TensorGens.broadcastablePair(4, 5, 0), Gens.tuples(Knobs.of(0, 4, 0, 4, 0, 3, 0, 2),
                Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type))), Gens.tuples(QuantGens.zeroPoint(type),
                QuantGens.seeds())).map(t -> quantized(type, t.first().first(), t.first().second(), t.second().first(),
                t.second().second().first(), t.second().second().second(), t.third().first(), t.third().second()));
        Gen<OpCase> plain = Gens.tuples(TensorGens.broadcastablePair(4, 6, 24), TensorGens.pool(type), TensorGens.pool(type))
                .map(t -> {
                    TensorType a = TensorType.of(type, t.first().first());
                    TensorType b = TensorType.of(type, t.first().second());
                    Node node = Node.builder(op).name(op.toString().toLowerCase(java.util.Locale.ROOT)).input(a).input(b).build();
                    return new OpCase(node, List.of(TensorGens.tiled(a, t.second()), TensorGens.tiled(b, t.third())),
                            Set.of("plain integer"));
                });
        Gen<OpCase> both = Gens.oneOf(quantized, plain);
        return op.toString().equals("Add") ? ModelLayers.mixedInto(both, claim) : both;
    }

    private OpCase quantized(DataType type, Shape as, Shape bs, int[] k, long za, long zb, long zy, long seed) {
        boolean symmetric = type == DataType.INT16;
        float sa = SCALES[k[0]];
        float sb = SCALES[k[1]];
        float sy = op.toString().equals("Mul") ? sa * sb * 128 * OUTPUT_FACTORS[k[2]] : Math.max(sa, sb) * OUTPUT_FACTORS[k[2]];
        if (symmetric) {
            sa /= 256;
            sb /= 256;
            sy /= op.toString().equals("Mul") ? 65536 : 256;
            za = 0;
            zb = 0;
            zy = 0;
        }
        TensorType a = TensorType.quantized(type, as, Quantization.perTensor(sa, za));
        TensorType b = TensorType.quantized(type, bs, Quantization.perTensor(sb, zb));
        Node.Builder nb = Node.builder(op).name(op.toString().toLowerCase(java.util.Locale.ROOT)).input(a).input(b)
                .outputQuantization(0, Quantization.perTensor(sy, zy));
        String activation = QuantGens.ACTIVATIONS.get(k[3]);
        QuantGens.applyActivation(nb, activation);
        List<String> labels = new ArrayList<>(List.of("quantized", as.equals(bs) ? "same shapes" : "broadcast"));
        if (!activation.equals("None")) {
            labels.add("fused " + activation);
        }
        return new OpCase(nb.build(), List.of(QuantGens.fill(a, seed, za), QuantGens.fill(b, seed + 1, zb)), Set.copyOf(labels));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.tuples(Gens.ints(2, 5), Gens.ints(1, 3)).map(t -> new InvalidNode(Node.builder(op).name("bad")
                .input(TensorType.of(type, Shape.of(t.first()))).input(TensorType.of(type, Shape.of(t.first() + t.second())))
                .build(), "shapes do not broadcast")));
    }
}
