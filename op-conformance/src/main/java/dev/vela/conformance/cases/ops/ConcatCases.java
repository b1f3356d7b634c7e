package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Concat: one to four inputs of rank 1..4 agreeing on every dimension but {@code
 * axis} (negative sometimes), each of its own size along it (0 included). Invalid nodes: no input,
 * ranks that differ, another dimension that differs, mixed element types.
 */
public final class ConcatCases extends OpCases {

    /** Creates the generator. */
    public ConcatCases() {
        super("Concat", Families.ALL, 0);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes(1, 0)
                .flatMap(s -> Gens.tuples(axis(s.rank()), Gens.lists(Gens.ints(0, 4), 1, 4))
                        .map(t -> {
                            int a = normalize(t.first(), s.rank());
                            Node.Builder b = node().attr("axis", (long) t.first());
                            for (int size : t.second()) {
                                int[] dims = s.dims();
                                dims[a] = size;
                                b.input(TensorType.of(claim.dataType(), Shape.of(dims)));
                            }
                            return b.build();
                        })));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        return List.of(
                Gens.constant(new InvalidNode(
                        node().attr("axis", 0L)
                                .input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(type, Shape.of(2)))
                                .build(),
                        "ranks differ")),
                Gens.constant(new InvalidNode(
                        node().attr("axis", 0L)
                                .input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(type, Shape.of(2, 4)))
                                .build(),
                        "another dimension differs")),
                Gens.constant(new InvalidNode(
                        node().attr("axis", 0L)
                                .input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(other, Shape.of(2, 3)))
                                .build(),
                        "mixed element types")));
    }
}
