package dev.vela.conformance.custom;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Shrinkable;
import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kit's cases for a custom operator, so that every generated check (types, numerics against the definition's
 * reference, inputs unchanged, bounds, coverage, determinism, concurrency, supports() honesty, latency) applies to
 * it: valid cases come from the vendor's seeded {@link dev.vela.spi.CaseGenerator} when the definition has one,
 * driven by the kit's seed and size (so replay lines work), else from the shipped admission cases' nodes and inputs
 * (the first step of a sequence case).
 * Invalid nodes are the vendor's invalid cases plus schema violations derived from a valid node: each required
 * attribute missing, each attribute of the wrong type, one input too many and one too few.
 */
public final class DefinitionCases implements CaseGenerator {

    private final OperatorDefinition definition;
    private final List<AdmissionCase> cases;

    /**
     * @param definition the operator's definition
     * @param cases its shipped admission cases
     */
    public DefinitionCases(OperatorDefinition definition, List<AdmissionCase> cases) {
        this.definition = definition;
        this.cases = List.copyOf(cases);
    }

    @Override
    public OpId op() {
        return definition.op();
    }

    @Override
    public Set<DataType> dataTypes() {
        Set<DataType> types = EnumSet.noneOf(DataType.class);
        definition.typeConstraints().forEach(t -> types.addAll(t.allowed()));
        return types;
    }

    @Override
    public boolean covers(KernelClaim claim) {
        return claim.op().equals(op())
                && (definition.generator().isPresent() || !shipped(claim).isEmpty());
    }

    /**
     * The shipped valid cases whose first present input has the claim's type; a sequence case contributes its first
     * step (from the initial state), the state check and the admission check run the rest.
     */
    private List<AdmissionCase> shipped(KernelClaim claim) {
        List<AdmissionCase> out = new ArrayList<>();
        for (AdmissionCase c : cases) {
            if (!c.isInvalid() && firstType(c.node()) == claim.dataType()) {
                out.add(c);
            }
        }
        return out;
    }

    private static DataType firstType(Node n) {
        for (int i = 0; i < n.inputCount(); i++) {
            if (n.hasInput(i)) {
                return n.inputType(i).dataType();
            }
        }
        return null;
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Optional<dev.vela.spi.CaseGenerator> vendor = definition.generator();
        if (vendor.isPresent()) {
            return (random, size) ->
                    Shrinkable.unshrinkable(fromVendor(vendor.get().generate(random, size)));
        }
        List<AdmissionCase> pool = shipped(claim);
        return (random, size) -> {
            AdmissionCase c = pool.get(random.nextInt(pool.size()));
            return Shrinkable.unshrinkable(new OpCase(c.node(), c.stepInputs(0), Set.of("admission case")));
        };
    }

    private static OpCase fromVendor(GeneratedCase g) {
        Node node = g.node();
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < node.inputCount(); i++) {
            Tensor given = i < g.inputs().size() ? g.inputs().get(i) : null;
            inputs.add(given != null ? given : node.inputValue(i).orElse(null));
        }
        return new OpCase(node, inputs, Set.of("vendor generator"));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        List<InvalidNode> pool = new ArrayList<>();
        for (AdmissionCase c : cases) {
            if (c.isInvalid()) {
                pool.add(new InvalidNode(c.node(), c.invalid() + " (" + c.file() + ")"));
            }
        }
        baseNode(claim).ifPresent(base -> pool.addAll(schemaViolations(base)));
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((random, size) -> Shrinkable.unshrinkable(pool.get(random.nextInt(pool.size()))));
    }

    private Optional<Node> baseNode(KernelClaim claim) {
        List<AdmissionCase> pool = shipped(claim);
        if (!pool.isEmpty()) {
            return Optional.of(pool.get(0).node());
        }
        return definition
                .generator()
                .map(g -> g.generate(new java.util.SplittableRandom(0), 0).node());
    }

    /** Nodes the schema rules out, derived from a valid one. */
    List<InvalidNode> schemaViolations(Node base) {
        List<InvalidNode> out = new ArrayList<>();
        Attributes attrs = base.attributes();
        for (AttributeDefinition a : definition.attributes()) {
            if (a.isRequired() && attrs.has(a.name())) {
                out.add(new InvalidNode(
                        rebuild(
                                base,
                                Attributes.builder()
                                        .putAll(attrs)
                                        .remove(a.name())
                                        .build(),
                                base.inputCount(),
                                false),
                        "schema: required attribute '" + a.name() + "' missing"));
            }
        }
        for (String name : attrs.names()) {
            Attributes.Builder wrong = Attributes.builder().putAll(attrs).remove(name);
            if (attrs.typeOf(name) == AttributeType.INT) {
                wrong.put(name, 1.5f);
            } else {
                wrong.put(name, 1L);
            }
            out.add(new InvalidNode(
                    rebuild(base, wrong.build(), base.inputCount(), false),
                    "schema: attribute '" + name + "' of the wrong type"));
        }
        if (definition.maxInputs() != Integer.MAX_VALUE && base.inputCount() > 0 && base.hasInput(0)) {
            out.add(new InvalidNode(
                    rebuild(base, attrs, base.inputCount(), true),
                    "schema: " + (definition.maxInputs() + 1) + " inputs, the definition allows at most "
                            + definition.maxInputs()));
        }
        if (definition.minInputs() > 0) {
            out.add(new InvalidNode(
                    rebuild(base, attrs, definition.minInputs() - 1, false),
                    "schema: " + (definition.minInputs() - 1) + " inputs, the definition needs "
                            + definition.minInputs()));
        }
        return out;
    }

    /** The base node with other attributes, its first {@code inputs} inputs, and an extra input to pass the maximum. */
    private Node rebuild(Node base, Attributes attrs, int inputs, boolean beyondMaximum) {
        Node.Builder b = Node.builder(base.op())
                .name(base.name())
                .opset(base.opsetVersion())
                .outputs(base.outputCount());
        b.attributes().putAll(attrs);
        int count = beyondMaximum ? definition.maxInputs() + 1 : inputs;
        for (int i = 0; i < count; i++) {
            int from = Math.min(i, base.inputCount() - 1);
            if (from < 0 || !base.hasInput(from)) {
                b.absentInput();
            } else if (base.inputValue(from).isPresent()) {
                b.constantInput(base.inputValue(from).get());
            } else {
                b.input(base.inputType(from));
            }
        }
        return b.build();
    }
}
