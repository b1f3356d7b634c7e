package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Shapes, value pools, labels and invalid nodes shared by the elementwise, tensor and linalg generators. */
final class CaseSupport {

    /** Largest rank of a generated operand. */
    static final int MAX_RANK = 4;
    /** Largest dimension: small, so the full run over every claim stays fast. */
    static final int MAX_DIM = 5;
    /** One dimension in this many is 0 where the operator allows empty tensors. */
    static final int EMPTY_ODDS = 24;

    private CaseSupport() {}

    /** @return shapes of rank 0..4, dimensions up to 5, some empty */
    static Gen<Shape> shapes() {
        return Gens.shapes(0, MAX_RANK, MAX_DIM, EMPTY_ODDS);
    }

    /**
     * @param minRank smallest rank
     * @param emptyOdds one dimension in this many is 0; 0 for never
     * @return shapes of rank minRank..4
     */
    static Gen<Shape> shapes(int minRank, int emptyOdds) {
        return Gens.shapes(minRank, MAX_RANK, MAX_DIM, emptyOdds);
    }

    /**
     * Shapes broadcasting together (ONNX multidirectional broadcasting): a result shape, then each
     * operand all of it or its trailing dimensions, some set to 1.
     *
     * @param count how many operands
     * @return the operand shapes
     */
    static Gen<List<Shape>> broadcastShapes(int count) {
        return shapes().flatMap(out -> Gens.fixedLists(operandOf(out), count));
    }

    /**
     * @param out the result shape
     * @return shapes broadcasting to it (unidirectionally), shrinking toward fewer elements
     */
    static Gen<Shape> operandOf(Shape out) {
        int rank = out.rank();
        Gen<Integer> kept = rank == 0
                ? Gens.constant(0)
                : Gens.frequency(Gens.weighted(1, Gens.ints(0, rank - 1)), Gens.weighted(3, Gens.constant(rank)));
        Gen<Boolean> one =
                Gens.frequency(Gens.weighted(1, Gens.constant(true)), Gens.weighted(3, Gens.constant(false)));
        return Gens.tuples(kept, Gens.fixedLists(one, rank)).map(t -> {
            int[] dims = out.dims();
            int drop = rank - t.first();
            int[] operand = new int[rank - drop];
            for (int i = drop; i < rank; i++) {
                operand[i - drop] = t.second().get(i) ? 1 : dims[i];
            }
            return Shape.of(operand);
        });
    }

    /**
     * @param values one element, as a double (integers exactly)
     * @return a shape-independent pool of values for {@link TensorGens#tiled}
     */
    static Gen<List<Double>> pool(Gen<Double> values) {
        return Gens.lists(values, 1, TensorGens.POOL_SIZE);
    }

    /**
     * @param type an element type
     * @return the standard values of that type as doubles: floats in [-100, 100] with special values, integers reaching wrap-around
     */
    static Gen<Double> standardValues(DataType type) {
        return type.isFloatingPoint()
                ? TensorGens.floatValues().map(Float::doubleValue)
                : TensorGens.integerValues(type).map(Long::doubleValue);
    }

    /**
     * @param type a tensor type
     * @return tensors of it with the standard values, drawn element by element (for operators that move data)
     */
    static Gen<Tensor> tensor(TensorType type) {
        return TensorGens.tensor(type);
    }

    /**
     * @param types tensor types
     * @return independent tensors of these types, drawn in order
     */
    static Gen<List<Tensor>> tensors(List<TensorType> types) {
        Gen<List<Tensor>> acc = Gens.constant(List.of());
        for (TensorType t : types) {
            acc = acc.flatMap(prefix -> tensor(t).map(x -> {
                List<Tensor> l = new ArrayList<>(prefix);
                l.add(x);
                return l;
            }));
        }
        return acc;
    }

    /**
     * @param shape a shape
     * @param values int64 values
     * @return a constant int64 tensor
     */
    static Tensor int64(Shape shape, long... values) {
        return Tensor.ofLongs(shape, values);
    }

    /**
     * @param values int64 values
     * @return a 1-D int64 tensor
     */
    static Tensor int64s(long... values) {
        return Tensor.ofLongs(Shape.of(values.length), values);
    }

