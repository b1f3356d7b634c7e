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
import java.util.function.Function;

/**
 * Cases for a one-input elementwise operator (math, activations, IsNaN/IsInf, Not, BitwiseNot):
 * rank 0..4 with empty dimensions, values from a shape-independent pool (floats in [-100, 100]
 * with NaN, ±Inf, -0, subnormals; integers reaching wrap-around; exact halves for the rounding
 * operators, the domain [-1, 1] for Asin/Acos/Atanh) so a value-triggered failure shrinks to one element, and the operator's attributes drawn from their valid ranges. Invalid
 * nodes: no input, two inputs, an element type the operator does not take.
 */
public final class UnaryCases implements CaseGenerator {

    /** Swish entered ONNX at opset 24, after the builder's default. */
    private static final int SWISH_SINCE = 24;

    private final OpId op;
    private final Set<DataType> types;
    private final Gen<Attributes> attributes;
    private final Function<DataType, Gen<Double>> values;

    /**
     * @param op operator name
     * @param types the element types it takes
     * @param attributes its attributes, shrinking toward the defaults
     * @param values the element values for a type
     */
    public UnaryCases(
            String op, Set<DataType> types, Gen<Attributes> attributes, Function<DataType, Gen<Double>> values) {
        this.op = OpId.of(op);
        this.types = Set.copyOf(types);
        this.attributes = attributes;
        this.values = values;
    }

    /**
     * @param op operator name
     * @param types the element types it takes
     * @param attributes its attributes, shrinking toward the defaults
     */
    public UnaryCases(String op, Set<DataType> types, Gen<Attributes> attributes) {
        this(op, types, attributes, CaseSupport::standardValues);
    }

    /**
     * @param op operator name
     * @param types the element types it takes
     */
    public UnaryCases(String op, Set<DataType> types) {
        this(op, types, Gens.constant(Attributes.empty()));
    }

    /** @return one generator per unary operator of the reference's elementwise family */
    public static List<CaseGenerator> all() {
        List<CaseGenerator> all = new ArrayList<>();
        for (String op : List.of("Floor", "Ceil", "Round")) {
            all.add(new UnaryCases(op, Families.FLOATS, NO_ATTRIBUTES, t -> mixed(t, HALVES)));
        }
        for (String op : List.of("Asin", "Acos", "Atanh")) {
            all.add(new UnaryCases(op, Families.FLOATS, NO_ATTRIBUTES, t -> mixed(t, UNIT_INTERVAL)));
        }
        for (String op : List.of(
                "Sqrt",
                "Exp",
                "Log",
                "Reciprocal",
                "Sin",
                "Cos",
                "Tan",
                "Atan",
                "Sinh",
                "Cosh",
                "Asinh",
                "Acosh",
                "Softplus",
                "Softsign",
                "Mish",
                "Sigmoid",
                "HardSwish",
                "Tanh",
                "IsNaN")) {
            all.add(new UnaryCases(op, Families.FLOATS));
        }
        all.add(new UnaryCases("Elu", Families.FLOATS, floatAttr("alpha", 0f, 3f)));
        all.add(new UnaryCases("LeakyRelu", Families.FLOATS, floatAttr("alpha", 0f, 1f)));
        all.add(new UnaryCases("ThresholdedRelu", Families.FLOATS, floatAttr("alpha", -2f, 5f)));
        all.add(new UnaryCases("Swish", Families.FLOATS, floatAttr("alpha", -2f, 3f)));
        all.add(new UnaryCases("Celu", Families.FLOATS, floatAttr("alpha", 0.1f, 3f)));
        all.add(new UnaryCases(
                "Selu",
                Families.FLOATS,
                Gens.tuples(Gens.floats(0.5f, 2f), Gens.floats(0.5f, 2f))
                        .map(t -> Attributes.builder()
                                .put("alpha", t.first())
                                .put("gamma", t.second())
                                .build())));
        all.add(new UnaryCases(
                "HardSigmoid",
                Families.FLOATS,
                Gens.tuples(Gens.floats(0f, 1f), Gens.floats(-1f, 1f))
                        .map(t -> Attributes.builder()
                                .put("alpha", t.first())
                                .put("beta", t.second())
                                .build())));
        all.add(new UnaryCases(
                "Gelu",
                Families.FLOATS,
                Gens.elements("none", "tanh")
                        .map(a -> Attributes.builder().put("approximate", a).build())));
        all.add(new UnaryCases(
                "IsInf",
                Families.FLOATS,
                Gens.tuples(Gens.ints(0, 1), Gens.ints(0, 1))
                        .map(t -> Attributes.builder()
                                .put("detect_positive", (long) t.first())
                                .put("detect_negative", (long) t.second())
                                .build())));
        all.add(new UnaryCases("Abs", Families.NUMBERS));
        all.add(new UnaryCases("Sign", Families.NUMBERS));
        all.add(new UnaryCases("Erf", Families.NUMBERS));
        all.add(new UnaryCases(
                "Shrink",
                Families.NUMBERS,
                Gens.tuples(Gens.floats(0f, 3f), Gens.floats(-2f, 2f))
                        .map(t -> Attributes.builder()
                                .put("lambd", t.first())
                                .put("bias", t.second())
                                .build())));
        all.add(new UnaryCases("Neg", Families.SIGNED_NUMBERS));
        all.add(new UnaryCases("Relu", Families.SIGNED_NUMBERS));
        all.add(new UnaryCases("BitwiseNot", Families.INTEGERS));
        all.add(new UnaryCases("Not", Families.BOOL));
        return all;
    }

