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
 * Cases for a two-input elementwise operator with broadcasting: arithmetic, comparisons, logic,
 * bitwise operators and (unidirectionally) PRelu. Shapes broadcast multidirectionally (rank 0..4,
 * some empty, scalars, dimensions of 1; one case in four a lower-rank operand against a rank 2..4 one, and cases 2 to 5 of a run
 * a row against a matrix and against a column, either side first), values come from shape-independent pools so a failure
 * caused by one value shrinks to single elements. Where the reference fails at invoke for some
 * values (integer division or remainder by zero, zero to a negative power), the second operand is
 * drawn from values that are defined. Operators that had them get one case in five in the opset-6
 * form with the {@code broadcast}/{@code axis} attributes (for the types they took then). One float case of Add,
 * Sub, Mul and Div in {@value FusedActivations#ONE_IN} carries a fused Relu or Clip. Invalid nodes: wrong arity, mismatched element types,
 * shapes that do not broadcast, an element type the operator does not take.
 */
public final class BinaryCases implements CaseGenerator {

    private final OpId op;
    private final Set<DataType> types;
    private final Function<DataType, Gen<Attributes>> attributes;
    private final Function<DataType, Gen<Double>> secondValues;
    private final boolean unidirectional;

    private BinaryCases(
            String op,
            Set<DataType> types,
            Function<DataType, Gen<Attributes>> attributes,
            Function<DataType, Gen<Double>> secondValues,
            boolean unidirectional) {
        this.op = OpId.of(op);
        this.types = Set.copyOf(types);
        this.attributes = attributes;
        this.secondValues = secondValues;
        this.unidirectional = unidirectional;
    }

    /**
     * @param op operator name
     * @param types the element types it takes
     * @return a generator with no attributes and standard values for both operands
     */
    public static BinaryCases of(String op, Set<DataType> types) {
        return new BinaryCases(op, types, t -> Gens.constant(Attributes.empty()), CaseSupport::standardValues, false);
    }

    /** @return one generator per binary operator of the reference's elementwise family */
    public static List<CaseGenerator> all() {
        List<CaseGenerator> all = new ArrayList<>();
        for (String op : List.of("Add", "Sub", "Mul")) {
            all.add(of(op, Families.NUMBERS));
        }
        all.add(new BinaryCases(
                "Div", Families.NUMBERS, t -> Gens.constant(Attributes.empty()), BinaryCases::divisors, false));
        all.add(new BinaryCases("Mod", Families.NUMBERS, BinaryCases::modAttributes, BinaryCases::divisors, false));
        all.add(new BinaryCases(
                "Pow",
                union(Families.FLOATS, Set.of(DataType.INT32, DataType.INT64)),
                t -> Gens.constant(Attributes.empty()),
                BinaryCases::exponents,
                false));
        all.add(new BinaryCases(
                "BitShift",
                Families.UNSIGNED_INTEGERS,
                t -> Gens.elements("LEFT", "RIGHT")
                        .map(d -> Attributes.builder().put("direction", d).build()),
                t -> Gens.ints(0, 8 * t.byteSize() + 1).map(Integer::doubleValue),
                false));
        for (String op : List.of("BitwiseAnd", "BitwiseOr", "BitwiseXor")) {
            all.add(of(op, Families.INTEGERS));
        }
        all.add(of("Equal", Families.ALL));
        for (String op : List.of("Less", "Greater", "LessOrEqual", "GreaterOrEqual")) {
            all.add(of(op, Families.NUMBERS));
        }
        for (String op : List.of("And", "Or", "Xor")) {
            all.add(of(op, Families.BOOL));
        }
        all.add(new BinaryCases(
                "PRelu",
                union(Families.FLOATS, Set.of(DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64)),
                t -> Gens.constant(Attributes.empty()),
                CaseSupport::standardValues,
                true));
        return all;
    }

    private static Set<DataType> union(Set<DataType> a, Set<DataType> b) {
        return Families.union(a, b);
    }

    /** Integer divisors are never 0 (the reference fails on them, as ONNX leaves them undefined); floats include ±0. */
    private static Gen<Double> divisors(DataType type) {
        return type.isFloatingPoint()
                ? CaseSupport.standardValues(type)
                : CaseSupport.standardValues(type).map(v -> v == 0 ? 1.0 : v);
    }

    /** Floating Mod requires fmod=1; integers take both remainder conventions. */
    private static Gen<Attributes> modAttributes(DataType type) {
        Gen<Long> fmod = type.isFloatingPoint() ? Gens.constant(1L) : Gens.elements(0L, 1L);
        return fmod.map(f -> Attributes.builder().put("fmod", f).build());
    }

    /** Integer exponents 0..7 (a negative one with base 0 fails); floating exponents anything, specials included. */
    private static Gen<Double> exponents(DataType type) {
        return type.isFloatingPoint()
                ? Gens.frequency(
                        Gens.weighted(1, CaseSupport.standardValues(type)),
                        Gens.weighted(1, Gens.ints(-3, 3).map(Integer::doubleValue)))
                : Gens.ints(0, 7).map(Integer::doubleValue);
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return types;
    }

    /** Operators that TFLite gives a fused activation (ADD, SUB, MUL, DIV). */
    private static final Set<String> FUSING = Set.of("Add", "Sub", "Mul", "Div");

    /** Operators that had the {@code broadcast}/{@code axis} attributes before opset 7, and the types they took then. */
    private static final Set<String> LEGACY_ARITHMETIC = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Less", "Greater");

    private boolean hasLegacyForm(DataType type) {
        String name = op.toString();
        return LEGACY_ARITHMETIC.contains(name) && Families.OLD_FLOATS.contains(type)
                || name.equals("Equal")
                        && Set.of(DataType.BOOL, DataType.INT32, DataType.INT64).contains(type)
                || Set.of("And", "Or", "Xor").contains(name);
    }

    /**
     * The opset-6 form: B the same shape as A, or with {@code broadcast=1} a single element or a
     * contiguous run of A's dimensions (some 1) placed by {@code axis} or, without it, at the end.
     */
    private static Gen<List<Shape>> legacyShapes() {
        return CaseSupport.shapes(1, 0).flatMap(a -> {
            int r = a.rank();
            return Gens.tuples(Gens.ints(0, r - 1), Gens.fixedLists(Gens.booleans(), r), Gens.ints(0, 2))
                    .map(t -> {
                        int start = t.first();
                        int[] b = new int[r - start];
                        for (int i = 0; i < b.length; i++) {
                            b[i] = t.second().get(i) ? 1 : a.dim(start + i);
                        }
                        return List.of(a, Shape.of(b), Shape.of(start, t.third()));
                    });
        });
    }

    private Gen<OpCase> legacyCases(DataType type, Gen<List<Double>> first, Gen<List<Double>> second) {
        return Gens.tuples(legacyShapes(), first, second).map(t -> {
            Shape a = t.first().get(0);
            int start = t.first().get(2).dim(0);
            int mode = t.first().get(2).dim(1);
            Node.Builder nb = Node.builder(op).name(op.toString().toLowerCase()).opset(6);
            Shape b;
            String label;
            if (mode == 0) {
                b = a;
                label = "opset 6 same shapes";
            } else if (mode == 1 && start > 0) {
                b = t.first().get(1);
                nb.attr("broadcast", 1L).attr("axis", (long) start);
                label = "opset 6 broadcast at axis";
            } else {
                // a suffix run, or (start 0, mode 1) a single element
                b = mode == 1 ? Shape.of(1) : t.first().get(1);
                nb.attr("broadcast", 1L);
                label = "opset 6 broadcast suffix";
            }
            TensorType ta = TensorType.of(type, a);
            TensorType tb = TensorType.of(type, b);
            Node node = nb.input(ta).input(tb).build();
            return CaseSupport.caseOf(
                    node, List.of(TensorGens.tiled(ta, t.second()), TensorGens.tiled(tb, t.third())), label);
        });
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<List<Shape>> shapes = unidirectional
                ? CaseSupport.shapes().flatMap(x -> CaseSupport.operandOf(x).map(s -> List.of(x, s)))
                : Gens.frequency(
                        Gens.weighted(3, CaseSupport.broadcastShapes(2)), Gens.weighted(1, lowerRankOperand()));
        Gen<OpCase> modern = FUSING.contains(op.toString())
                ? FusedActivations.sometimes(modernCases(claim, shapes), claim.dataType())
                : modernCases(claim, shapes);
        Gen<OpCase> all = modern;
        if (hasLegacyForm(claim.dataType())) {
            Gen<OpCase> legacy = legacyCases(
                    claim.dataType(),
                    CaseSupport.pool(CaseSupport.standardValues(claim.dataType())),
                    CaseSupport.pool(secondValues.apply(claim.dataType())));
            all = Gens.frequency(Gens.weighted(4, modern), Gens.weighted(1, legacy));
        }
        if (unidirectional) {
            return all;
        }
        List<Gen<OpCase>> first = new ArrayList<>();
        first.add(null);
        for (List<Shape> pair : SUFFIX_OPERANDS) {
            first.add(modernCases(claim, Gens.constant(pair)));
        }
        return Gens.firstCases(all, first);
    }

    /**
     * The second to fifth cases of a run: a row against a matrix ([3] and [2, 3]) and against a column ([3] and
     * [2, 1], one value per row), each operand first. A vendor's loops for an operand that walks from another
     * offset than the output, against one that walks too or holds one value per row, are then reached by every
     * operator at any seed, not only where the random shapes happen to fall on them.
     */
    private static final List<List<Shape>> SUFFIX_OPERANDS = List.of(
            List.of(Shape.of(3), Shape.of(2, 3)),
            List.of(Shape.of(2, 3), Shape.of(3)),
            List.of(Shape.of(3), Shape.of(2, 1)),
            List.of(Shape.of(2, 1), Shape.of(3)));

    private Gen<OpCase> modernCases(KernelClaim claim, Gen<List<Shape>> shapes) {
        DataType type = claim.dataType();
        Gen<List<Double>> first = CaseSupport.pool(CaseSupport.standardValues(type));
        Gen<List<Double>> second = CaseSupport.pool(secondValues.apply(type));
        return Gens.tuples(shapes, Gens.tuples(first, second), attributes.apply(type))
                .map(t -> {
                    TensorType a = TensorType.of(type, t.first().get(0));
                    TensorType b = TensorType.of(type, t.first().get(1));
                    Node node = CaseSupport.with(
                                    Node.builder(op).name(op.toString().toLowerCase()), t.third())
                            .input(a)
                            .input(b)
                            .build();
                    List<Tensor> inputs = List.of(
                            TensorGens.tiled(a, t.second().first()),
                            TensorGens.tiled(b, t.second().second()));
                    List<String> labels = new ArrayList<>();
                    labels.add(a.shape().equals(b.shape()) ? "same shapes" : "broadcast");
                    if (a.shape().rank() == 0 || b.shape().rank() == 0) {
                        labels.add("scalar operand");
                    }
                    return CaseSupport.caseOf(node, inputs, labels.toArray(new String[0]));
                });
    }

    /**
     * The broadcast numpy code uses most, and the one the general generator reaches late (its first cases have
     * rank 0 or 1): an operand of lower rank against one of rank 2..4, like a bias [C] against [N, H, W, C] or a row
     * against a matrix, either operand first. The lower-rank one is a proper suffix of the result, so it walks
     * along the inner dimensions and restarts at each outer index (its start differs from the output's).
     */
    private static Gen<List<Shape>> lowerRankOperand() {
        return Gens.shapes(2, CaseSupport.MAX_RANK, CaseSupport.MAX_DIM, 0)
                .flatMap(out -> Gens.tuples(Gens.ints(1, out.rank() - 1), Gens.booleans(), CaseSupport.operandOf(out))
                        .map(t -> {
                            int[] dims = out.dims();
                            Shape low =
                                    Shape.of(java.util.Arrays.copyOfRange(dims, dims.length - t.first(), dims.length));
                            Shape high = t.third().rank() == out.rank() ? t.third() : out;
                            return t.second() ? List.of(low, high) : List.of(high, low);
                        }));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        List<Gen<InvalidNode>> gens = new ArrayList<>();
        Gen<Attributes> attrs = attributes.apply(type);
        gens.add(CaseSupport.wrongArity(op, type, 1).flatMap(n -> attrs.map(a -> rebuild(n, a))));
        gens.add(CaseSupport.wrongArity(op, type, 3).flatMap(n -> attrs.map(a -> rebuild(n, a))));
        DataType other = type == DataType.FLOAT32 ? DataType.INT32 : DataType.FLOAT32;
        if (!op.equals(OpId.of("Pow"))) { // Pow's exponent may have another type
            gens.add(Gens.tuples(CaseSupport.shapes(0, 0), attrs)
                    .map(t -> new InvalidNode(
                            CaseSupport.with(Node.builder(op).name("mixed"), t.second())
                                    .input(TensorType.of(type, t.first()))
                                    .input(TensorType.of(other, t.first()))
                                    .build(),
                            "mismatched element types " + type.label() + " and " + other.label())));
        }
        gens.add(Gens.tuples(Gens.ints(2, 5), Gens.ints(1, 3), attrs).map(t -> {
            Shape a = Shape.of(t.first());
            Shape b = Shape.of(t.first() + t.second());
            return new InvalidNode(
                    CaseSupport.with(Node.builder(op).name("no-broadcast"), t.third())
                            .input(TensorType.of(type, a))
                            .input(TensorType.of(type, b))
                            .build(),
                    "shapes do not broadcast: " + a + " and " + b);
        }));
        gens.addAll(CaseSupport.wrongType(op, types, 2, Attributes.empty()));
        if (FUSING.contains(op.toString()) && type.isFloatingPoint()) {
            TensorType t = TensorType.of(type, Shape.of(2, 3));
            gens.add(FusedActivations.invalid(
                    Node.builder(op).name("fused").input(t).input(t).build()));
        }
        return Optional.of(CaseSupport.anyOf(gens));
    }

    /** The same inputs with the operator's attributes, so only the arity is wrong. */
    private static InvalidNode rebuild(InvalidNode n, Attributes attrs) {
        Node.Builder b =
                CaseSupport.with(Node.builder(n.node().op()).name(n.node().name()), attrs);
        for (int i = 0; i < n.node().inputCount(); i++) {
            b.input(n.node().inputType(i));
        }
        return new InvalidNode(b.build(), n.why());
    }
}
