package dev.vela.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The definition of an operator the reference does not know, contributed by a provider through
 * {@link OperatorProvider#definitions()} (docs/architecture.md decision D12): its identity ({@code
 * domain:name} and a version), its inputs and outputs with the element types they allow (type
 * variables, as in ONNX operator schemas), its attributes, documentation, shape and type
 * inference, and a reference implementation that is the definition of correct for it. A vendor's
 * optimised kernel for the operator is certified against that reference and against the admission
 * cases the plugin ships.
 *
 * <p>The {@linkplain #schemaHash() schema hash} covers everything but documentation, inference
 * code and reference code: identity, version, parameters, type variables and attributes with their
 * defaults. Certificates record it, so a certified kernel is tied to the definition it was tested
 * against.
 *
 * <p>Version rule: a node of opset version {@code n} in the operator's domain is defined by the
 * definition of that operator with the highest version not above {@code n} (as ONNX schemas'
 * {@code since_version}).
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class OperatorDefinition {

    /** The first line of the canonical schema text; changes only with the text's layout. */
    static final String SCHEMA_FORMAT = "vela-operator-schema 1";

    private final OpId op;
    private final int version;
    private final String doc;
    private final List<ParameterDefinition> inputs;
    private final List<ParameterDefinition> outputs;
    private final Map<String, TypeConstraint> typeConstraints;
    private final Map<String, AttributeDefinition> attributes;
    private final TypeInference inference;
    private final KernelFactory reference;
    private final CaseGenerator generator;
    private final String canonicalSchema;

    private OperatorDefinition(Builder b) {
        op = b.op;
        version = b.version;
        doc = b.doc;
        inputs = List.copyOf(b.inputs);
        outputs = List.copyOf(b.outputs);
        typeConstraints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.typeConstraints));
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        inference = Objects.requireNonNull(b.inference, () -> "definition of " + b.op + " has no inference");
        reference =
                Objects.requireNonNull(b.reference, () -> "definition of " + b.op + " has no reference implementation");
        generator = b.generator;
        if (!reference.op().equals(op)) {
            throw new IllegalArgumentException("the reference of " + op + " implements " + reference.op());
        }
        checkParameters("input", inputs);
        checkParameters("output", outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("definition of " + op + " has no outputs");
        }
        canonicalSchema = canonical();
    }

    /**
     * @param op the operator, usually in a vendor's or a format's domain ({@code tflite:SignalWindow})
     * @param version the definition's version, at least 1
     * @return a builder
     */
    public static Builder builder(OpId op, int version) {
        return new Builder(op, version);
    }

    /** @return the operator */
    public OpId op() {
        return op;
    }

    /** @return the definition's version */
    public int version() {
        return version;
    }

    /** @return what the operator computes */
    public String doc() {
        return doc;
    }

    /** @return the input positions, in order */
    public List<ParameterDefinition> inputs() {
        return inputs;
    }

    /** @return the output positions, in order */
    public List<ParameterDefinition> outputs() {
        return outputs;
    }

    /** @return the type variables, in declaration order */
    public List<TypeConstraint> typeConstraints() {
        return List.copyOf(typeConstraints.values());
    }

    /** @return the attributes a node may carry, in declaration order */
    public List<AttributeDefinition> attributes() {
        return List.copyOf(attributes.values());
    }

    /**
     * @param name an attribute name
     * @return its definition, or empty if nodes may not carry it
     */
    public Optional<AttributeDefinition> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** @return the inference as the vendor wrote it; prefer {@link #inferOutputTypes(Node)}, which checks it */
    public TypeInference inference() {
        return inference;
    }

    /** @return the reference implementation: the definition of correct for this operator */
    public KernelFactory reference() {
        return reference;
    }

    /** @return the vendor's generator of valid cases, if it wrote one */
    public Optional<CaseGenerator> generator() {
        return Optional.ofNullable(generator);
    }

    /** @return the number of leading input positions a node must have */
    public int minInputs() {
        return countRequired(inputs);
    }

    /** @return the number of input positions a node may have, {@link Integer#MAX_VALUE} with a variadic one */
    public int maxInputs() {
        return maxCount(inputs);
    }

    /** @return the number of outputs a node must have */
    public int minOutputs() {
        return countRequired(outputs);
    }

    /** @return the number of outputs a node may have, {@link Integer#MAX_VALUE} with a variadic one */
    public int maxOutputs() {
        return maxCount(outputs);
    }

    /**
     * Everything in the node that the schema rules out: wrong operator, too few or too many inputs
     * or outputs, a missing required input, a missing required attribute, an unknown attribute or
     * one of the wrong type, an element type its type variable does not allow, or two positions of
     * one type variable with different element types.
     *
     * @param node the node
     * @return the violations, each a sentence naming the position or attribute; empty if none
     */
    public List<String> violations(Node node) {
        List<String> found = new ArrayList<>();
        if (!node.op().equals(op)) {
            found.add("operator is " + node.op() + ", not " + op);
            return found;
        }
        checkArity(found, "inputs", node.inputCount(), minInputs(), maxInputs());
        checkArity(found, "outputs", node.outputCount(), minOutputs(), maxOutputs());
        for (int i = 0; i < Math.min(node.inputCount(), minInputs()); i++) {
            if (!node.hasInput(i)) {
                found.add("required input " + i + " '" + inputs.get(i).name() + "' is missing");
            }
        }
        checkAttributes(found, node.attributes());
        if (found.isEmpty()) {
            checkInputTypes(found, node);
        }
        return found;
    }

    /**
     * The output types of a node: checks the node against the schema, runs the inference and
     * checks what it returns (count, element types against the type variables).
     *
     * @param node the node
     * @return one type per output
     * @throws InvalidNodeException naming the node and this definition if the node violates the
     *     schema, the inference refuses it, the inference fails, or it returns types the schema forbids
     */
    public List<TensorType> inferOutputTypes(Node node) {
        List<String> wrong = violations(node);
        if (!wrong.isEmpty()) {
            throw new InvalidNodeException(
                    node, "does not satisfy the definition " + this + ": " + String.join("; ", wrong));
        }
        List<TensorType> types;
        try {
            types = inference.infer(node);
        } catch (InvalidNodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            InvalidNodeException failure = new InvalidNodeException(
                    node,
                    "the inference of definition " + this + " failed: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            failure.initCause(e);
            throw failure;
        }
        checkInferred(node, types);
        return List.copyOf(types);
    }

    /**
     * The schema as canonical text: one line per fact, without documentation. Stable across JVMs and
     * releases of this SPI (its first line names its layout); {@link #schemaHash()} is its SHA-256.
     *
     * @return the text, lines ending in {@code \n}
     */
    public String canonicalSchema() {
        return canonicalSchema;
    }

    /** @return the lower-case hex SHA-256 of {@link #canonicalSchema()} in UTF-8 */
    public String schemaHash() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalSchema.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte d : digest) {
                hex.append(Character.forDigit((d >> 4) & 0xF, 16)).append(Character.forDigit(d & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** @return e.g. {@code tflite:SignalWindow v1} */
    @Override
    public String toString() {
        return op + " v" + version;
    }

    private String canonical() {
        StringBuilder s = new StringBuilder(SCHEMA_FORMAT).append('\n');
        s.append("op ")
                .append(op)
                .append('\n')
                .append("version ")
                .append(version)
                .append('\n');
        for (ParameterDefinition p : inputs) {
            s.append("input ")
                    .append(p.name())
                    .append(' ')
                    .append(p.typeVariable())
                    .append(' ')
                    .append(p.presence())
                    .append('\n');
        }
        for (ParameterDefinition p : outputs) {
            s.append("output ")
                    .append(p.name())
                    .append(' ')
                    .append(p.typeVariable())
                    .append(' ')
                    .append(p.presence())
                    .append('\n');
        }
        for (TypeConstraint t : typeConstraints.values()) {
            s.append("type ").append(t.name());
            for (DataType d : t.allowed()) {
                s.append(' ').append(d.label());
            }
            s.append('\n');
        }
        for (AttributeDefinition a : attributes.values()) {
            s.append("attribute ")
                    .append(a.name())
                    .append(' ')
                    .append(a.type())
                    .append(' ')
                    .append(a.defaultText())
                    .append('\n');
        }
        return s.toString();
    }

    private void checkParameters(String kind, List<ParameterDefinition> params) {
        Set<String> names = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < params.size(); i++) {
            ParameterDefinition p = params.get(i);
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(
                        "definition of " + op + " has two " + kind + "s named '" + p.name() + "'");
            }
            if (!typeConstraints.containsKey(p.typeVariable())) {
                throw new IllegalArgumentException("definition of " + op + ": " + kind + " '" + p.name()
                        + "' names type variable '" + p.typeVariable() + "', which is not declared");
            }
            if (p.presence() == ParameterDefinition.Presence.REQUIRED && optionalSeen) {
                throw new IllegalArgumentException("definition of " + op + ": required " + kind + " '" + p.name()
                        + "' follows an optional or variadic one");
            }
            if (p.presence() == ParameterDefinition.Presence.VARIADIC && i != params.size() - 1) {
                throw new IllegalArgumentException(
                        "definition of " + op + ": variadic " + kind + " '" + p.name() + "' must be the last");
            }
            optionalSeen |= p.presence() != ParameterDefinition.Presence.REQUIRED;
        }
    }

    private static int countRequired(List<ParameterDefinition> params) {
        int n = 0;
        for (ParameterDefinition p : params) {
            if (p.presence() == ParameterDefinition.Presence.REQUIRED) {
                n++;
            }
        }
        return n;
    }

    private static int maxCount(List<ParameterDefinition> params) {
        boolean variadic =
                !params.isEmpty() && params.get(params.size() - 1).presence() == ParameterDefinition.Presence.VARIADIC;
        return variadic ? Integer.MAX_VALUE : params.size();
    }

    private static void checkArity(List<String> found, String what, int count, int min, int max) {
        if (count < min || count > max) {
            found.add("has " + count + " " + what + ", the definition allows "
                    + (max == Integer.MAX_VALUE
                            ? "at least " + min
                            : min == max ? String.valueOf(min) : min + " to " + max));
        }
    }

    private void checkAttributes(List<String> found, Attributes given) {
        for (AttributeDefinition a : attributes.values()) {
            if (a.isRequired() && !given.has(a.name())) {
                found.add("required attribute '" + a.name() + "' (" + a.type() + ") is missing");
            }
        }
        for (String name : new java.util.TreeSet<>(given.names())) {
            AttributeDefinition a = attributes.get(name);
            if (a == null) {
                found.add("attribute '" + name + "' is not in the definition (known: " + attributes.keySet() + ")");
            } else if (given.typeOf(name) != a.type()) {
                found.add("attribute '" + name + "' is " + given.typeOf(name) + ", the definition says " + a.type());
            }
        }
    }

    private ParameterDefinition parameterAt(List<ParameterDefinition> params, int index) {
        return params.get(Math.min(index, params.size() - 1));
    }

    private void checkInputTypes(List<String> found, Node node) {
        Map<String, DataType> bound = new HashMap<>();
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.hasInput(i)) {
                checkBinding(
                        found,
                        bound,
                        "input " + i,
                        parameterAt(inputs, i),
                        node.inputType(i).dataType());
            }
        }
    }

    private void checkBinding(
            List<String> found, Map<String, DataType> bound, String where, ParameterDefinition p, DataType actual) {
        TypeConstraint t = typeConstraints.get(p.typeVariable());
        if (!t.allows(actual)) {
            found.add(
                    where + " '" + p.name() + "' is " + actual.label() + ", type variable " + t + " does not allow it");
            return;
        }
        DataType previous = bound.putIfAbsent(t.name(), actual);
        if (previous != null && previous != actual) {
            found.add(where + " '" + p.name() + "' is " + actual.label() + " but type variable " + t.name()
                    + " is already " + previous.label());
        }
    }

    private void checkInferred(Node node, List<TensorType> types) {
        if (types == null
                || types.size() != node.outputCount()
                || types.stream().anyMatch(Objects::isNull)) {
            throw new InvalidNodeException(
                    node,
                    "the inference of definition " + this + " returned "
                            + (types == null ? "null" : types.size() + " types " + types) + " for " + node.outputCount()
                            + " outputs");
        }
        Map<String, DataType> bound = new HashMap<>();
        for (int i = 0; i < node.inputCount(); i++) {
            if (node.hasInput(i)) {
                bound.putIfAbsent(
                        parameterAt(inputs, i).typeVariable(), node.inputType(i).dataType());
            }
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            checkBinding(
                    found,
                    bound,
                    "output " + i,
                    parameterAt(outputs, i),
                    types.get(i).dataType());
        }
        if (!found.isEmpty()) {
            throw new InvalidNodeException(
                    node,
                    "the inference of definition " + this + " returned types the schema forbids: "
                            + String.join("; ", found));
        }
    }

    /**
     * Builds an {@link OperatorDefinition}.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public static final class Builder {
        private final OpId op;
        private final int version;
        private String doc = "";
        private final List<ParameterDefinition> inputs = new ArrayList<>();
        private final List<ParameterDefinition> outputs = new ArrayList<>();
        private final Map<String, TypeConstraint> typeConstraints = new LinkedHashMap<>();
        private final Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        private TypeInference inference;
        private KernelFactory reference;
        private CaseGenerator generator;

        private Builder(OpId op, int version) {
            this.op = Objects.requireNonNull(op, "op");
            if (version < 1) {
                throw new IllegalArgumentException("definition version must be at least 1, got " + version);
            }
            this.version = version;
        }

        /**
         * @param value what the operator computes, with its formula or source
         * @return this builder
         */
        public Builder doc(String value) {
            doc = Objects.requireNonNull(value, "doc");
            return this;
        }

        /**
         * @param value the next input position
         * @return this builder
         */
        public Builder input(ParameterDefinition value) {
            inputs.add(Objects.requireNonNull(value, "input"));
            return this;
        }

        /**
         * @param value the next output position
         * @return this builder
         */
        public Builder output(ParameterDefinition value) {
            outputs.add(Objects.requireNonNull(value, "output"));
            return this;
        }

        /**
         * @param value a type variable
         * @return this builder
         */
        public Builder typeConstraint(TypeConstraint value) {
            if (typeConstraints.putIfAbsent(value.name(), value) != null) {
                throw new IllegalArgumentException("type variable '" + value.name() + "' declared twice in " + op);
            }
            return this;
        }

        /**
         * @param value an attribute
         * @return this builder
         */
        public Builder attribute(AttributeDefinition value) {
            if (attributes.putIfAbsent(value.name(), value) != null) {
                throw new IllegalArgumentException("attribute '" + value.name() + "' declared twice in " + op);
            }
            return this;
        }

        /**
         * @param value the shape and type inference
         * @return this builder
         */
        public Builder inference(TypeInference value) {
            inference = Objects.requireNonNull(value, "inference");
            return this;
        }

        /**
         * @param value the reference implementation, a factory for this operator
         * @return this builder
         */
        public Builder reference(KernelFactory value) {
            reference = Objects.requireNonNull(value, "reference");
            return this;
        }

        /**
         * @param value a generator of valid cases for the kit's property engine
         * @return this builder
         */
        public Builder generator(CaseGenerator value) {
            generator = Objects.requireNonNull(value, "generator");
            return this;
        }

        /**
         * @return the definition
         * @throws IllegalArgumentException if a parameter names an undeclared type variable, a required
         *     one follows an optional one, a variadic one is not last, there are no outputs, or the
         *     reference implements another operator
         * @throws NullPointerException if the inference or the reference is missing
         */
        public OperatorDefinition build() {
            return new OperatorDefinition(this);
        }
    }
}
