package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Optimization;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.plugin.Refusal;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.VelaException;
import dev.vela.spi.admission.RefusalReason;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose operator providers, shared by the commands that run models. */
final class ProviderOptions {

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "load plugin jars (and their .vela-cert.json) from DIR")
    Path plugins;

    @Option(
            names = "--trust",
            paramLabel = "KEYFILE",
            description = "PEM public key(s) whose certificates are accepted: a file, or a directory of .pem/.pub "
                    + "files and *.revocations lists")
    Path trust;

    @Option(names = "--allow-uncertified", description = "development mode: admit uncertified plugins (with a warning)")
    boolean allowUncertified;

    @Option(
            names = "--require-certified",
            description = "fail (exit 1) if anything in the --plugins directory is "
                    + "refused, or nothing of it is admitted, instead of running those nodes on other providers")
    boolean requireCertified;

    @Option(
            names = "--prefer",
            split = ",",
            paramLabel = "DEVICE",
            description = "device kinds in order of preference: ${COMPLETION-CANDIDATES}")
    List<DeviceKind> prefer = new ArrayList<>();

    @Option(
            names = "--optimize",
            description = "optimise the graph at load, as ONNX Runtime does by default: the "
                    + "default passes of 'vela convert' (folding, bias-add fusion) and activation fusion into nodes an "
                    + "admitted plugin runs; results change only within the float32 tolerance policy")
    boolean optimize;

    @Option(
            names = "--no-delegates",
            description = "do not let plugins' delegates take subgraphs: every node runs on"
                    + " a per-node kernel (to compare a delegate with the kernels)")
    boolean noDelegates;

    @Option(
            names = "--numerics",
            paramLabel = "FLAVOUR",
            description = "integer numerics of quantized nodes: tflm "
                    + "(TFLite Micro's reference kernels; the default, or what a .vela package was converted for) or tflite "
                    + "(TFLite 2.20's reference kernels)")
    String numerics;

    /** @return the admitted and refused providers */
    PluginSet load() throws IOException {
        if (requireCertified && allowUncertified) {
            throw new VelaException("--require-certified and --allow-uncertified contradict each other");
        }
        if (requireCertified && plugins == null) {
            throw new VelaException("--require-certified needs --plugins DIR: it checks that directory's plugins");
        }
        TrustStore store = trust == null ? TrustStore.empty() : TrustStore.load(trust);
        return new PluginLoader(store, allowUncertified)
                .requireCertified(requireCertified)
                .pluginsDirectory(plugins)
                .load();
    }

    /**
     * @param set the loaded providers
     * @return the partitioner over them, in the preferred order
     */
    Partitioner partitioner(PluginSet set) {
        Partitioner p = Partitioner.of(set, prefer);
        return noDelegates ? p.withoutDelegates() : p;
    }

    /**
     * @param model the model file
     * @param set the loaded providers
     * @return the model on those providers, optimised for them with {@code --optimize}
     */
    Model loadModel(Path model, PluginSet set) {
        Partitioner partitioner = partitioner(set);
        Model m = Model.load(model, partitioner);
        if (numerics != null) {
            m = m.withNumerics(flavour(numerics));
        }
        return optimize ? Model.of(m.source(), Optimization.forProviders(m.graph(), partitioner), partitioner) : m;
    }

    /**
     * @param label a flavour's name from the command line
     * @return the flavour
     * @throws VelaException naming the known flavours when the name is unknown
     */
    static NumericsFlavour flavour(String label) {
        try {
            return NumericsFlavour.parse(label);
        } catch (IllegalArgumentException e) {
            throw new VelaException("--numerics: " + e.getMessage());
        }
    }

    /**
     * Says loudly that uncertified code runs, and briefly what was refused: nothing is left out silently.
     *
     * @param set the loaded providers
     * @param err where to say it
     */
    static void warn(PluginSet set, PrintWriter err) {
        if (set.developmentMode()) {
            err.println("WARNING: DEVELOPMENT MODE (--allow-uncertified): uncertified plugins may run;"
                    + " results are not backed by certification");
        }
        for (String w : set.warnings()) {
            err.println("WARNING: " + w);
        }
        List<Refusal> whole = set.refusals().stream()
                .filter(r -> r.reason() != RefusalReason.CLAIM_NOT_CERTIFIED)
                .toList();
        if (!whole.isEmpty()) {
            err.println("vela: " + whole.size() + " plugin refusal(s); their nodes run on other providers"
                    + " (see 'vela inspect --placement'):");
            whole.forEach(r -> err.println("  " + r));
        }
        for (Refusal r : set.refusals()) {
            if (r.reason() == RefusalReason.CLAIM_NOT_CERTIFIED) {
                err.println("vela: provider '" + r.providerId() + "' is admitted for its certified claims only; "
                        + r.message() + " (these nodes run on other providers)");
            }
        }
        err.flush();
    }
}
