package dev.vela.runtime.bench.compare;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TensorFlow Lite interpreter (the bytedeco preset, {@code org.bytedeco.tensorflowlite}) reached by reflection.
 * By default it is built as an application gets it: {@code BuiltinOpResolver}, whose default XNNPACK delegate is
 * applied at {@code AllocateTensors} with the interpreter's thread count; {@link PeerKernels#BUILTIN} builds it with
 * {@code BuiltinOpResolverWithoutDefaultDelegates} instead (TFLite's builtin CPU kernels only). What the delegate
 * took is read back from the interpreter ({@link TfliteDelegation}). Tensor buffers stay in place after allocation
 * (XNNPACK included), so their pointers are looked up once.
 */
final class TfliteEngine implements ReferenceEngine {

    static final String PROBE_CLASS = "org.bytedeco.tensorflowlite.global.tensorflowlite";
    private static final String PACKAGE = "org.bytedeco.tensorflowlite.";

    private final String name;
    private final String placement;
    private final Object model;
    private final Object resolver;
    private final Object interpreter;
    private final Method invoke;
    private final Method put;
    private final Method get;
    private final List<Object> inputPointers = new ArrayList<>();
    private final List<byte[]> inputData = new ArrayList<>();
    private final List<Object> outputPointers = new ArrayList<>();
    private final List<Integer> outputSizes = new ArrayList<>();
    private final boolean keepTensors;

    TfliteEngine(
            ClassLoader loader, Path file, int threads, List<EngineInput> inputs, int outputCount, PeerKernels kernels)
            throws ReflectiveOperationException {
        this(loader, file, threads, inputs, outputCount, kernels, false);
    }

    /**
     * @param keepTensors build the interpreter with {@code InterpreterOptions.SetPreserveAllTensors(true)}, so that
     *     {@link #keptTensors()} can read every intermediate tensor after a run (TFLite otherwise reuses their memory)
     */
    TfliteEngine(
            ClassLoader loader,
            Path file,
            int threads,
            List<EngineInput> inputs,
            int outputCount,
            PeerKernels kernels,
            boolean keepTensors)
            throws ReflectiveOperationException {
        this.keepTensors = keepTensors;
        Class<?> global = Reflective.type(loader, PROBE_CLASS); // its static initializer loads the native library
        this.model = Reflective.callStatic(
                Reflective.type(loader, PACKAGE + "FlatBufferModel"), "BuildFromFile", file.toString());
        if (model == null || (Boolean) Reflective.call(model, "isNull")) {
            throw new EngineException("TFLite cannot read " + file, null);
        }
        this.resolver = Reflective.construct(Reflective.type(
                loader,
                PACKAGE
                        + (kernels == PeerKernels.BUILTIN
                                ? "BuiltinOpResolverWithoutDefaultDelegates"
                                : "BuiltinOpResolver")));
        Class<?> pointer = Reflective.type(loader, "org.bytedeco.javacpp.Pointer");
        // the builder fills a null interpreter pointer (C++: std::unique_ptr<Interpreter>*)
        this.interpreter = Reflective.type(loader, PACKAGE + "Interpreter")
                .getConstructor(pointer)
                .newInstance((Object) null);
        Object builder;
        if (keepTensors) {
            Object options = Reflective.construct(Reflective.type(loader, PACKAGE + "InterpreterOptions"));
            Reflective.call(options, "SetPreserveAllTensors", true);
            builder = Reflective.construct(
                    Reflective.type(loader, PACKAGE + "InterpreterBuilder"), model, resolver, options);
        } else {
            builder = Reflective.construct(Reflective.type(loader, PACKAGE + "InterpreterBuilder"), model, resolver);
        }
        check(Reflective.call(builder, "SetNumThreads", threads), "set " + threads + " thread(s)");
        check(Reflective.call(builder, "apply", interpreter), "build an interpreter for " + file);
        if ((Boolean) Reflective.call(interpreter, "isNull")) {
            throw new EngineException("TFLite built no interpreter for " + file, null);
        }
        check(Reflective.call(interpreter, "AllocateTensors"), "allocate tensors for " + file);
        TfliteDelegation delegation = TfliteDelegation.of(loader, interpreter);
        this.placement = delegation.describe();
        this.name = "tflite " + version(global)
                + (kernels == PeerKernels.BUILTIN
                        ? " (builtin kernels, no XNNPACK)"
                        : delegation.partitions() > 0 ? " + XNNPACK" : " (default delegate declined every operator)");
        for (int i = 0; i < inputs.size(); i++) {
            Object tensor = Reflective.call(interpreter, "input_tensor", (long) i);
            long bytes = ((Number) Reflective.call(tensor, "bytes")).longValue();
            byte[] data = inputs.get(i).data();
            if (bytes != data.length) {
                throw new EngineException(
                        "TFLite input " + i + " holds " + bytes + " bytes, Vela's input '"
                                + inputs.get(i).name() + "' " + data.length,
                        null);
            }
            inputPointers.add(
                    Reflective.call(Reflective.call(Reflective.call(tensor, "data"), "raw"), "capacity", bytes));
            inputData.add(data);
        }
        for (int i = 0; i < outputCount; i++) {
            Object tensor = Reflective.call(interpreter, "output_tensor", (long) i);
            long bytes = ((Number) Reflective.call(tensor, "bytes")).longValue();
            outputPointers.add(
                    Reflective.call(Reflective.call(Reflective.call(tensor, "data"), "raw"), "capacity", bytes));
            outputSizes.add((int) bytes);
        }
        this.invoke = Reflective.find(interpreter.getClass(), "Invoke");
        Class<?> bytePointer = Reflective.type(loader, "org.bytedeco.javacpp.BytePointer");
        this.put = Reflective.find(bytePointer, "put", (Object) new byte[0]);
        this.get = Reflective.find(bytePointer, "get", (Object) new byte[0]);
    }

    private static String version(Class<?> global) {
        try {
            Object v = Reflective.callStatic(global, "TfLiteVersion");
            return v instanceof String s ? s : String.valueOf(Reflective.call(v, "getString"));
        } catch (RuntimeException e) {
            return "(version unknown)";
        }
    }

    private static void check(Object status, String what) {
        if (status instanceof Number n && n.intValue() != 0) {
            throw new EngineException("TFLite failed to " + what + " (status " + n.intValue() + ")", null);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String placement() {
        return placement;
    }

    @Override
    public List<byte[]> run() {
        for (int i = 0; i < inputPointers.size(); i++) {
            Reflective.invoke(put, inputPointers.get(i), (Object) inputData.get(i));
        }
        check(Reflective.invoke(invoke, interpreter), "invoke");
        List<byte[]> outputs = new ArrayList<>(outputPointers.size());
        for (int i = 0; i < outputPointers.size(); i++) {
            byte[] out = new byte[outputSizes.get(i)];
            Reflective.invoke(get, outputPointers.get(i), (Object) out);
            outputs.add(out);
        }
        return outputs;
    }

    /**
     * Every tensor of the main subgraph that holds data after the last run, by TFLite tensor index: constants,
     * inputs, intermediates and outputs (the engine must have been opened to keep them).
     */
    @Override
    public Map<Integer, byte[]> keptTensors() {
        if (!keepTensors) {
            return Map.of();
        }
        Map<Integer, byte[]> tensors = new LinkedHashMap<>();
        long count = ((Number) Reflective.call(interpreter, "tensors_size")).longValue();
        for (int i = 0; i < count; i++) {
            Object tensor = Reflective.call(interpreter, "tensor", i);
            if (tensor == null || (Boolean) Reflective.call(tensor, "isNull")) {
                continue;
            }
            long bytes = ((Number) Reflective.call(tensor, "bytes")).longValue();
            Object raw = Reflective.call(Reflective.call(tensor, "data"), "raw");
            if (bytes <= 0 || bytes > Integer.MAX_VALUE || raw == null || (Boolean) Reflective.call(raw, "isNull")) {
                continue;
            }
            byte[] data = new byte[(int) bytes];
            Reflective.invoke(get, Reflective.call(raw, "capacity", bytes), (Object) data);
            tensors.put(i, data);
        }
        return tensors;
    }

    @Override
    public void close() {
        // release native memory now rather than at GC: interpreter before the model and resolver it points into
        Reflective.call(interpreter, "close");
        Reflective.call(resolver, "close");
        Reflective.call(model, "close");
    }
}
