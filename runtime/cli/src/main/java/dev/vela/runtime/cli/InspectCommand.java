package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.plugin.Refusal;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import dev.vela.spi.admission.RefusalReason;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela inspect --model M [--placement] [--memory]}: a model's inputs, outputs, operator histogram, parameter
 * bytes and MACs; with {@code --placement} the admitted and refused providers and where each node runs; with
 * {@code --memory} the session arena against its lower bound; with {@code --macs} the multiply-accumulates. MACs,
 * placement and memory depend on the actual tensor types, so they come from running the model (on the given inputs,
 * else zeros); without one of these options (or {@code --input}) nothing runs and no arena or kernel memory is
 * allocated, so describing a model costs only its graph.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Describe a model: inputs, outputs, operators, parameters; placement and arena on request.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "the model file (.onnx, .tflite or a converted .vela package)")
    private Path model;

    @Option(names = "--placement", description = "show providers, refusals and which provider runs each node")
    private boolean placement;

    @Option(names = "--memory", description = "show the planned arena against the lower bound")
    private boolean memory;

    @Option(names = "--macs", description = "count multiply-accumulates (runs the model once)")
    private boolean macs;

    @Option(
            names = "--input",
            paramLabel = "NAME=FILE.npy",
            description = "an input for the inspection run (default: zeros, unknown dimensions = 1)")
    private Map<String, Path> inputs = new LinkedHashMap<>();

    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        Model m = providers.loadModel(model, set);
        describe(m, out);
        if (!runs()) {
            // describing reads only the graph: the arena and the kernels' memory are for what a run needs
            out.println("MACs, placement and memory come from running the model: add --macs, --placement or --memory");
            out.flush();
            return 0;
        }
        int status = runOnce(m, set, out);
        out.flush();
        return status;
    }

    /** Whether something asked for needs a run: MACs, placement and arena depend on the actual tensor types. */
    private boolean runs() {
        return macs || placement || memory || !inputs.isEmpty();
    }

    private static void describe(Model m, PrintWriter out) {
        out.println("model: " + m.source());
        out.println("numerics: " + m.numerics().label() + " (integer semantics of quantized nodes)");
        out.println("inputs:");
        m.inputs().forEach(v -> out.println("  " + v));
        out.println("outputs:");
        m.outputs().forEach(v -> out.println("  " + v));
        Map<String, Integer> histogram = new TreeMap<>();
        for (GraphNode n : m.graph().nodes()) {
            histogram.merge(n.op().toString(), 1, Integer::sum);
        }
        out.println("operators (" + m.graph().nodes().size() + " nodes):");
        histogram.forEach((op, count) -> out.printf("  %-24s %d%n", op, count));
        long parameters = 0;
        for (Tensor t : m.graph().initializers().values()) {
            parameters += Allocation.bytes(t.type());
        }
        out.println("parameters: " + m.graph().initializers().size() + " tensors, " + parameters + " bytes");
    }

    /** Runs the model (MACs, placement and arena depend on the actual types) and prints what was asked. */
    private int runOnce(Model m, PluginSet set, PrintWriter out) throws Exception {
        try (Session session = m.newSession()) {
            Map<String, Tensor> feed = ZeroInputs.of(m, inputs);
            String failure = null;
            try {
                session.run(feed);
                if (memory) {
                    session.run(feed); // the second run uses the arena planned from the first
                }
            } catch (VelaException e) {
                failure = e.getMessage();
            }
            if (failure == null && m.delegation().map(d -> d.delegated()).orElse(false)) {
                // MACs are counted per node: a delegate partition hides its nodes' types, so count on per-node kernels
                try (Session perNode = Model.of(
                                m.source(), m.graph(), m.partitioner().withoutDelegates())
                        .newSession()) {
                    perNode.run(feed);
                    printMacs(perNode, out, false);
                }
            } else {
                printMacs(session, out, failure != null);
            }
            if (placement) {
                printPlacement(set, session, out);
            }
            if (memory && failure == null) {
                printMemory(m, feed, session.arena(), out);
            }
            if (failure != null) {
                out.println("run failed: " + failure);
                return 1;
            }
        }
        return 0;
    }

    private static void printMacs(Session session, PrintWriter out, boolean partial) {
        Map<String, Long> byOp = new TreeMap<>();
        long total = 0;
        for (NodeTypes t : session.nodeTypes()) {
            long macs = Macs.of(t);
            if (macs > 0) {
                byOp.merge(t.node().op().toString(), macs, Long::sum);
                total += macs;
            }
        }
        out.println("MACs: " + total + (partial ? " (nodes reached before the failure)" : "")
                + (byOp.isEmpty() ? "" : " " + byOp));
    }

    private static void printPlacement(PluginSet set, Session session, PrintWriter out) {
        out.println("providers (tried in this order: "
                + session.model().partitioner().order() + "):");
        for (AdmittedProvider a : set.admitted()) {
            out.println("  " + a.id() + "  " + a.provider().info().deviceKind() + "  priority "
                    + a.provider().info().priority() + "  " + admissionOf(a) + "  from " + a.origin());
            set.refusals().stream()
                    .filter(r -> r.reason() == RefusalReason.CLAIM_NOT_CERTIFIED
                            && a.id().equals(r.providerId())
                            && a.origin().equals(r.origin()))
                    .forEach(r -> out.println("      not admitted (" + r.reason() + "): " + r.message()));
        }
        List<Refusal> refused = set.refusals().stream()
                .filter(r -> r.reason() != RefusalReason.CLAIM_NOT_CERTIFIED)
                .toList();
        out.println("refused:" + (refused.isEmpty() ? " none" : ""));
        refused.forEach(r -> out.println("  " + r));
        out.println("placement:");
        out.print(session.placement().toTable());
        session.model().delegation().ifPresent(plan -> {
            out.println("delegates:" + (plan.lines().isEmpty() ? " took nothing, declined nothing" : ""));
            plan.lines().forEach(line -> out.println("  " + line));
        });
    }

    /** How a provider was admitted: the reference, certified (for how many claims), or uncertified. */
    private static String admissionOf(AdmittedProvider a) {
        if (a.isReference() && !a.certified()) {
            return "reference (always admitted)  " + a.claims().size() + " claims";
        }
        int certified = a.certifiedClaims().size();
        int uncertified = a.claims().size() - certified;
        if (!a.certified()) {
            return "NOT CERTIFIED (development mode)  " + a.claims().size() + " claims";
        }
        return uncertified == 0
                ? "certified  " + certified + " claims"
                : "certified  " + certified + " claims, " + uncertified + " more NOT CERTIFIED (development mode)";
    }

    private static void printMemory(Model m, Map<String, Tensor> feed, Optional<ArenaFigures> arena, PrintWriter out) {
        if (arena.isEmpty()) {
            out.println("memory: no arena planned");
            return;
        }
        ArenaFigures a = arena.get();
        out.printf(
                "memory: arena %d bytes, lower bound %d bytes, ratio %.3f (%d buffers, %d in place)%n",
                a.arenaBytes(), a.lowerBoundBytes(), a.ratio(), a.buffers(), a.inPlace());
        try (Session plain = m.newSession().withInPlace(false)) {
            plain.run(feed);
            plain.arena()
                    .ifPresent(p -> out.printf(
                            "memory without in-place: arena %d bytes, lower bound %d bytes%n",
                            p.arenaBytes(), p.lowerBoundBytes()));
        }
    }
}
