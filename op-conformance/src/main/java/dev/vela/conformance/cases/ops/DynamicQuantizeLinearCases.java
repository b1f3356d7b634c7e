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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for DynamicQuantizeLinear (float32): rank 1 to 3, ranges that straddle 0, lie wholly above
 * or below it (the range is widened to include 0) or hold one repeated value.
 * Invalid: an int32 input.
 */
public final class DynamicQuantizeLinearCases implements CaseGenerator {

    private static final OpId OP = OpId.of("DynamicQuantizeLinear");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // rank, dims x3, range kind
        return Gens.tuples(Knobs.of(1, 3, 1, 5, 1, 5, 1, 5, 0, 3), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    TensorType xt =
                            TensorType.of(DataType.FLOAT32, Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + k[0])));
                    Tensor x = QuantGens.fillFloats(xt, t.second(), 10f);
                    String kind = new String[] {"straddles 0", "positive", "negative", "constant"}[k[4]];
                    for (int i = 0; i < x.elementCount(); i++) {
                        double v = x.getDouble(i);
                        x.setDouble(
                                i,
                                switch (k[4]) {
                                    case 1 -> Math.abs(v) + 0.5;
                                    case 2 -> -Math.abs(v) - 0.5;
                                    case 3 -> 2.75;
                                    default -> v;
                                });
                    }
                    return new OpCase(
                            Node.builder(OP).name("dql").input(xt).outputs(3).build(), List.of(x), Set.of(kind));
                });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 4)
                .map(n -> new InvalidNode(
                        Node.builder(OP)
                                .name("dql")
                                .input(TensorType.of(DataType.INT32, Shape.of(n)))
                                .outputs(3)
                                .build(),
                        "int32 input")));
    }
}
