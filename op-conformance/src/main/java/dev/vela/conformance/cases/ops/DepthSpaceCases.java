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
 * Cases for DepthToSpace (DCR and CRD modes) and SpaceToDepth, NCHW and NHWC, every fixed-width
 * type the reference moves: block sizes 1 to 3, channel counts and spatial sizes that the block
 * divides. Invalid: a block that does not divide the channels (DepthToSpace) or the spatial size
 * (SpaceToDepth).
 */
public final class DepthSpaceCases implements CaseGenerator {

    private static final Set<DataType> TYPES = Set.of(
            DataType.FLOAT32,
            DataType.FLOAT16,
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.INT32,
            DataType.INT64,
            DataType.BOOL);

    private final OpId op;
    private final boolean toSpace;

    /** @param op "DepthToSpace" or "SpaceToDepth" */
    public DepthSpaceCases(String op) {
        this.op = OpId.of(op);
        this.toSpace = op.equals("DepthToSpace");
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return TYPES;
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // batch, block, channels (per block^2 for DepthToSpace), H and W (per block for SpaceToDepth), CRD
        return Gens.tuples(Knobs.of(1, 2, 1, 3, 1, 3, 1, 3, 1, 3, 0, 1), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    int b = k[1];
                    int c = toSpace ? k[2] * b * b : k[2];
                    int h = toSpace ? k[3] : k[3] * b;
                    int w = toSpace ? k[4] : k[4] * b;
                    TensorType xt = TensorType.of(claim.dataType(), Activations.shape(claim.layout(), k[0], c, h, w));
                    Tensor x = QuantGens.fillAny(xt, t.second());
                    Node.Builder nb = Node.builder(op).name("d2s").input(xt).attr("blocksize", (long) b);
                    String mode = toSpace && k[5] == 1 ? "CRD" : "DCR";
                    if (toSpace) {
                        nb.attr("mode", mode);
                    }
                    Activations.layout(nb, claim.layout());
                    return new OpCase(
                            nb.build(), List.of(x), Set.of(claim.layout().name(), "block " + b, mode));
                });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(2, 3).map(b -> {
            Node.Builder nb = Node.builder(op)
                    .name("d2s")
                    .input(TensorType.of(
                            claim.dataType(),
                            Activations.shape(
                                    claim.layout(),
                                    1,
                                    toSpace ? b * b + 1 : 1,
                                    toSpace ? 2 : b + 1,
                                    toSpace ? 2 : b + 1)))
                    .attr("blocksize", (long) b);
            return new InvalidNode(
                    Activations.layout(nb, claim.layout()).build(),
                    "block " + b + " does not divide the " + (toSpace ? "channels" : "spatial size"));
        }));
    }
}