    private static final Gen<Attributes> NO_ATTRIBUTES = Gens.constant(Attributes.empty());
    /** Exact halves, where rounding modes differ (Round is half to even: 2.5 to 2, -1.5 to -2). */
    private static final Gen<Double> HALVES = Gens.ints(-40, 40).map(i -> i / 2.0);
    /** The domain of Asin, Acos and Atanh, its ends included (Atanh(±1) = ±Inf). */
    private static final Gen<Double> UNIT_INTERVAL = Gens.frequency(
            Gens.weighted(3, Gens.floats(-1f, 1f).map(Float::doubleValue)), Gens.weighted(1, Gens.elements(-1.0, 1.0)));

    /** Half the values from {@code special}, half the standard ones of the type (NaN, ±Inf, out of domain). */
    private static Gen<Double> mixed(DataType type, Gen<Double> special) {
        return Gens.frequency(Gens.weighted(1, special), Gens.weighted(1, CaseSupport.standardValues(type)));
    }

    /** One optional float attribute: absent (the default) or drawn from [min, max]. */
    static Gen<Attributes> floatAttr(String name, float min, float max) {
        return Gens.frequency(
                Gens.weighted(1, Gens.constant(Attributes.empty())),
                Gens.weighted(
                        3,
                        Gens.floats(min, max)
                                .map(v -> Attributes.builder().put(name, v).build())));
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
        // shape, values and attributes independent (tuples): each shrinks without disturbing the others
        return Gens.tuples(CaseSupport.shapes(), CaseSupport.pool(values.apply(type)), attributes)
                .map(t -> {
                    Shape shape = t.first();
                    TensorType x = TensorType.of(type, shape);
                    Node.Builder b =
                            CaseSupport.with(Node.builder(op).name(op.toString().toLowerCase()), t.third());
                    if (op.toString().equals("Swish")) {
                        b.opset(SWISH_SINCE);
                    }
                    Node node = b.input(x).build();
                    Tensor value = TensorGens.tiled(x, t.second());
                    return CaseSupport.caseOf(
                            node, List.of(value), t.third().names().isEmpty() ? "default attributes" : "attributes");
                });
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        List<Gen<InvalidNode>> gens = new ArrayList<>();
        gens.add(Gens.constant(new InvalidNode(Node.builder(op).name("no-input").build(), "wrong arity: no input")));
        gens.add(CaseSupport.wrongArity(op, claim.dataType(), 2));
        gens.addAll(CaseSupport.wrongType(op, types, 1, Attributes.empty()));
        return Optional.of(CaseSupport.anyOf(gens));
    }
}
