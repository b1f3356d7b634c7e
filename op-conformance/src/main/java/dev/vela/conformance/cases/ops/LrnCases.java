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
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for LRN (float32, NCHW and NHWC): window sizes 1 to 6 (even ones too, whose window is
 * asymmetric), alpha, beta and bias varied, windows wider than the channel count.
 * Invalid: no {@code size}.
 */
public final class LrnCases implements CaseGenerator {

    private static final OpId OP = OpId.of("LRN");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32);
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return Gens.tuples(Knobs.of(1, 2, 1, 6, 1, 4, 1, 4, 1, 6, 0, 2), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    TensorType xt =
                            TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), k[0], k[1], k[2], k[3]));
                    Tensor x = QuantGens.fillFloats(xt, t.second(), 8f);
                    String special = QuantGens.maybeSpecial(x, t.second()) ? "special values" : "finite";
                    float[][] params = {{1e-4f, 0.75f, 1f}, {0.5f, 0.5f, 2f}, {1f, 1f, 0.5f}};
                    Node.Builder b = Node.builder(OP)
                            .name("lrn")
                            .input(xt)
                            .attr("size", (long) k[4])
                            .attr("alpha", params[k[5]][0])
                            .attr("beta", params[k[5]][1])
                            .attr("bias", params[k[5]][2]);
                    Activations.layout(b, claim.layout());
                    return new OpCase(
                            b.build(),
                            List.of(x),
                            Set.of(claim.layout().name(), k[4] % 2 == 0 ? "even size" : "odd size", special));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        return c.node().attributes().getInt("size");
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 4)
                .map(c -> new InvalidNode(
                        Activations.layout(
                                        Node.builder(OP)
                                                .name("lrn")
                                                .input(TensorType.of(
                                                        DataType.FLOAT32,
                                                        Activations.shape(claim.layout(), 1, c, 2, 2))),
                                        claim.layout())
                                .build(),
                        "no size attribute")));
    }
}
