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
 * Cases for ONNX Dropout at inference: rank 0..4 (some empty), with or without the mask output,
 * and from opset 12 the optional {@code ratio} and {@code training_mode} value inputs (training
 * only with ratio 0, the one deterministic training configuration); one case in four at opset 7
 * (mask of the input type; bool from opset 10). Invalid nodes: no input, training with a positive ratio.
 */
public final class DropoutCases extends OpCases {

    /** Creates the generator. */
    public DropoutCases() {
        super("Dropout", Families.ALL, 0);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(Gens.tuples(CaseSupport.shapes(), Gens.ints(1, 2), Gens.ints(0, 4))
                .map(t -> {
                    TensorType x = TensorType.of(claim.dataType(), t.first());
                    Node.Builder b = node().input(x).outputs(t.second());
                    switch (t.third()) {
                        case 0 -> {
                            if (Families.OLD_FLOATS.contains(claim.dataType())) {
                                b.opset(7); // Dropout-7 took these types only
                            }
                        }
                        case 1 -> b.constantInput(Tensor.ofFloats(Shape.scalar(), 0.3f));
                        case 2 ->
                            b.constantInput(Tensor.ofFloats(Shape.scalar(), 0.5f))
                                    .constantInput(bool(false));
                        case 3 ->
                            b.constantInput(Tensor.ofFloats(Shape.scalar(), 0f)).constantInput(bool(true));
                        default -> {}
                    }
                    return b.build();
                }));
    }

    private static Tensor bool(boolean v) {
        return Tensor.ofBytes(TensorType.of(DataType.BOOL, Shape.scalar()), (byte) (v ? 1 : 0));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().input(TensorType.of(claim.dataType(), Shape.of(3)))
                        .constantInput(Tensor.ofFloats(Shape.scalar(), 0.5f))
                        .constantInput(bool(true))
                        .build(),
                "training mode with ratio 0.5")));
    }
}
