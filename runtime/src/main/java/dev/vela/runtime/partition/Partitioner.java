package dev.vela.runtime.partition;

import dev.vela.runtime.delegate.DelegateCandidate;
import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Support;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the provider of each node (docs/architecture.md D5): among the admitted providers, ordered by the user's
 * device-kind preference and then by {@code priority()} (higher first), the first whose factory's admitted claims
 * cover (operator, input-0 data type, layout) and whose {@code supports(node)} says yes; otherwise the fallback
 * (reference) provider. Every provider passed over gets a {@link Rejection} saying why: nothing falls back
 * silently. Immutable and shared by every session of a model.
 */
public final class Partitioner {

    private final List<Candidate> ordered;
    private final Candidate fallback;
    private final Set<OpId> spatialOps;
    private final List<String> warnings;
    private final DefinedOperators defined;
    /** The admitted delegates in preference order (D13), and the partition nodes of one model's plan. */
    private final List<DelegateCandidate> delegates;

    private final DelegationPlan plan;
    /** The warnings as given, before the definitions' (copies pass these on). */
    private final List<String> pluginWarnings;

    private Partitioner(
            List<Candidate> accelerators, Candidate fallback, List<String> warnings, DefinedOperators defined) {
        this(accelerators, fallback, warnings, defined, List.of(), null);
    }

    private Partitioner(
            List<Candidate> accelerators,
            Candidate fallback,
            List<String> warnings,
            DefinedOperators defined,
            List<DelegateCandidate> delegates,
            DelegationPlan plan) {
        this.delegates = List.copyOf(delegates);
        this.plan = plan;
        this.pluginWarnings = List.copyOf(warnings);
        this.ordered = List.copyOf(accelerators);
        this.fallback = fallback;
        this.defined = defined;
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(defined.warnings());
        this.warnings = List.copyOf(allWarnings);
        Set<OpId> spatial = new HashSet<>();
        List<Candidate> all = new ArrayList<>(accelerators);
        all.add(fallback);
        for (Candidate c : all) {
            for (KernelFactory f : c.factories().values()) {
                for (KernelClaim claim : f.claims()) {
                    if (claim.layout() != Layout.ANY) {
                        spatial.add(claim.op());
                    }
                }
            }
        }
        this.spatialOps = Set.copyOf(spatial);
    }

    /**
     * Only one provider: every node runs on it (the registry's provider is the fallback).
     *
     * @param registry the kernels
     * @return the partitioner
     */
    public static Partitioner of(KernelRegistry registry) {
        return new Partitioner(
                List.of(),
                new Candidate(registry.providerId(), registry.factories(), null, null, registry.isReference()),
                List.of(),
                DefinedOperators.none());
    }

