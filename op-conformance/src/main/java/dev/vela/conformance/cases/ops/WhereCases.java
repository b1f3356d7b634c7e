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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for ONNX Where: a bool condition and X, Y of the claimed type, the three shapes
 * broadcasting together. Invalid nodes: wrong arity, a non-bool condition, X and Y of different types.
 */
public final class WhereCases implements CaseGenerator {

    private static final OpId WHERE = OpId.of("Where");

    @Override
    public OpId op() {
        return WHERE;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Families.ALL;
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<List<Double>> values = CaseSupport.pool(CaseSupport.standardValues(type));
        Gen<List<Double>> conditions = CaseSupport.pool(CaseSupport.standardValues(DataType.BOOL));
        return Gens.tuples(CaseSupport.broadcastShapes(3), conditions, Gens.tuples(values, values))
                .map(t -> {
                    TensorType c = TensorType.of(DataType.BOOL, t.first().get(0));
                    TensorType x = TensorType.of(type, t.first().get(1));
                    TensorType y = TensorType.of(type, t.first().get(2));
                    Node node = Node.builder(WHERE)
                            .name("where")
                            .input(c)
                            .input(x)
                            .input(y)
                            .build();
                    List<Tensor> inputs = List.of(
                            TensorGens.tiled(c, t.second()),
                            TensorGens.tiled(x, t.third().first()),
                            TensorGens.tiled(y, t.third().second()));
                    return CaseSupport.caseOf(node, inputs);
                });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        Gen<Shape> shape = CaseSupport.shapes(0, 0);
        return Optional.of(Gens.oneOf(
                CaseSupport.wrongArity(WHERE, type, 2),
                shape.map(s -> new InvalidNode(
                        Node.builder(WHERE)
                                .name("int-condition")
                                .input(TensorType.of(DataType.INT32, s))
                                .input(TensorType.of(type, s))
                                .input(TensorType.of(type, s))
                                .build(),
                        "int32 condition")),
                shape.map(s -> new InvalidNode(
                        Node.builder(WHERE)
                                .name("mixed")
                                .input(TensorType.of(DataType.BOOL, s))
                                .input(TensorType.of(type, s))
                                .input(TensorType.of(other, s))
                                .build(),
                        "X and Y of different types"))));
    }
}