    /**
     * @param values int64 values
     * @return a 1-D int64 tensor
     */
    static Tensor int64s(List<Long> values) {
        long[] v = new long[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return int64s(v);
    }

    /**
     * @param inputs a case's inputs
     * @param extra labels to add
     * @return the standard labels: rank of input 0, empty, special values, plus the extra ones
     */
    static Set<String> labels(List<Tensor> inputs, String... extra) {
        List<String> labels = new ArrayList<>(List.of(extra));
        boolean empty = false;
        for (Tensor t : inputs) {
            empty |= t != null && t.elementCount() == 0;
        }
        if (empty) {
            labels.add("empty");
        }
        if (!inputs.isEmpty() && inputs.get(0) != null) {
            labels.add("rank " + inputs.get(0).shape().rank());
        }
        if (TensorGens.hasSpecialValues(inputs)) {
            labels.add("special values");
        }
        return Set.copyOf(labels);
    }

    /**
     * @param node a node whose inputs are given in order: constant ones from the node, the rest from {@code values}
     * @param values values of the non-constant inputs, in order
     * @param extra labels
     * @return the case
     */
    static OpCase caseOf(Node node, List<Tensor> values, String... extra) {
        List<Tensor> inputs = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < node.inputCount(); i++) {
            if (!node.hasInput(i)) {
                inputs.add(null);
            } else if (node.inputValue(i).isPresent()) {
                inputs.add(node.inputValue(i).get());
            } else {
                inputs.add(values.get(next++));
            }
        }
        return new OpCase(node, inputs, labels(inputs, extra));
    }

    /**
     * @param node a node
     * @return the types of its non-constant inputs, in order
     */
    static List<TensorType> variableInputTypes(Node node) {
        List<TensorType> types = new ArrayList<>();
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.hasInput(i) && node.inputValue(i).isEmpty()) {
                types.add(node.inputType(i));
            }
        }
        return types;
    }

    /**
     * For operators that move or combine data without periodic-value shortcuts: values drawn
     * element by element after the node's structure.
     *
     * @param nodes the nodes
     * @param extra labels
     * @return cases with random values for the non-constant inputs
     */
    static Gen<OpCase> withRandomInputs(Gen<Node> nodes, String... extra) {
        return nodes.flatMap(n -> tensors(variableInputTypes(n)).map(v -> caseOf(n, v, extra)));
    }

    /**
     * As {@link #withRandomInputs(Gen, String...)} for operators that sum products: float values from
     * {@link TensorGens#reductionFloatValues()} (no ±MAX_VALUE, whose products overflow).
     *
     * @param nodes the nodes
     * @return cases with random values for the non-constant inputs
     */
    static Gen<OpCase> withRandomReductionInputs(Gen<Node> nodes) {
        return nodes.flatMap(n -> {
            Gen<List<Tensor>> acc = Gens.constant(List.of());
            for (TensorType t : variableInputTypes(n)) {
                Gen<Tensor> one = t.dataType().isFloatingPoint()
                        ? TensorGens.floatTensor(t, TensorGens.reductionFloatValues())
                        : tensor(t);
                acc = acc.flatMap(prefix -> one.map(x -> {
                    List<Tensor> l = new ArrayList<>(prefix);
                    l.add(x);
                    return l;
                }));
            }
            return acc.map(v -> caseOf(n, v));
        });
    }

    /**
     * @param attrs attributes
     * @param b a node builder
     * @return the builder with the attributes added
     */
    static Node.Builder with(Node.Builder b, Attributes attrs) {
        b.attributes().putAll(attrs);
        return b;
    }

    /**
     * Invalid nodes by arity: {@code count} inputs of the claimed type (with a shape of rank 1..3).
     *
     * @param op the operator
     * @param type the claimed type
     * @param count a number of inputs the operator refuses
     * @return the invalid nodes
     */
    static Gen<InvalidNode> wrongArity(OpId op, DataType type, int count) {
        return Gens.shapes(1, 3, 4, 0).map(s -> {
            Node.Builder b = Node.builder(op).name(op.toString().toLowerCase());
            for (int i = 0; i < count; i++) {
                b.input(TensorType.of(type, s));
            }
            return new InvalidNode(b.build(), "wrong arity: " + count + " input(s)");
        });
    }

    /**
     * @param op the operator
     * @param types the claimed types
     * @param arity how many inputs of that type the node gets
     * @param attrs attributes the node needs apart from its type
     * @return nodes whose inputs have a type the operator does not accept, or none if it accepts every type
     */
    static List<Gen<InvalidNode>> wrongType(OpId op, Set<DataType> types, int arity, Attributes attrs) {
        DataType foreign = Families.foreignType(types);
        if (foreign == null) {
            return List.of();
        }
        return List.of(Gens.shapes(0, 3, 4, 0).map(s -> {
            Node.Builder b = with(Node.builder(op).name(op.toString().toLowerCase()), attrs);
            for (int i = 0; i < arity; i++) {
                b.input(TensorType.of(foreign, s));
            }
            return new InvalidNode(b.build(), foreign.label() + " input");
        }));
    }

    /**
     * @param gens alternatives
     * @return one of them
     */
    @SuppressWarnings("unchecked")
    static Gen<InvalidNode> anyOf(List<Gen<InvalidNode>> gens) {
        return Gens.oneOf(gens.toArray(new Gen[0]));
    }
}
