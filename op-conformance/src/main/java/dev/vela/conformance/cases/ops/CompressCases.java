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
 * Cases for ONNX Compress: rank 1..3 inputs (some empty), a bool condition value input as long as
 * the axis or shorter (the rest is dropped), {@code axis} (negative sometimes) or absent (the
 * flattened input). Invalid nodes: wrong arity, a condition longer than the axis.
 */
public final class CompressCases extends OpCases {

    /** Creates the generator. */
    public CompressCases() {
        super("Compress", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(Gens.shapes(1, 3, 4, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.tuples(
                                Gens.ints(-s.rank() - 1, s.rank() - 1),
                                Gens.lists(Gens.booleans(), 0, s.elementCount()))
                        .map(t -> {
                            boolean flat = t.first() < -s.rank();
                            int length = flat ? s.elementCount() : s.dim(normalize(t.first(), s.rank()));
                            int n = Math.min(length, t.second().size());
                            byte[] cond = new byte[n];
                            for (int i = 0; i < n; i++) {
                                cond[i] = (byte) (t.second().get(i) ? 1 : 0);
                            }
                            Node.Builder b = node().input(TensorType.of(claim.dataType(), s))
                                    .constantInput(Tensor.ofBytes(TensorType.of(DataType.BOOL, Shape.of(n)), cond));
                            return flat
                                    ? b.build()
                                    : b.attr("axis", (long) t.first()).build();
                        })));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().attr("axis", 0L)
                        .input(TensorType.of(claim.dataType(), Shape.of(2)))
                        .constantInput(
                                Tensor.ofBytes(TensorType.of(DataType.BOOL, Shape.of(3)), (byte) 1, (byte) 0, (byte) 1))
                        .build(),
                "condition longer than the axis")));
    }
}
