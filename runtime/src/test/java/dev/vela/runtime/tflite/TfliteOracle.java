package dev.vela.runtime.tflite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.InterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * TFLite's own interpreter (the bytedeco preset of TensorFlow Lite 2.20) as a test oracle: runs a model on raw input
 * bytes and returns the raw output bytes.
 *
 * <p>Two kernel sets: by default {@code BuiltinOpResolverWithoutDefaultDelegates}, TFLite's builtin (optimized) CPU
 * kernels without the XNNPACK delegate, single-threaded; with {@link #reference(Path)} TFLite's reference kernels
 * ({@code BuiltinRefOpResolver}, through the JNI shim {@link ReferenceKernelResolver}), the definition of the
 * {@code tflite} numerics flavour. Variable tensors (LSTM/SVDF state) are reset before every run, so each run starts from
 * the model's initial state as a fresh Vela session does.
 */
final class TfliteOracle implements AutoCloseable {

    private final FlatBufferModel model;
    private final BuiltinOpResolverWithoutDefaultDelegates resolver;
    private final ReferenceKernelResolver referenceResolver;
    private final Interpreter interpreter;

    TfliteOracle(Path file) {
        this(file, false);
    }

    /**
     * @param file the model
     * @param preserveAllTensors keep every intermediate tensor after a run, for {@link #tensorBytes(int)}
     */
    TfliteOracle(Path file, boolean preserveAllTensors) {
        this(file, preserveAllTensors, false);
    }

    /**
     * TFLite's reference kernels ({@code BuiltinRefOpResolver}); callers check {@link
     * ReferenceKernelResolver#unavailableReason()} first.
     *
     * @param file the model
     * @return an oracle running the model with TFLite's reference kernels
     */
    static TfliteOracle reference(Path file) {
        return new TfliteOracle(file, false, true);
    }

    /**
     * @param file the model
     * @param preserveAllTensors keep every intermediate tensor after a run, for {@link #tensorBytes(int)}
     * @param referenceKernels TFLite's reference kernels instead of its builtin (optimized) ones
     */
    TfliteOracle(Path file, boolean preserveAllTensors, boolean referenceKernels) {
        model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new IllegalStateException("TFLite cannot read " + file);
        }
        referenceResolver = referenceKernels ? new ReferenceKernelResolver() : null;
        resolver = referenceKernels ? null : new BuiltinOpResolverWithoutDefaultDelegates();
        // the builder fills a null interpreter pointer (C++: std::unique_ptr<Interpreter>*)
        interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
        InterpreterOptions options = new InterpreterOptions();
        options.SetPreserveAllTensors(preserveAllTensors);
        InterpreterBuilder builder =
                new InterpreterBuilder(model, referenceKernels ? referenceResolver.resolver() : resolver, options);
        check(builder.SetNumThreads(1), "set one thread");
        check(builder.apply(interpreter), "build an interpreter for " + file);
        if (interpreter.isNull()) {
            throw new IllegalStateException("TFLite built no interpreter for " + file);
        }
        check(interpreter.AllocateTensors(), "allocate tensors for " + file);
    }

    /** Whether the native TFLite library loads on this machine (the tests ship only the linux-x86_64 build). */
    static String unavailableReason() {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
            return null;
        } catch (Throwable e) {
            return "TFLite oracle unavailable on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ": " + e;
        }
    }

    /**
     * Runs the model once.
     *
     * @param inputs the raw bytes of every input, in the model's input order
     * @param outputCount how many outputs the model has
     * @return the raw bytes of every output, in the model's output order
     */
    List<byte[]> run(List<byte[]> inputs, int outputCount) {
        check(interpreter.ResetVariableTensors(), "reset variable tensors");
        return runKeepingState(inputs, outputCount);
    }

    /**
     * Runs the model once without resetting its variable tensors first: LSTM and SVDF state carry over from the
     * previous run, as in a stream of TFLite {@code Invoke} calls.
     *
     * @param inputs the raw bytes of every input, in the model's input order
     * @param outputCount how many outputs the model has
     * @return the raw bytes of every output, in the model's output order
     */
    List<byte[]> runKeepingState(List<byte[]> inputs, int outputCount) {
        for (int i = 0; i < inputs.size(); i++) {
            TfLiteTensor t = interpreter.input_tensor(i);
            byte[] bytes = inputs.get(i);
            if (t.bytes() != bytes.length) {
                throw new IllegalArgumentException(
                        "TFLite input " + i + " holds " + t.bytes() + " bytes, given " + bytes.length);
            }
            BytePointer p = t.data().raw();
            p.capacity(bytes.length).put(bytes);
        }
        check(interpreter.Invoke(), "invoke");
        List<byte[]> outputs = new ArrayList<>();
        for (int i = 0; i < outputCount; i++) {
            TfLiteTensor t = interpreter.output_tensor(i);
            byte[] out = new byte[(int) t.bytes()];
            t.data().raw().capacity(out.length).get(out);
            outputs.add(out);
        }
        return outputs;
    }

    /** @return the bytes of tensor {@code index} after the last run, or null when it holds none */
    byte[] tensorBytes(int index) {
        TfLiteTensor t = interpreter.tensor(index);
        if (t == null
                || t.isNull()
                || t.bytes() == 0
                || t.data().raw() == null
                || t.data().raw().isNull()) {
            return null;
        }
        byte[] out = new byte[(int) t.bytes()];
        t.data().raw().capacity(out.length).get(out);
        return out;
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("TFLite failed to " + what + " (status " + status + ")");
        }
    }

    @Override
    public void close() {
        interpreter.close();
        if (resolver != null) {
            resolver.close();
        }
        if (referenceResolver != null) {
            referenceResolver.close();
        }
        model.close();
    }
}
