package dev.vela.runtime.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Chooses and opens the reference engine for a model file, or explains how to make it available. */
public final class ReferenceEngines {

    /**
     * Builds the runtime and copies the engines beside it in one reactor run: the copy needs the runtime's own
     * SDK dependencies, which on a clean machine exist only as this run's packaged modules (a lone
     * {@code dependency:copy-dependencies} looks for them in the local repository and fails).
     */
    public static final String ENGINES_COMMAND =
            "mvn -B -pl runtime/cli -am package dependency:copy-dependencies -DskipTests"
                    + " -DincludeScope=test -DincludeGroupIds=com.microsoft.onnxruntime,org.bytedeco -DoutputDirectory=target/engines";

    /** How to put the engines on the class path (they are test dependencies of the runtime, never in vela.jar). */
    public static final String HOW_TO_ENABLE = String.join(
            System.lineSeparator(),
            "The comparison engines are optional and not inside vela.jar. To enable them, from the project root:",
            "  " + ENGINES_COMMAND,
            "  java -cp \"runtime/cli/target/vela.jar:runtime/cli/target/engines/*\" dev.vela.runtime.cli.VelaCli \\",
            "      bench --compare --model MODEL ...",
            "(ONNX Runtime 1.29.0 for .onnx models; TensorFlow Lite 2.20.0 (bytedeco 1.5.13, linux-x86_64) for .tflite.)");

    private ReferenceEngines() {}

    /**
     * Opens the engine matching the model's format.
     *
     * @param model the model file: {@code .onnx} runs on ONNX Runtime, {@code .tflite} on TensorFlow Lite
     * @param threads intra-op threads the engine may use
     * @param inputs the inputs every run uses, in the model's input order
     * @param outputNames the model's outputs, in order
     * @return the opened engine
     * @throws EngineUnavailableException when the engine's classes or native library are missing
     * @throws EngineException when the engine refuses the model
     */
    public static ReferenceEngine open(Path model, int threads, List<EngineInput> inputs, List<String> outputNames) {
        return open(model, threads, inputs, outputNames, PeerKernels.DEFAULT);
    }

    /**
     * Opens the engine matching the model's format with the chosen kernels.
     *
     * @param model the model file: {@code .onnx} runs on ONNX Runtime, {@code .tflite} on TensorFlow Lite
     * @param threads intra-op threads the engine may use
     * @param inputs the inputs every run uses, in the model's input order
     * @param outputNames the model's outputs, in order
     * @param kernels the engine's defaults, or TFLite's builtin kernels without a delegate
     * @return the opened engine
     * @throws EngineUnavailableException when the engine's classes or native library are missing
     * @throws EngineException when the engine refuses the model, or builtin kernels are asked of ONNX Runtime
     */
    public static ReferenceEngine open(
            Path model, int threads, List<EngineInput> inputs, List<String> outputNames, PeerKernels kernels) {
        return open(model, threads, inputs, outputNames, kernels, ReferenceEngines.class.getClassLoader());
    }

    /**
     * Fails early, before anything is measured, when the model's engine cannot be loaded.
     *
     * @param model the model file
     * @throws EngineUnavailableException when the engine's classes or native library are missing
     * @throws EngineException when the model's format has no engine
     */
    public static void requireAvailable(Path model) {
        requireAvailable(model, ReferenceEngines.class.getClassLoader());
    }

    static void requireAvailable(Path model, ClassLoader loader) {
        boolean onnx = isOnnx(model);
        String engine = onnx ? "ONNX Runtime" : "TensorFlow Lite";
        try {
            // loading (and initializing) the entry class also loads the native library
            Reflective.type(loader, onnx ? OnnxRuntimeEngine.PROBE_CLASS : TfliteEngine.PROBE_CLASS);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw absent(engine, e);
        } catch (LinkageError e) {
            throw nativeMissing(engine, e);
        }
    }

    private static boolean isOnnx(Path model) {
        String file = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!file.endsWith(".onnx") && !file.endsWith(".tflite")) {
            throw new EngineException(
                    "no comparison engine for " + model.getFileName()
                            + ": --compare takes .onnx (ONNX Runtime) and .tflite (TensorFlow Lite) models",
                    null);
        }
        return file.endsWith(".onnx");
    }

    private static EngineUnavailableException absent(String engine, Throwable e) {
        return new EngineUnavailableException(
                "bench --compare: " + engine + " is not on the class path (" + e.getMessage() + ")."
                        + System.lineSeparator() + HOW_TO_ENABLE,
                e);
    }

    private static EngineUnavailableException nativeMissing(String engine, Throwable e) {
        return new EngineUnavailableException(
                "bench --compare: " + engine + "'s native library does not load on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e
                        + System.lineSeparator() + HOW_TO_ENABLE,
                e);
    }

    /**
     * A TFLite interpreter of TFLite's builtin kernels without XNNPACK (its numerics oracle) that keeps every tensor
     * after a run ({@link ReferenceEngine#keptTensors()}), for {@code vela diff --peer}'s per-node table.
     *
     * @param model the .tflite model file
     * @param threads threads the engine may use
     * @param inputs the inputs, in the model's input order
     * @param outputCount how many outputs the model has
     * @return the opened engine
     * @throws EngineUnavailableException when TFLite's classes or native library are missing
     */
    public static ReferenceEngine openKeepingTensors(
            Path model, int threads, List<EngineInput> inputs, int outputCount) {
        ClassLoader loader = ReferenceEngines.class.getClassLoader();
        try {
            return new TfliteEngine(loader, model, threads, inputs, outputCount, PeerKernels.BUILTIN, true);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw absent("TensorFlow Lite", e);
        } catch (LinkageError e) {
            throw nativeMissing("TensorFlow Lite", e);
        } catch (ReflectiveOperationException e) {
            throw new EngineException("cannot start TensorFlow Lite: " + e, e);
        }
    }

    /** As {@link #open(Path, int, List, List)}, looking the engine up in {@code loader} (tests hide it this way). */
    static ReferenceEngine open(
            Path model, int threads, List<EngineInput> inputs, List<String> outputNames, ClassLoader loader) {
        return open(model, threads, inputs, outputNames, PeerKernels.DEFAULT, loader);
    }

    static ReferenceEngine open(
            Path model,
            int threads,
            List<EngineInput> inputs,
            List<String> outputNames,
            PeerKernels kernels,
            ClassLoader loader) {
        boolean onnx = isOnnx(model);
        String engine = onnx ? "ONNX Runtime" : "TensorFlow Lite";
        if (onnx && kernels == PeerKernels.BUILTIN) {
            throw new EngineException(
                    "--peer-kernels builtin is TFLite's kernels without XNNPACK; " + model.getFileName()
                            + " runs on ONNX Runtime, whose defaults are the only peer",
                    null);
        }
        try {
            return onnx
                    ? new OnnxRuntimeEngine(loader, model, threads, inputs, outputNames)
                    : new TfliteEngine(loader, model, threads, inputs, outputNames.size(), kernels);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw absent(engine, e);
        } catch (LinkageError e) {
            throw nativeMissing(engine, e);
        } catch (EngineException e) {
            if (e.getCause() instanceof LinkageError) {
                throw nativeMissing(engine, e.getCause());
            }
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new EngineException("bench --compare: cannot start " + engine + ": " + e, e);
        }
    }
}
