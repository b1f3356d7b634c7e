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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for LayerNormalization (float32): rank 1 to 4, every axis (negative too), Scale and B of
 * the normalised shape or broadcasting (leading 1s dropped), B absent, the Mean and InvStdDev
 * outputs. Invalid: axis out of range.
 */
public final class LayerNormalizationCases implements CaseGenerator {

    private static final OpId OP = OpId.of("LayerNormalization");

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
        // rank, dims x4, axis pick, negative axis, bias present, outputs, scale broadcast
        return Gens.tuples(Knobs.of(1, 4, 1, 4, 1, 4, 1, 4, 1, 4, 0, 3, 0, 1, 0, 1, 1, 3, 0, 1), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    int rank = k[0];
                    int[] dims = Arrays.copyOfRange(k, 1, 1 + rank);
                    int axis = k[5] % rank;
                    int[] normalised = Arrays.copyOfRange(dims, axis, rank);
                    int[] scaleDims = normalised;
                    if (k[9] == 1 && normalised.length > 1) {
                        scaleDims = Arrays.copyOfRange(
                                normalised, 1, normalised.length); // broadcast over the first normalised axis
                    }
                    TensorType xt = TensorType.of(DataType.FLOAT32, Shape.of(dims));
                    TensorType st = TensorType.of(DataType.FLOAT32, Shape.of(scaleDims));
                    long seed = t.second();
                    List<Tensor> inputs = new ArrayList<>(
                            List.of(QuantGens.fillFloats(xt, seed, 8f), QuantGens.fillFloats(st, seed + 1, 2f)));
                    Node.Builder b = Node.builder(OP)
                            .name("ln")
                            .input(xt)
                            .input(st)
                            .attr("axis", (long) (k[6] == 1 ? axis - rank : axis));
                    if (k[7] == 1) {
                        b.input(st);
                        inputs.add(QuantGens.fillFloats(st, seed + 2, 2f));
                    }
                    b.outputs(k[8]);
                    return new OpCase(b.build(), inputs, Set.of("rank " + rank, "axis " + axis, k[8] + " outputs"));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        int axis = (int) c.node().attributes().getLong("axis", -1);
        axis = axis < 0 ? axis + s.rank() : axis;
        int n = 1;
        for (int i = axis; i < s.rank(); i++) {
            n *= s.dim(i);
        }
        return Math.max(1, n);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.of(Gens.ints(1, 3).map(r -> {
            int[] dims = new int[r];
            Arrays.fill(dims, 2);
            TensorType xt = TensorType.of(DataType.FLOAT32, Shape.of(dims));
            return new InvalidNode(
                    Node.builder(OP)
                            .name("ln")
                            .input(xt)
                            .input(TensorType.of(DataType.FLOAT32, Shape.of(2)))
                            .attr("axis", (long) r)
                            .build(),
                    "axis " + r + " out of range for rank " + r);
        }));
    }
}
