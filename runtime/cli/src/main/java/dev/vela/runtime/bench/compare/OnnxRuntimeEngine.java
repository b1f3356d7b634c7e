package dev.vela.runtime.bench.compare;

import dev.vela.spi.DataType;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime (its Java API, {@code ai.onnxruntime}) reached by reflection: sequential execution, the given number
 * of intra-op threads and one inter-op thread.
 */
final class OnnxRuntimeEngine implements ReferenceEngine {

    static final String PROBE_CLASS = "ai.onnxruntime.OrtEnvironment";

    private final String name;
    private final Object session;
    private final Map<String, Object> feed = new LinkedHashMap<>();
    private final List<String> outputNames;
    private final Method run;
    private Method resultGet;
    private Method resultClose;
    private Method tensorBytes;

    OnnxRuntimeEngine(ClassLoader loader, Path model, int threads, List<EngineInput> inputs, List<String> outputNames)
            throws ReflectiveOperationException {
        Class<?> envType = Reflective.type(loader, PROBE_CLASS);
        Object env = Reflective.callStatic(envType, "getEnvironment");
        Class<?> optionsType = Reflective.type(loader, "ai.onnxruntime.OrtSession$SessionOptions");
        Object options = Reflective.construct(optionsType);
        Reflective.call(options, "setIntraOpNumThreads", threads);
        Reflective.call(options, "setInterOpNumThreads", 1);
        this.session = Reflective.call(env, "createSession", model.toString(), options);
        this.name = "onnxruntime " + version(envType, env);
        Class<?> tensorType = Reflective.type(loader, "ai.onnxruntime.OnnxTensor");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum> javaType = (Class<Enum>) Reflective.type(loader, "ai.onnxruntime.OnnxJavaType");
        for (EngineInput in : inputs) {
            @SuppressWarnings("unchecked")
            Object type = Enum.valueOf(javaType, javaTypeName(in.type()));
            feed.put(in.name(), Reflective.callStatic(tensorType, "createTensor", env, in.direct(), in.shape(), type));
        }
        this.outputNames = List.copyOf(outputNames);
        this.run = Reflective.find(session.getClass(), "run", feed);
    }

    private static String version(Class<?> envType, Object env) {
        try {
            return String.valueOf(Reflective.call(env, "getVersion"));
        } catch (RuntimeException e) {
            Package p = envType.getPackage();
            return p == null || p.getImplementationVersion() == null
                    ? "(version unknown)"
                    : p.getImplementationVersion();
        }
    }

    private static String javaTypeName(DataType type) {
        return switch (type) {
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case FLOAT16 -> "FLOAT16";
            case BFLOAT16 -> "BFLOAT16";
            case INT8 -> "INT8";
            case UINT8 -> "UINT8";
            case INT16 -> "INT16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case BOOL -> "BOOL";
            default -> throw new EngineException("ONNX Runtime's Java API takes no " + type + " input tensors", null);
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<byte[]> run() {
        Object result = Reflective.invoke(run, session, feed);
        try {
            if (resultGet == null) {
                resultGet = Reflective.find(result.getClass(), "get", "name");
                resultClose = Reflective.find(result.getClass(), "close");
            }
            List<byte[]> outputs = new ArrayList<>(outputNames.size());
            for (String output : outputNames) {
                Optional<?> value = (Optional<?>) Reflective.invoke(resultGet, result, output);
                if (value.isEmpty()) {
                    throw new EngineException("ONNX Runtime produced no output '" + output + "'", null);
                }
                Object tensor = value.get();
                if (tensorBytes == null) {
                    tensorBytes = Reflective.find(tensor.getClass(), "getByteBuffer");
                }
                ByteBuffer b = (ByteBuffer) Reflective.invoke(tensorBytes, tensor);
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                outputs.add(bytes);
            }
            return outputs;
        } finally {
            if (resultClose != null) {
                Reflective.invoke(resultClose, result);
            }
        }
    }

    @Override
    public void close() {
        for (Object tensor : feed.values()) {
            Reflective.call(tensor, "close");
        }
        Reflective.call(session, "close");
    }
}
