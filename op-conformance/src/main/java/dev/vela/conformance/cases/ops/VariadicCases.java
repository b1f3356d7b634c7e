package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.Attributes;
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
 * Cases for the variadic elementwise operators Sum, Mean, Max and Min: one to four inputs whose
 * shapes broadcast together, values from shape-independent pools (NaN among them: Max and Min must
 * propagate it). Invalid nodes: no input, mismatched element types, shapes that do not broadcast.
 */
public final class VariadicCases implements CaseGenerator {

    /** Most inputs generated. */
    private static final int MAX_INPUTS = 4;

    private final OpId op;
    private final Set<DataType> types;

    /**
     * @param op operator name
     * @param types the element types it takes
     */
    public VariadicCases(String op, Set<DataType> types) {
        this.op = OpId.of(op);
        this.types = Set.copyOf(types);
    }

    /** @return Sum, Mean, Max, Min */
    public static List<CaseGenerator> all() {
        return List.of(
                new VariadicCases("Sum", Families.FLOATS),
                new VariadicCases("Mean", Families.FLOATS),
                new VariadicCases("Max", Families.NUMBERS),
                new VariadicCases("Min", Families.NUMBERS));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return types;
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<List<Shape>> shapes = Gens.ints(1, MAX_INPUTS).flatMap(CaseSupport::broadcastShapes);
        // Sum and Mean: no ±MAX_VALUE (MAX + MAX - MAX is MAX in double, Inf when a kernel adds in float32)
        boolean sums = op.toString().equals("Sum") || op.toString().equals("Mean");
        Gen<Double> values = sums
                ? CaseSupport.standardValues(type)
                        .map(v -> Math.abs(v) == Float.MAX_VALUE ? Math.copySign(100.0, v) : v)
                : CaseSupport.standardValues(type);
        Gen<List<List<Double>>> pools = Gens.fixedLists(CaseSupport.pool(values), MAX_INPUTS);
        return Gens.tuples(shapes, pools).map(t -> {
            Node.Builder b = Node.builder(op).name(op.toString().toLowerCase());
            List<Tensor> inputs = new ArrayList<>();
            for (int i = 0; i < t.first().size(); i++) {
                TensorType x = TensorType.of(type, t.first().get(i));
                b.input(x);
                inputs.add(TensorGens.tiled(x, t.second().get(i)));
            }
            return CaseSupport.caseOf(b.build(), inputs, inputs.size() + " input(s)");
        });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        List<Gen<InvalidNode>> gens = new ArrayList<>();
        gens.add(Gens.constant(new InvalidNode(Node.builder(op).name("no-input").build(), "wrong arity: no input")));
        gens.add(CaseSupport.shapes(0, 0)
                .map(s -> new InvalidNode(
                        Node.builder(op)
                                .name("mixed")
                                .input(TensorType.of(type, s))
                                .input(TensorType.of(other, s))
                                .build(),
                        "mismatched element types " + type.label() + " and " + other.label())));
        gens.add(Gens.tuples(Gens.ints(2, 5), Gens.ints(1, 3))
                .map(t -> new InvalidNode(
                        Node.builder(op)
                                .name("no-broadcast")
                                .input(TensorType.of(type, Shape.of(t.first())))
                                .input(TensorType.of(type, Shape.of(t.first() + t.second())))
                                .build(),
                        "shapes do not broadcast")));
        gens.addAll(CaseSupport.wrongType(op, types, 2, Attributes.empty()));
        return Optional.of(CaseSupport.anyOf(gens));
    }
}
