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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for GlobalAveragePool and GlobalMaxPool (float32, NCHW and NHWC): 1-D to 3-D spatial
 * inputs, NaN / ±Inf / -0 in the data. Invalid nodes: rank below 3, two inputs.
 */
public final class GlobalPoolCases implements CaseGenerator {

    private final OpId op;

    /** @param op "GlobalAveragePool" or "GlobalMaxPool" */
    public GlobalPoolCases(String op) {
        this.op = OpId.of(op);
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
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Layout layout = claim.layout();
        // batch, channels, spatial rank - 1, three spatial sizes, special value kind
        return Gens.tuples(Knobs.of(1, 2, 1, 4, 1, 3, 1, 5, 1, 5, 1, 3, 0, 9), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    int rank = k[2];
                    int[] spatial = java.util.Arrays.copyOfRange(k, 3, 3 + rank);
                    int[] dims = new int[2 + rank];
                    dims[0] = k[0];
                    int channelAxis = layout == Layout.NHWC ? dims.length - 1 : 1;
                    dims[channelAxis] = k[1];
                    for (int i = 0; i < rank; i++) {
                        dims[layout == Layout.NHWC ? 1 + i : 2 + i] = spatial[i];
                    }
                    TensorType xt = TensorType.of(DataType.FLOAT32, Shape.of(dims));
                    Tensor x = QuantGens.fillFloats(xt, t.second(), 8f);
                    List<String> labels = new ArrayList<>(List.of(layout.name(), rank + "-D"));
                    if (QuantGens.putSpecial(x, k[6], t.second() >> 5)) {
                        labels.add("special values");
                    }
                    Node.Builder b = Node.builder(op).name("global").input(xt);
                    if (layout == Layout.NHWC) {
                        b.attr("data_format", "NHWC");
                    }
                    return new OpCase(b.build(), List.of(x), Set.copyOf(labels));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        return s.elementCount()
                / Math.max(
                        1,
                        s.dim(0)
                                * s.dim(
                                        c.node()
                                                        .attributes()
                                                        .getString("data_format", "NCHW")
                                                        .equals("NHWC")
                                                ? s.rank() - 1
                                                : 1));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        Gen<InvalidNode> rank2 = Gens.ints(1, 4)
                .map(c -> new InvalidNode(
                        Node.builder(op)
                                .name("global")
                                .input(TensorType.of(DataType.FLOAT32, Shape.of(1, c)))
                                .build(),
                        "rank-2 input"));
        Gen<InvalidNode> twoInputs = Gens.ints(1, 4)
                .map(c -> new InvalidNode(
                        Node.builder(op)
                                .name("global")
                                .input(TensorType.of(DataType.FLOAT32, Shape.of(1, c, 2, 2)))
                                .input(TensorType.of(DataType.FLOAT32, Shape.of(1, c, 2, 2)))
                                .build(),
                        "wrong arity: 2 inputs"));
        return Optional.of(Gens.oneOf(rank2, twoInputs));
    }
}
