package dev.vela.runtime.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model version to install from a local file (a download lands in a file first).
 *
 * @param name the model's name
 * @param version its version
 * @param file the model file ({@code .onnx}, {@code .tflite} or {@code .vela}); copied into the store, never used in
 *     place
 * @param source where it came from (a URL or file name), recorded in the metadata
 * @param selfTest the self-test vectors shipped with it ({@link SelfTest} JSON), if any
 * @param signature its model-authority signature ({@link ModelSignature} JSON), if any
 * @param requiredPlugins provider ids that must be admitted on the device before an app may switch to it
 * @param factory whether this version becomes the model's factory version (the first installed version of a model
 *     is its factory version anyway)
 */
public record InstallRequest(
        String name,
        ModelVersion version,
        Path file,
        String source,
        Optional<Path> selfTest,
        Optional<Path> signature,
        List<String> requiredPlugins,
        boolean factory) {

    /** Copies the list. */
    public InstallRequest {
        ModelMetadata.checkName(name, "model");
        requiredPlugins = List.copyOf(requiredPlugins);
    }

    /**
     * @param name the model's name
     * @param version its version
     * @param file the model file
     * @return a request with no self-test, signature or plugin requirement
     */
    public static InstallRequest of(String name, String version, Path file) {
        return new InstallRequest(
                name,
                ModelVersion.of(version),
                file,
                file.getFileName().toString(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false);
    }

    /**
     * @param testVectors the self-test JSON file
     * @return this request with a self-test
     */
    public InstallRequest withSelfTest(Path testVectors) {
        return new InstallRequest(
                name, version, file, source, Optional.of(testVectors), signature, requiredPlugins, factory);
    }

    /**
     * @param signatureFile the signature JSON file
     * @return this request with a signature
     */
    public InstallRequest withSignature(Path signatureFile) {
        return new InstallRequest(
                name, version, file, source, selfTest, Optional.of(signatureFile), requiredPlugins, factory);
    }

    /**
     * @param text where the model came from
     * @return this request with that source
     */
    public InstallRequest withSource(String text) {
        return new InstallRequest(name, version, file, text, selfTest, signature, requiredPlugins, factory);
    }

    /** @return this request, marking the version as the model's factory version */
    public InstallRequest asFactory() {
        return new InstallRequest(name, version, file, source, selfTest, signature, requiredPlugins, true);
    }

    /**
     * @param pluginIds providers that must be admitted
     * @return this request with those requirements
     */
    public InstallRequest requiringPlugins(List<String> pluginIds) {
        return new InstallRequest(name, version, file, source, selfTest, signature, pluginIds, factory);
    }
}
