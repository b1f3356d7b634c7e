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
 * Cases for ONNX Add (float32, float16, int8, uint8, int16, int32, int64): two operands of the
 * claimed type with broadcastable shapes (rank 0..4, dimensions up to 6, some empty), float values
 * with special ones, integer values reaching wrap-around; one float case in {@value FusedActivations#ONE_IN} with a
 * fused Relu or Clip. Invalid nodes: wrong arity, mismatched element types, shapes that do not broadcast.
 */
public final class AddCases implements CaseGenerator {

    private static final OpId ADD = OpId.of("Add");

    @Override
    public OpId op() {
        return ADD;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(
                DataType.FLOAT32,
                DataType.FLOAT16,
                DataType.INT8,
                DataType.UINT8,
                DataType.INT16,
                DataType.INT32,
                DataType.INT64);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // Shapes and value pools are independent (tuples, not flatMap): shrinking the shapes keeps
        // the values, so a value-triggered failure shrinks to small tensors holding that value.
        return FusedActivations.sometimes(
                Gens.tuples(TensorGens.broadcastablePair(4, 6, 24), TensorGens.pool(type), TensorGens.pool(type))
                        .map(t -> {
                            TensorType a = TensorType.of(type, t.first().first());
                            TensorType b = TensorType.of(type, t.first().second());
                            Node node = Node.builder(ADD)
                                    .name("add")
                                    .input(a)
                                    .input(b)
                                    .build();
                            List<Tensor> inputs =
                                    List.of(TensorGens.tiled(a, t.second()), TensorGens.tiled(b, t.third()));
                            return new OpCase(node, inputs, labels(a.shape(), b.shape(), inputs));
                        }),
                type);
    }

    private static Set<String> labels(Shape a, Shape b, List<Tensor> inputs) {
        List<String> labels = new ArrayList<>();
        labels.add(a.equals(b) ? "same shapes" : "broadcast");
        if (a.isEmpty() || b.isEmpty()) {
            labels.add("empty");
        }
        if (a.rank() == 0 || b.rank() == 0) {
            labels.add("scalar operand");
        }
        if (TensorGens.hasSpecialValues(inputs)) {
            labels.add("special values");
        }
        return Set.copyOf(labels);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        Gen<Shape> shape = Gens.shapes(0, 4, 5, 0);
        Gen<InvalidNode> oneInput = shape.map(s -> new InvalidNode(
                Node.builder(ADD).name("add").input(TensorType.of(type, s)).build(), "wrong arity: 1 input"));
        Gen<InvalidNode> threeInputs = shape.map(s -> new InvalidNode(
                Node.builder(ADD)
                        .name("add")
                        .input(TensorType.of(type, s))
                        .input(TensorType.of(type, s))
                        .input(TensorType.of(type, s))
                        .build(),
                "wrong arity: 3 inputs"));
        Gen<InvalidNode> mixedTypes = shape.map(s -> new InvalidNode(
                Node.builder(ADD)
                        .name("add")
                        .input(TensorType.of(type, s))
                        .input(TensorType.of(other, s))
                        .build(),
                "mismatched element types " + type.label() + " and " + other.label()));
        Gen<InvalidNode> noBroadcast = Gens.tuples(Gens.ints(2, 5), Gens.ints(1, 3))
                .map(t -> {
                    Shape a = Shape.of(t.first());
                    Shape b = Shape.of(t.first() + t.second());
                    return new InvalidNode(
                            Node.builder(ADD)
                                    .name("add")
                                    .input(TensorType.of(type, a))
                                    .input(TensorType.of(type, b))
                                    .build(),
                            "shapes do not broadcast: " + a + " and " + b);
                });
        if (type.isFloatingPoint()) {
            TensorType t = TensorType.of(type, Shape.of(2, 3));
            return Optional.of(Gens.oneOf(
                    oneInput,
                    threeInputs,
                    mixedTypes,
                    noBroadcast,
                    FusedActivations.invalid(
                            Node.builder(ADD).name("add").input(t).input(t).build())));
        }
        return Optional.of(Gens.oneOf(oneInput, threeInputs, mixedTypes, noBroadcast));
    }
}