    /**
     * @param plugins the admitted providers (must include the reference provider, which becomes the fallback)
     * @param preference device kinds in the user's order of preference; kinds not listed come after, by priority
     * @return the partitioner
     */
    public static Partitioner of(PluginSet plugins, List<DeviceKind> preference) {
        Candidate fallback = null;
        List<AdmittedProvider> others = new ArrayList<>();
        for (AdmittedProvider a : plugins.admitted()) {
            if (a.isReference()) {
                fallback = new Candidate(a.id(), a.provider().factories(), null, null, true);
            } else {
                others.add(a);
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("the admitted providers lack the reference provider");
        }
        Comparator<AdmittedProvider> byPreference = Comparator.comparingInt(
                a -> rank(preference, a.provider().info().deviceKind()));
        others.sort(byPreference.thenComparing(Comparator.comparingInt(
                        (AdmittedProvider a) -> a.provider().info().priority())
                .reversed()));
        List<Candidate> candidates = new ArrayList<>();
        List<DelegateCandidate> delegates = new ArrayList<>();
        for (AdmittedProvider a : others) {
            Optional<Delegate> delegate = a.provider().delegate();
            if (delegate.isPresent()
                    && (a.delegateClaims() == null || !a.delegateClaims().isEmpty())) {
                // a node another provider ranked above this one has a kernel for (its operator and input data type,
                // admitted) stays with that provider; a float Gemm is not kept from a float delegate by an int8 one
                Map<KernelClaim, String> above = new HashMap<>();
                for (Candidate c : candidates) {
                    for (KernelFactory f : c.factories().values()) {
                        for (KernelClaim claim : f.claims()) {
                            if (c.admits(claim)) {
                                above.putIfAbsent(KernelClaim.of(claim.op(), claim.dataType()), c.id());
                            }
                        }
                    }
                }
                delegates.add(new DelegateCandidate(a.id(), delegate.get(), a.delegateClaims(), above));
            }
            candidates.add(new Candidate(a.id(), a.provider().factories(), a.claims(), a.numerics()));
        }
        return new Partitioner(
                candidates, fallback, plugins.warnings(), DefinedOperators.of(plugins.admitted()), delegates, null);
    }

    /** @return the admitted delegates in preference order */
    public List<DelegateCandidate> delegates() {
        return delegates;
    }

    /**
     * @param delegation what the delegates took from one model
     * @return a partitioner that also places that model's partition nodes on their delegates
     */
    public Partitioner withDelegation(DelegationPlan delegation) {
        return new Partitioner(ordered, fallback, pluginWarnings, defined, delegates, delegation);
    }

    /**
     * @return this partitioner without its delegates: every node runs on a per-node kernel (to compare a delegate
     *     with the same provider's kernels, or to rule the delegate out)
     */
    public Partitioner withoutDelegates() {
        return new Partitioner(ordered, fallback, pluginWarnings, defined, List.of(), null);
    }

    private static int rank(List<DeviceKind> preference, DeviceKind kind) {
        int i = preference.indexOf(kind);
        return i < 0 ? preference.size() : i;
    }

    /** @return the provider ids in the order they are tried, the fallback last */
    public List<String> order() {
        List<String> ids = new ArrayList<>();
        ordered.forEach(c -> ids.add(c.id()));
        ids.add(fallback.id());
        return ids;
    }

    /** @return the fallback provider's id */
    public String fallbackId() {
        return fallback.id();
    }

    /**
     * @param choice a choice this partitioner made
     * @return whether the node runs on the golden reference's kernels (the fallback, when it is the reference)
     */
    public boolean runsOnReference(Choice choice) {
        return fallback.reference()
                && choice.factory() != null
                && choice.provider().equals(fallback.id());
    }

    /** @return warnings to print on every run (uncertified plugins admitted in development mode) */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @param op an operator
     * @return whether any provider has a factory for it
     */
    public boolean implementsOp(OpId op) {
        return fallback.factory(op).isPresent()
                || ordered.stream().anyMatch(c -> c.factory(op).isPresent())
                || defined.defines(op);
    }

    /** @return the operator definitions the admitted providers contribute */
    public DefinedOperators definitions() {
        return defined;
    }

    /**
     * Why a node's operator cannot run at all: neither a built-in operator nor one an admitted provider defines (in a
     * version the node's opset reaches).
     *
     * @param op the operator
     * @param opsetVersion the opset version the model declares for its domain
     * @return the reason, or empty when some provider can take the node
     */
    public Optional<String> missingOperator(OpId op, int opsetVersion) {
        if (fallback.factory(op).isPresent()) {
            return Optional.empty();
        }
        if (defined.defines(op)) {
            return defined.forNode(op, opsetVersion).isPresent()
                    ? Optional.empty()
                    : Optional.of("operator " + op + " at opset version " + opsetVersion + " has no definition: the"
                            + " admitted plugins define versions "
                            + defined.versions(op).stream()
                                    .map(d -> d.definition().version() + " (" + d.providerId() + ")")
                                    .toList());
        }
        if (ordered.stream().anyMatch(c -> c.factory(op).isPresent())) {
            return Optional.empty();
        }
        if (op.domain().isEmpty()) {
            return Optional.of("operator " + op + " is not implemented");
        }
        return Optional.of("custom operator " + op + " is defined by no admitted provider: load a plugin that defines"
                + " it (a certified jar in the plugins directory)");
    }

    /**
     * The claim a node asks for: its operator, the type of its first present input and, for operators some provider
     * claims per layout, the node's layout.
     *
     * @param node the node, with its actual input types
     * @return the claim, or empty when the node has no typed input
     * @throws InvalidNodeException when the node's layout attribute is invalid
     */
    public Optional<KernelClaim> claimOf(Node node) {
        DataType type = null;
        for (int i = 0; i < node.inputCount() && type == null; i++) {
            if (node.hasInput(i)) {
                type = node.inputType(i).dataType();
            }
        }
        if (type == null) {
            return Optional.empty();
        }
        Layout layout = spatialOps.contains(node.op()) ? Layout.of(node) : Layout.ANY;
        return Optional.of(new KernelClaim(node.op(), type, layout));
    }

    /**
     * Chooses the provider of a node.
     *
     * @param node the node with its actual input types (and constant values)
     * @return the choice; its factory is null when not even the fallback has a factory for the operator. The
     *     rejections name every other provider: those tried before with their reason, those ranked below the
     *     chosen one as such
     */
    public Choice choose(Node node) {
        if (plan != null && plan.factories().containsKey(node.op())) {
            String id = plan.providers().get(node.op());
            return new Choice(
                    id,
                    plan.factories().get(node.op()),
                    new NodePlacement("partition " + node.name(), null, id, List.of()));
        }
        Optional<KernelClaim> claim;
        try {
            claim = claimOf(node);
        } catch (InvalidNodeException e) {
            claim = Optional.empty(); // the fallback's prepare() reports the bad layout naming the node
        }
        List<Rejection> rejected = new ArrayList<>();
        Optional<DefinedOperators.Defined> definition =
                fallback.factory(node.op()).isPresent()
                        ? Optional.empty()
                        : defined.forNode(node.op(), node.opsetVersion());
        String definedBy = definition.map(DefinedOperators.Defined::describe).orElse(null);
        for (Candidate c : ordered) {
            Optional<KernelFactory> f = c.factory(node.op());
            if (f.isPresent() && definition.isPresent()) {
                f = Optional.of(new DefinitionGuard(definition.get().definition(), f.get()));
            }
            if (f.isEmpty()) {
                rejected.add(new Rejection(c.id(), "no factory for " + node.op()));
                continue;
            }
            String why = claimProblem(c, f.get(), claim);
            if (why == null && claim.isPresent()) {
                why = c.numericsProblem(node, claim.get());
            }
            if (why == null) {
                why = supportProblem(f.get(), node);
            }
            if (why == null) {
                for (Candidate later : ordered.subList(ordered.indexOf(c) + 1, ordered.size())) {
                    rejected.add(new Rejection(later.id(), "ranked below " + c.id()));
                }
                rejected.add(new Rejection(
                        definition.isPresent() ? referenceId(definition.get()) : fallback.id(),
                        "fallback only; " + c.id() + " runs it"));
                return new Choice(
                        c.id(),
                        f.get(),
                        new NodePlacement(node.describe(), claim.orElse(null), c.id(), rejected, definedBy));
            }
            rejected.add(new Rejection(c.id(), why));
        }
        if (definition.isPresent()) {
            // a custom operator falls back to the reference implementation its definition brings
            OperatorDefinition d = definition.get().definition();
            String id = referenceId(definition.get());
            return new Choice(
                    id,
                    new DefinitionGuard(d, d.reference()),
                    new NodePlacement(node.describe(), claim.orElse(null), id, rejected, definedBy));
        }
        Optional<KernelFactory> f = fallback.factory(node.op());
        return new Choice(
                fallback.id(),
                f.orElse(null),
                new NodePlacement(node.describe(), claim.orElse(null), fallback.id(), rejected));
    }

    /** The placement name of a definition's reference implementation, e.g. {@code acme-dsp/reference}. */
    private static String referenceId(DefinedOperators.Defined d) {
        return d.providerId() + "/reference";
    }

    private static String claimProblem(Candidate c, KernelFactory f, Optional<KernelClaim> claim) {
        if (claim.isEmpty()) {
            return null;
        }
        KernelClaim wanted = claim.get();
        KernelClaim anyLayout = KernelClaim.of(wanted.op(), wanted.dataType());
        Set<KernelClaim> claims = f.claims();
        KernelClaim matching = claims.contains(wanted) ? wanted : claims.contains(anyLayout) ? anyLayout : null;
        if (matching == null) {
            return "does not claim " + wanted;
        }
        return c.admits(matching) ? null : "not certified for " + wanted;
    }

    private static String supportProblem(KernelFactory f, Node node) {
        try {
            Support s = f.supports(node);
            return s == null
                    ? "supports() returned null"
                    : s.isSupported() ? null : "supports() said no: " + s.reason();
        } catch (RuntimeException e) {
            return "supports() threw " + e;
        }
    }

    /**
     * The outcome for one node.
     *
     * @param provider the chosen provider's id
     * @param factory its factory, or null when it has none for the operator
     * @param placement the record for {@code inspect --placement}
     */
    public record Choice(String provider, KernelFactory factory, NodePlacement placement) {}
}
