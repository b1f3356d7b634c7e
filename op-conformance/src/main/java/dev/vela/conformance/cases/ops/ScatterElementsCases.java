package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX ScatterElements (and the deprecated Scatter, opset 10, without reduction): data of
 * rank 1..3, {@code axis} (negative sometimes), indices and updates of one shape no larger than
 * the data, and constant indices (the concurrency check rotates
 * variable inputs, which would break this) that never repeat along a line (ONNX leaves the winner of a repeated
 * index undefined without a reduction), negative values included; {@code reduction} none, add,
 * mul, max or min. Invalid nodes: wrong arity, updates of another shape than the indices.
 */
public final class ScatterElementsCases extends OpCases {

    private final boolean legacy;

    /**
     * @param op ScatterElements or Scatter
     */
    public ScatterElementsCases(String op) {
        super(op, Families.ALL, 2, 4);
        this.legacy = op.equals("Scatter");
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<String> reductions = legacy || claim.dataType() == DataType.BOOL
                ? Gens.constant("none")
                : Gens.elements("none", "add", "mul", "max", "min");
        return Gens.shapes(1, 3, 4, 0)
                .flatMap(s -> Gens.tuples(
                                axis(s.rank()),
                                Gens.fixedLists(Gens.ints(0, 4), s.rank()),
                                Gens.tuples(Gens.elements(DataType.INT64, DataType.INT32), reductions))
                        .flatMap(t -> {
                            int r = s.rank();
                            int a = normalize(t.first(), r);
                            int[] dims = new int[r];
                            for (int i = 0; i < r; i++) {
                                dims[i] = Math.min(s.dim(i), t.second().get(i));
                            }
                            Shape idx = Shape.of(dims);
                            TensorType data = TensorType.of(claim.dataType(), s);
                            TensorType updates = TensorType.of(claim.dataType(), idx);
                            DataType indexType = t.third().first();
                            int count = idx.elementCount();
                            Gen<List<Integer>> offsets = Gens.fixedLists(Gens.ints(0, 2 * s.dim(a) - 1), count);
                            return Gens.tuples(CaseSupport.tensor(data), offsets, CaseSupport.tensor(updates))
                                    .map(v -> {
                                        Tensor indices = distinctAlongAxis(indexType, idx, a, s.dim(a), v.second());
                                        Node.Builder b = node().attr("axis", (long) t.first())
                                                .input(data)
                                                .constantInput(indices)
                                                .input(updates);
                                        if (legacy) {
                                            b.opset(10);
                                        } else if (!t.third().second().equals("none")) {
                                            b.attr("reduction", t.third().second());
                                        }
                                        return CaseSupport.caseOf(
                                                b.build(),
                                                List.of(v.first(), v.third()),
                                                "reduction " + t.third().second());
                                    });
                        }));
    }

    /**
     * Index {@code (line start offset + position along the axis) mod size}, distinct along each line
     * since a line is no longer than the axis; an offset of size or more makes that element negative.
     */
    static Tensor distinctAlongAxis(DataType type, Shape shape, int axis, int size, List<Integer> offsets) {
        Tensor t = Tensor.allocate(TensorType.of(type, shape));
        int stride = 1;
        for (int d = axis + 1; d < shape.rank(); d++) {
            stride *= shape.dim(d);
        }
        for (int e = 0; e < shape.elementCount(); e++) {
            int j = (e / stride) % shape.dim(axis);
            int lineStart = e - j * stride;
            long v = (offsets.get(lineStart) % size + j) % size;
            t.setLong(e, offsets.get(e) >= size ? v - size : v);
        }
        return t;
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        Node.Builder b = node().input(TensorType.of(claim.dataType(), Shape.of(3, 2)))
                .input(TensorType.of(DataType.INT64, Shape.of(2, 2)))
                .input(TensorType.of(claim.dataType(), Shape.of(2, 1)));
        if (legacy) {
            b.opset(10);
        }
        return List.of(Gens.constant(new InvalidNode(b.build(), "updates of another shape than the indices")));
    }
}
