package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/** Cases for ONNX Tile: rank 0..4 (some empty), repeats 0..3 per axis as a value input. Invalid nodes: wrong arity, repeats of the wrong length, a negative repeat. */
public final class TileCases extends OpCases {

    /** Creates the generator. */
    public TileCases() {
        super("Tile", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(Gens.shapes(0, 4, 4, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.fixedLists(
                                Gens.frequency(Gens.weighted(6, Gens.ints(1, 3)), Gens.weighted(1, Gens.constant(0))),
                                s.rank())
                        .map(r -> node().input(TensorType.of(claim.dataType(), s))
                                .constantInput(CaseSupport.int64s(
                                        r.stream().map(Integer::longValue).toList()))
                                .build())));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType x = TensorType.of(claim.dataType(), Shape.of(2, 3));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(2)).build(), "one repeat for two axes")),
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(1, -1)).build(), "negative repeat")));
    }
}
