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
 * Cases for ONNX Range: scalar start, limit and delta value inputs of the claimed type giving 0..12
 * elements, in both directions, the limit not always on the grid (integers) and fractional values
 * (floats). Invalid nodes: wrong arity, delta 0, inputs of mixed types.
 */
public final class RangeCases extends OpCases {

    /** Creates the generator. */
    public RangeCases() {
        super(
                "Range",
                Families.union(Families.FLOATS, java.util.Set.of(DataType.INT16, DataType.INT32, DataType.INT64)),
                2,
                4);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        boolean floating = type.isFloatingPoint();
        Gen<Double> start = floating
                ? Gens.ints(-40, 40).map(i -> i / 4.0)
                : Gens.ints(-20, 20).map(Integer::doubleValue);
        Gen<Double> delta = floating
                ? Gens.elements(1.0, -1.0, 0.5, -0.5, 2.25, -3.0, 0.25)
                : Gens.elements(1.0, -1.0, 2.0, -2.0, 3.0, -5.0);
        return Gens.tuples(start, delta, Gens.tuples(Gens.ints(-2, 12), Gens.ints(0, 3)))
                .map(t -> {
                    double limit = t.first()
                            + t.second() * t.third().first()
                            + (floating
                                    ? t.third().second() * 0.125 * t.second()
                                    : (t.third().second() % 2) * Math.signum(t.second()));
                    Node n = node().constantInput(scalar(type, t.first()))
                            .constantInput(scalar(type, limit))
                            .constantInput(scalar(type, t.second()))
                            .build();
                    return CaseSupport.caseOf(n, List.of(), t.second() > 0 ? "ascending" : "descending");
                });
    }

    private static Tensor scalar(DataType type, double v) {
        Tensor t = Tensor.allocate(TensorType.of(type, Shape.scalar()));
        if (type.isFloatingPoint()) {
            t.setDouble(0, v);
        } else {
            t.setLong(0, (long) v);
        }
        return t;
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.INT64 ? DataType.INT32 : DataType.INT64;
        return List.of(
                Gens.constant(new InvalidNode(
                        node().constantInput(scalar(type, 0))
                                .constantInput(scalar(type, 5))
                                .constantInput(scalar(type, 0))
                                .build(),
                        "delta 0")),
                Gens.constant(new InvalidNode(
                        node().constantInput(scalar(type, 0))
                                .constantInput(scalar(other, 5))
                                .constantInput(scalar(type, 1))
                                .build(),
                        "mixed types")));
    }
}
