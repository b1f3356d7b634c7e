package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
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
 * Cases for ONNX Relu on float32 and float16: rank 0..5, dimensions up to 8 (some empty), values around 0
 * with special ones (NaN must stay NaN). Invalid nodes: wrong arity, bool input.
 */
public final class ReluCases implements CaseGenerator {

    private static final OpId RELU = OpId.of("Relu");

    @Override
    public OpId op() {
        return RELU;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32, DataType.FLOAT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // Shape and values are independent (tuples, not flatMap): shrinking the shape keeps the
        // values, so a value-triggered failure (NaN, -0) shrinks to a one-element tensor.
        Gen<List<Double>> values =
                Gens.lists(Gens.floats(-10f, 10f, 12).map(Float::doubleValue), 1, TensorGens.POOL_SIZE);
        return Gens.tuples(Gens.shapes(0, 5, 8, 24), values).map(t -> {
            Shape shape = t.first();
            TensorType type = TensorType.of(claim.dataType(), shape);
            Tensor x = TensorGens.tiled(type, t.second());
            Node node = Node.builder(RELU).name("relu").input(type).build();
            List<String> labels = new ArrayList<>();
            labels.add("rank " + shape.rank());
            if (shape.isEmpty()) {
                labels.add("empty");
            }
            if (TensorGens.hasSpecialValues(List.of(x))) {
                labels.add("special values");
            }
            return new OpCase(node, List.<Tensor>of(x), Set.copyOf(labels));
        });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<Shape> shape = Gens.shapes(0, 4, 5, 0);
        Gen<InvalidNode> twoInputs = shape.map(s -> new InvalidNode(
                Node.builder(RELU)
                        .name("relu")
                        .input(TensorType.of(type, s))
                        .input(TensorType.of(type, s))
                        .build(),
                "wrong arity: 2 inputs"));
        Gen<InvalidNode> noInput =
                Gens.constant(new InvalidNode(Node.builder(RELU).name("relu").build(), "wrong arity: no input"));
        Gen<InvalidNode> boolInput = shape.map(s -> new InvalidNode(
                Node.builder(RELU)
                        .name("relu")
                        .input(TensorType.of(DataType.BOOL, s))
                        .build(),
                "bool input"));
        return Optional.of(Gens.oneOf(twoInputs, noInput, boolInput));
    }
}
