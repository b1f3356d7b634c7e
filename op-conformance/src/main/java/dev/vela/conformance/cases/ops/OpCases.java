package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
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
 * Base of the tensor and linalg generators: the operator, its types, and by default invalid nodes
 * with an input count the operator refuses. Subclasses build their valid cases and may add invalid ones.
 */
abstract class OpCases implements CaseGenerator {

    /** The operator. */
    protected final OpId op;

    private final Set<DataType> types;
    private final int[] wrongArities;

    /**
     * @param op operator name
     * @param types the element types it takes
     * @param wrongArities input counts it refuses, used for invalid nodes
     */
    OpCases(String op, Set<DataType> types, int... wrongArities) {
        this.op = OpId.of(op);
        this.types = Set.copyOf(types);
        this.wrongArities = wrongArities.clone();
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return types;
    }

    /** @return a builder for a node of this operator */
    Node.Builder node() {
        return Node.builder(op).name(op.toString().toLowerCase());
    }

    /**
     * @param claim the claim
     * @return further invalid nodes beyond the wrong arities
     */
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of();
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        List<Gen<InvalidNode>> gens = new ArrayList<>();
        for (int n : wrongArities) {
            gens.add(CaseSupport.wrongArity(op, claim.dataType(), n));
        }
        gens.addAll(moreInvalidNodes(claim));
        return gens.isEmpty() ? Optional.empty() : Optional.of(CaseSupport.anyOf(gens));
    }

    /**
     * @param type an integer index type
     * @param shape the indices' shape
     * @param size the size of the indexed axis (at least 1 unless the shape is empty)
     * @return index tensors with values in [-size, size - 1], shrinking toward 0
     */
    static Gen<Tensor> indices(DataType type, Shape shape, int size) {
        int n = shape.elementCount();
        Gen<Integer> one = size == 0 ? Gens.constant(0) : Gens.ints(-size, size - 1);
        return Gens.fixedLists(one, n).map(v -> {
            Tensor t = Tensor.allocate(TensorType.of(type, shape));
            for (int i = 0; i < n; i++) {
                t.setLong(i, v.get(i));
            }
            return t;
        });
    }

    /**
     * @param rank a rank (at least 1)
     * @return axes in [-rank, rank - 1]
     */
    static Gen<Integer> axis(int rank) {
        return Gens.ints(0, 2 * rank - 1).map(i -> i < rank ? i : i - 2 * rank);
    }

    /**
     * @param axis an axis, possibly negative
     * @param rank the rank
     * @return the axis in [0, rank)
     */
    static int normalize(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * @param n how many
     * @return permutations of 0..n-1, shrinking toward the identity
     */
    static Gen<int[]> permutations(int n) {
        // Lehmer code: entry i picks among the n - i values left; all zeros is the identity
        Gen<List<Integer>> code = Gens.fixedLists(Gens.ints(0, Math.max(0, n - 1)), n);
        return code.map(c -> {
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pool.add(i);
            }
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = pool.remove(c.get(i) % (n - i));
            }
            return perm;
        });
    }
}
