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
 * Cases for ONNX OneHot with values (off, on) of the claimed type: int64, int32 or float32
 * indices of rank 0..3 (some empty) with values from -depth - 1 to depth (negative ones count
 * from depth, out-of-range ones give an all-off run), depth 1..5 as an int64 or float value input,
 * {@code axis} anywhere in [-rank - 1, rank] or absent. Invalid nodes: wrong arity, depth 0, values of three elements.
 */
public final class OneHotCases extends OpCases {

    /** Creates the generator. */
    public OneHotCases() {
        super("OneHot", Families.ALL, 2, 4);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return Gens.tuples(
                        Gens.shapes(0, 3, 4, CaseSupport.EMPTY_ODDS),
                        Gens.ints(1, 5),
                        Gens.elements(DataType.INT64, DataType.INT32, DataType.FLOAT32))
                .flatMap(t -> {
                    int r = t.first().rank();
                    int depth = t.second();
                    return Gens.tuples(Gens.ints(-r - 2, r), Gens.booleans()).flatMap(u -> {
                        TensorType idx = TensorType.of(t.third(), t.first());
                        TensorType values = TensorType.of(claim.dataType(), Shape.of(2));
                        Tensor depthValue = u.second()
                                ? Tensor.ofFloats(Shape.scalar(), depth)
                                : Tensor.ofLongs(Shape.scalar(), depth);
                        Node.Builder b =
                                node().input(idx).constantInput(depthValue).input(values);
                        if (u.first() >= -r - 1) {
                            b.attr("axis", (long) u.first());
                        }
                        Node n = b.build();
                        Gen<List<Integer>> raw = Gens.fixedLists(Gens.ints(-depth - 1, depth), idx.elementCount());
                        return Gens.tuples(raw, CaseSupport.tensor(values)).map(v -> {
                            Tensor indices = Tensor.allocate(idx);
                            for (int i = 0; i < v.first().size(); i++) {
                                if (t.third().isFloatingPoint()) {
                                    indices.setDouble(i, v.first().get(i));
                                } else {
                                    indices.setLong(i, v.first().get(i));
                                }
                            }
                            return CaseSupport.caseOf(n, List.of(indices, v.second()));
                        });
                    });
                });
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType idx = TensorType.of(DataType.INT64, Shape.of(3));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(idx)
                                .constantInput(Tensor.ofLongs(Shape.scalar(), 0))
                                .input(TensorType.of(claim.dataType(), Shape.of(2)))
                                .build(),
                        "depth 0")),
                Gens.constant(new InvalidNode(
                        node().input(idx)
                                .constantInput(Tensor.ofLongs(Shape.scalar(), 3))
                                .input(TensorType.of(claim.dataType(), Shape.of(3)))
                                .build(),
                        "values of three elements")));
    }
}
