package dev.vela.runtime.delegate;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks each delegate (in the providers' preference order) which nodes it takes, checks every proposed set (the
 * delegate claims and may serve each node, no provider ranked above it has a kernel for it, the set is convex and
 * not already taken, the delegate's limits), compiles the accepted sets and rewrites the graph so each runs as one
 * node. A delegate that misbehaves (a set it may not take, an exception from propose or compile, a kernel whose
 * outputs do not fit the boundary) is named in the plan's problems and its nodes fall back: never a crash, never
 * silently.
 */
public final class DelegationPlanner {

    private DelegationPlanner() {}

    /**
     * @param graph the model's graph
     * @param delegates the admitted delegates, in preference order
     * @return the plan (the graph itself when no delegate took anything)
     */
    public static DelegationPlan plan(Graph graph, List<DelegateCandidate> delegates) {
        DeclaredTypes types = new DeclaredTypes(graph);
        ModelGraphView view = new ModelGraphView(graph, types);
        int n = view.nodes().size();
        int[] owner = new int[n]; // index into partitions + 1; 0: not taken
        List<Set<Integer>> sets = new ArrayList<>();
        List<PartitionReport> reports = new ArrayList<>();
        Map<OpId, KernelFactory> factories = new HashMap<>();
        Map<OpId, String> providers = new HashMap<>();
        Map<Integer, List<String>> leftOut = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (DelegateCandidate d : delegates) {
            new Round(d, view, types, owner, sets, reports, factories, providers, leftOut, problems).run();
        }
        if (sets.isEmpty()) {
            return new DelegationPlan(graph, Map.of(), Map.of(), List.of(), names(view, leftOut), problems, n);
        }
        List<GraphNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (owner[i] == 0) {
                nodes.add(graph.nodes().get(i));
            }
        }
        for (int p = 0; p < sets.size(); p++) {
            PartitionReport r = reports.get(p);
            List<ValueSpec> declared = new ArrayList<>();
            boolean allDeclared = true;
            for (String out : r.outputs()) {
                Optional<ValueSpec> spec = declaredSpec(graph, out);
                allDeclared &= spec.isPresent();
                declared.add(spec.orElse(null));
            }
            nodes.add(new GraphNode(
                    r.name(),
                    opOf(r.name()),
                    1,
                    Attributes.empty(),
                    r.inputs(),
                    r.outputs(),
                    allDeclared ? declared : List.of()));
        }
        List<ValueSpec> declaredInputs = new ArrayList<>(graph.inputs());
        Graph rewritten = new Graph(
                graph.name(), declaredInputs, graph.outputs(), graph.initializers(), graph.valueInfo(), nodes);
        // nodes inside a partition are not left out, whatever other delegates said about them
        for (Set<Integer> s : sets) {
            s.forEach(leftOut::remove);
        }
        return new DelegationPlan(rewritten, factories, providers, reports, names(view, leftOut), problems, n);
    }

    private static Optional<ValueSpec> declaredSpec(Graph graph, String value) {
        for (GraphNode node : graph.nodes()) {
            int k = node.outputs().indexOf(value);
            if (k >= 0) {
                return node.declaredOutput(k).filter(s -> s.dataType() != null);
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> names(ModelGraphView view, Map<Integer, List<String>> leftOut) {
        Map<String, List<String>> named = new LinkedHashMap<>();
        leftOut.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> named.put(view.nodes().get(e.getKey()).name(), List.copyOf(e.getValue())));
        return named;
    }

    /** @return the operator of a partition's node */
    static OpId opOf(String partitionName) {
        return OpId.of(DelegationPlan.DOMAIN, partitionName);
    }

    /** One delegate's turn: its proposal checked, its accepted sets compiled. */
    private static final class Round {
        private final DelegateCandidate d;
        private final Delegate delegate;
        private final ModelGraphView view;
        private final DeclaredTypes types;
        private final int[] owner;
        private final List<Set<Integer>> sets;
        private final List<PartitionReport> reports;
        private final Map<OpId, KernelFactory> factories;
        private final Map<OpId, String> providers;
        private final Map<Integer, List<String>> leftOut;
        private final List<String> problems;

        Round(
                DelegateCandidate d,
                ModelGraphView view,
                DeclaredTypes types,
                int[] owner,
                List<Set<Integer>> sets,
                List<PartitionReport> reports,
                Map<OpId, KernelFactory> factories,
                Map<OpId, String> providers,
                Map<Integer, List<String>> leftOut,
                List<String> problems) {
            this.d = d;
            this.delegate = d.delegate();
            this.view = view;
            this.types = types;
            this.owner = owner;
            this.sets = sets;
            this.reports = reports;
            this.factories = factories;
            this.providers = providers;
            this.leftOut = leftOut;
            this.problems = problems;
        }

        void run() {
            int n = view.nodes().size();
            DelegateProposal proposal;
            DelegateLimits limits;
            try {
                proposal = delegate.propose(view);
                limits = delegate.limits();
                if (proposal == null || limits == null) {
                    throw new IllegalStateException("propose() or limits() returned null");
                }
            } catch (RuntimeException e) {
                problems.add(d.providerId() + ": propose() failed, it takes no node: " + e);
                for (int i = 0; i < n; i++) {
                    leaveOut(i, "propose() failed");
                }
                return;
            }
            Set<Integer> covered = new HashSet<>();
            Set<Integer> inThisRound = new HashSet<>();
            List<Set<Integer>> accepted = new ArrayList<>();
            for (Set<Integer> set : proposal.nodeSets()) {
                covered.addAll(set);
                String why = check(set, inThisRound);
                if (why != null) {
                    problems.add(d.providerId() + ": proposed partition " + namesOf(set) + " rejected: " + why);
                    leaveAll(set, "its proposed partition was rejected: " + why);
                } else if (set.size() < limits.minNodes()) {
                    leaveAll(
                            set,
                            "partition of " + set.size() + " node(s) is below its minimum of " + limits.minNodes());
                } else {
                    inThisRound.addAll(set);
                    accepted.add(set);
                }
            }
            List<Set<Integer>> bySize = new ArrayList<>(accepted);
            bySize.sort(Comparator.comparingInt((Set<Integer> s) -> s.size()).reversed());
            for (int k = 0; k < bySize.size(); k++) {
                if (k >= limits.maxPartitions()) {
                    leaveAll(bySize.get(k), "beyond its maximum of " + limits.maxPartitions() + " partitions");
                } else {
                    compile(bySize.get(k));
                }
            }
            for (int i = 0; i < n; i++) {
                if (!covered.contains(i) && owner[i] == 0) {
                    String reason = proposal.declined().get(i);
                    leaveOut(i, reason == null ? "declined without giving a reason" : "declined: " + reason);
                }
            }
        }

        /** @return why the delegate may not take the set, or null */
        private String check(Set<Integer> set, Set<Integer> inThisRound) {
            int n = view.nodes().size();
            for (int i : set) {
                if (i < 0 || i >= n) {
                    return "node index " + i + " is not in the graph (it has " + n + " nodes)";
                }
            }
            for (int i : set) {
                ViewNode node = view.nodes().get(i);
                if (owner[i] != 0) {
                    return "node '" + node.name() + "' is already in partition "
                            + reports.get(owner[i] - 1).name();
                }
                if (inThisRound.contains(i)) {
                    return "node '" + node.name() + "' is in two of its proposed partitions";
                }
                String claimProblem = claimProblem(node);
                if (claimProblem != null) {
                    return claimProblem;
                }
                String above = d.rankedAbove().get(KernelClaim.of(node.op(), inputType(node)));
                if (above != null) {
                    return "node '" + node.name() + "' goes to provider " + above + ", ranked above " + d.providerId();
                }
            }
            return Convexity.problem(view, set).orElse(null);
        }

        /** @return the data type of the node's first input, or null when it is not declared */
        private DataType inputType(ViewNode node) {
            for (String in : node.inputs()) {
                if (!in.isEmpty()) {
                    return types.get(in).map(TensorType::dataType).orElse(null);
                }
            }
            return null;
        }

        private String claimProblem(ViewNode node) {
            DataType type = inputType(node);
            if (type == null) {
                return "node '" + node.name() + "' has no declared input type, so no claim can cover it";
            }
            Set<KernelClaim> claims = delegate.claims();
            KernelClaim any = KernelClaim.of(node.op(), type);
            KernelClaim matching = claims.contains(any) ? any : null;
            if (matching == null) {
                String layout = node.attributes().getString(Layout.ATTRIBUTE, "NCHW");
                for (KernelClaim c : claims) {
                    if (c.op().equals(node.op())
                            && c.dataType() == type
                            && c.layout().name().equals(layout)) {
                        matching = c;
                    }
                }
            }
            if (matching == null) {
                return "node '" + node.name() + "' (" + node.op() + ", " + type.label() + ") is not among its claims";
            }
            if (d.admitted() != null && !d.admitted().contains(matching)) {
                return "node '" + node.name() + "': claim " + matching + " is not certified for its delegate";
            }
            return null;
        }

        private void compile(Set<Integer> set) {
            String name = d.providerId() + "#" + sets.size();
            List<ViewNode> nodes = new ArrayList<>();
            Set<String> produced = new HashSet<>();
            for (int i : set) {
                ViewNode v = view.nodes().get(i);
                nodes.add(new ModelGraphView.Node(
                        nodes.size(), v.name(), v.op(), v.opsetVersion(), v.attributes(), v.inputs(), v.outputs()));
                v.outputs().stream().filter(s -> !s.isEmpty()).forEach(produced::add);
            }
            List<String> inputs = new ArrayList<>();
            List<TensorType> inputTypes = new ArrayList<>();
            for (ViewNode v : nodes) {
                for (String in : v.inputs()) {
                    if (in.isEmpty()
                            || produced.contains(in)
                            || view.constant(in).isPresent()
                            || inputs.contains(in)) {
                        continue;
                    }
                    Optional<TensorType> t = types.get(in);
                    if (t.isEmpty()) {
                        leaveAll(set, "boundary input '" + in + "' of partition " + name + " has no declared type");
                        return;
                    }
                    inputs.add(in);
                    inputTypes.add(t.get());
                }
            }
            List<String> outputs = new ArrayList<>();
            for (ViewNode v : nodes) {
                for (String out : v.outputs()) {
                    if (!out.isEmpty() && (view.isGraphOutput(out) || readOutside(out, set))) {
                        outputs.add(out);
                    }
                }
            }
            PartitionSubgraph subgraph = new PartitionSubgraph(name, view, nodes, inputs, inputTypes, outputs);
            Kernel kernel;
            try {
                kernel = delegate.compile(subgraph);
                String misfit = misfit(kernel, outputs);
                if (misfit != null) {
                    closeQuietly(kernel);
                    throw new IllegalStateException(misfit);
                }
            } catch (RuntimeException e) {
                problems.add(d.providerId() + ": compiling partition " + name + " " + namesOf(set) + " failed: " + e);
                leaveAll(set, "compiling its partition failed: " + e.getMessage());
                return;
            }
            sets.add(set);
            for (int i : set) {
                owner[i] = sets.size();
            }
            OpId op = opOf(name);
            factories.put(op, new PartitionFactory(op, delegate, subgraph, kernel));
            providers.put(op, d.providerId());
            reports.add(new PartitionReport(
                    name, d.providerId(), nodes.stream().map(ViewNode::name).toList(), inputs, outputs));
        }

        /** @return why the compiled kernel does not fit the boundary, or null */
        private String misfit(Kernel kernel, List<String> outputs) {
            if (kernel == null) {
                return "compile() returned null";
            }
            List<TensorType> out = kernel.outputTypes();
            if (out == null || out.size() != outputs.size()) {
                return "the kernel has " + (out == null ? "no" : out.size()) + " outputs for the " + outputs.size()
                        + " boundary outputs " + outputs;
            }
            for (int k = 0; k < out.size(); k++) {
                Optional<TensorType> declared = types.get(outputs.get(k));
                if (declared.isPresent() && !declared.get().equals(out.get(k))) {
                    return "boundary output '" + outputs.get(k) + "' is declared " + declared.get()
                            + " but the kernel produces " + out.get(k);
                }
            }
            return null;
        }

        private boolean readOutside(String value, Set<Integer> set) {
            for (ViewNode v : view.nodes()) {
                if (!set.contains(v.index()) && v.inputs().contains(value)) {
                    return true;
                }
            }
            return false;
        }

        private void leaveAll(Set<Integer> set, String reason) {
            for (int i : set) {
                if (i >= 0 && i < view.nodes().size()) {
                    leaveOut(i, reason);
                }
            }
        }

        private void leaveOut(int node, String reason) {
            leftOut.computeIfAbsent(node, k -> new ArrayList<>()).add(d.providerId() + ": " + reason);
        }

        private String namesOf(Set<Integer> set) {
            List<String> names = new ArrayList<>();
            for (int i : set) {
                names.add(
                        i >= 0 && i < view.nodes().size() ? view.nodes().get(i).name() : "#" + i);
            }
            return names.toString();
        }

        private static void closeQuietly(Kernel kernel) {
            try {
                kernel.close();
            } catch (RuntimeException ignored) {
                // the kernel is refused anyway; its close failing changes nothing for the model
            }
        }
    }
}
