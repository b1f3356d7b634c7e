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
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for InstanceNormalization (float32, NCHW and NHWC): 1-D and 2-D spatial inputs (a single
 * spatial position included, whose variance is 0), epsilon varied. Invalid: scale of the wrong length.
 */
public final class InstanceNormalizationCases implements CaseGenerator {

    private static final OpId OP = OpId.of("InstanceNormalization");

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
        return Gens.tuples(Knobs.of(1, 2, 1, 4, 1, 2, 1, 5, 1, 5, 0, 2), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    long seed = t.second();
                    int[] spatial = Arrays.copyOfRange(new int[] {k[3], k[4]}, 0, k[2]);
                    TensorType xt =
                            TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), k[0], k[1], spatial));
                    TensorType ct = TensorType.of(DataType.FLOAT32, Shape.of(k[1]));
                    List<Tensor> inputs = List.of(
                            QuantGens.fillFloats(xt, seed, 8f),
                            QuantGens.fillFloats(ct, seed + 1, 2f),
                            QuantGens.fillFloats(ct, seed + 2, 2f));
                    Node.Builder b = Node.builder(OP)
                            .name("in")
                            .input(xt)
                            .input(ct)
                            .input(ct)
                            .attr("epsilon", new float[] {1e-5f, 1e-3f, 0.1f}[k[5]]);
                    Activations.layout(b, claim.layout());
                    return new OpCase(b.build(), inputs, Set.of(claim.layout().name(), spatial.length + "-D"));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        int per = Math.max(1, s.dim(0) * c.node().inputType(1).shape().dim(0));
        return Math.max(1, s.elementCount() / per);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 4).map(c -> {
            TensorType xt = TensorType.of(DataType.FLOAT32, Activations.shape(claim.layout(), 1, c, 2, 2));
            TensorType wrong = TensorType.of(DataType.FLOAT32, Shape.of(c + 1));
            Node.Builder b = Node.builder(OP).name("in").input(xt).input(wrong).input(wrong);
            return new InvalidNode(
                    Activations.layout(b, claim.layout()).build(), "scale of " + (c + 1) + " for " + c + " channels");
        }));
    }
}
