package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * Cases for ONNX Shape: rank 0..4 (some empty) with the opset-15 {@code start} and {@code end}
 * each absent or anywhere in [-rank - 2, rank + 2] (negative counts from the end, out of range
 * clamps, an empty range gives an empty result). Invalid nodes: wrong arity.
 */
public final class ShapeCases extends OpCases {

    /** Creates the generator. */
    public ShapeCases() {
        super("Shape", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes().flatMap(s -> {
            Gen<Integer> bound = Gens.ints(-s.rank() - 3, s.rank() + 2);
            return Gens.tuples(bound, bound).map(t -> {
                Node.Builder b = node().input(TensorType.of(claim.dataType(), s));
                if (t.first() >= -s.rank() - 2) {
                    b.attr("start", (long) t.first());
                }
                if (t.second() >= -s.rank() - 2) {
                    b.attr("end", (long) t.second());
                }
                return b.build();
            });
        }));
    }
}
