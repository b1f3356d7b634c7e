package dev.vela.runtime.cli;

import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelStore;
import dev.vela.runtime.store.SignaturePolicy;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code vela models} command shares: where the store is, its quota and signature policy. */
final class ModelStoreOptions {

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "the model store directory")
    Path store;

    @Option(
            names = "--quota",
            paramLabel = "BYTES",
            defaultValue = "1073741824",
            description = "the most bytes the store's models may occupy (default: ${DEFAULT-VALUE})")
    long quota;

    @Option(names = "--require-signature", description = "refuse models without a signature by a --model-trust key")
    boolean requireSignature;

    @Option(
            names = "--model-trust",
            paramLabel = "KEYFILE",
            description = "PEM public key(s) of trusted model authorities (a file, or a directory of .pem/.pub)")
    Path modelTrust;

    @Mixin
    ProviderOptions providers;

    /** @return the manager over the store, with the admitted providers */
    ModelManager open(PrintWriter err) throws IOException {
        if (providers.optimize) {
            // the store loads, admits and self-tests a model as it was installed; an option it would ignore is refused
            throw new dev.vela.spi.VelaException("--optimize does not apply to 'vela models': the store serves models"
                    + " as installed (optimise a model with 'vela convert' before installing it)");
        }
        TrustStore trust = modelTrust == null ? TrustStore.empty() : TrustStore.load(modelTrust);
        SignaturePolicy policy = new SignaturePolicy(trust, requireSignature);
        PluginSet set = providers.load();
        ProviderOptions.warn(set, err);
        ModelManager m = ModelManager.open(ModelStore.open(store, quota, policy, providers.partitioner(set)));
        m.problems().forEach((slot, why) -> err.println("WARNING: " + slot + ": " + why));
        err.flush();
        return m;
    }
}
