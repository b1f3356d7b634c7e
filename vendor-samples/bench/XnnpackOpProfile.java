import static org.bytedeco.tensorflowlite.global.tensorflowlite.MakeTfLiteTelemetryProfiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TelemetryProfiler;
import org.bytedeco.tensorflowlite.TfLiteTelemetryProfilerStruct;
import org.bytedeco.tensorflowlite.TfLiteTelemetrySettings;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * Per-operator times of the peer `vela bench --compare` runs: TFLite with its default XNNPACK delegate
 * ({@code BuiltinOpResolver}), one thread, random input bytes. A single-file program (not part of the build):
 *
 * <pre>
 * java -cp "runtime/cli/target/engines/*" vendor-samples/bench/XnnpackOpProfile.java MODEL.tflite WARMUP RUNS
 * </pre>
 *
 * <p>The profiler is TFLite's telemetry profiler with Java callbacks, set before {@code AllocateTensors}: the
 * XNNPACK delegate then builds its runtime with {@code XNN_FLAG_BASIC_PROFILING} and reports each XNNPACK operator
 * after every run ({@code xnn#NN}, in whole microseconds, truncated: the true time lies in [p50, p50 + 1)); the
 * operators TFLite runs itself are timed around their Begin/End events with {@code System.nanoTime}
 * ({@code tfl#NN}, which includes a callback's cost). Medians over the timed runs; a profiled run is slower than
 * an unprofiled one by the callbacks.
 */
public final class XnnpackOpProfile {

    private static final Map<String, List<Long>> TIMES = new LinkedHashMap<>();
    private static final Map<Integer, Object[]> OPEN = new HashMap<>();
    /** The callbacks: JavaCPP keeps only a weak reference to a callback object. */
    private static final List<Pointer> CALLBACKS = new ArrayList<>();

    private static int nextHandle = 1;
    private static boolean recording;

    private XnnpackOpProfile() {}

    private static String name(BytePointer p) {
        return p == null || p.isNull() ? "?" : p.getString();
    }

    private static void record(String key, long value) {
        if (recording) {
            TIMES.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    /** An operator the delegate timed itself (XNNPACK: whole microseconds). */
    static final class OpInvoke
            extends TfLiteTelemetryProfilerStruct
                    .ReportOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct p, BytePointer op, long micros, long index, long subgraph) {
            record(String.format("xnn#%02d %s", index, name(op)), micros);
        }
    }

    /** Start of an operator TFLite runs (and of the delegate's whole node). */
    static final class Begin
            extends TfLiteTelemetryProfilerStruct.ReportBeginOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long {
        @Override
        public int call(TfLiteTelemetryProfilerStruct p, BytePointer op, long index, long subgraph) {
            int handle = nextHandle++;
            OPEN.put(handle, new Object[] {String.format("tfl#%02d %s", index, name(op)), System.nanoTime()});
            return handle;
        }
    }

    /** End of an operator TFLite runs: its time in nanoseconds. */
    static final class End extends TfLiteTelemetryProfilerStruct.ReportEndOpInvokeEvent_TfLiteTelemetryProfilerStruct_int {
        @Override
        public void call(TfLiteTelemetryProfilerStruct p, int handle) {
            long now = System.nanoTime();
            Object[] started = OPEN.remove(handle);
            if (started != null) {
                record((String) started[0], now - (Long) started[1]);
            }
        }
    }

    static final class Telemetry
            extends TfLiteTelemetryProfilerStruct.ReportTelemetryEvent_TfLiteTelemetryProfilerStruct_BytePointer_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct p, BytePointer event, long status) {}
    }

    static final class TelemetryOp
            extends TfLiteTelemetryProfilerStruct
                    .ReportTelemetryOpEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct p, BytePointer event, long index, long subgraph, long status) {}
    }

    static final class Settings
            extends TfLiteTelemetryProfilerStruct
                    .ReportSettings_TfLiteTelemetryProfilerStruct_BytePointer_TfLiteTelemetrySettings {
        @Override
        public void call(TfLiteTelemetryProfilerStruct p, BytePointer setting, TfLiteTelemetrySettings settings) {}
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: XnnpackOpProfile MODEL.tflite WARMUP RUNS");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        TfLiteTelemetryProfilerStruct callbacks = new TfLiteTelemetryProfilerStruct();
        OpInvoke opInvoke = new OpInvoke();
        Begin begin = new Begin();
        End end = new End();
        Telemetry telemetry = new Telemetry();
        TelemetryOp telemetryOp = new TelemetryOp();
        Settings settings = new Settings();
        CALLBACKS.addAll(List.of(opInvoke, begin, end, telemetry, telemetryOp, settings));
        callbacks.ReportOpInvokeEvent(opInvoke);
        callbacks.ReportBeginOpInvokeEvent(begin);
        callbacks.ReportEndOpInvokeEvent(end);
        callbacks.ReportTelemetryEvent(telemetry);
        callbacks.ReportTelemetryOpEvent(telemetryOp);
        callbacks.ReportSettings(settings);
        TelemetryProfiler profiler = MakeTfLiteTelemetryProfiler(callbacks);

        FlatBufferModel model = FlatBufferModel.BuildFromFile(args[0]);
        if (model == null || model.isNull()) {
            throw new IllegalArgumentException("TFLite cannot read " + args[0]);
        }
        BuiltinOpResolver resolver = new BuiltinOpResolver();
        Interpreter interpreter = new Interpreter((Pointer) null);
        InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(1);
        builder.apply(interpreter);
        // before AllocateTensors, where the default delegate is applied: XNNPACK profiles only if a profiler is set
        interpreter.SetProfiler(profiler);
        if (interpreter.AllocateTensors() != 0) {
            throw new IllegalStateException("TFLite failed to allocate tensors for " + args[0]);
        }
        TfLiteTensor input = interpreter.input_tensor(0);
        byte[] bytes = new byte[(int) input.bytes()];
        new Random(1).nextBytes(bytes);
        input.data().raw().capacity(input.bytes()).put(bytes);

        for (int i = 0; i < warmup; i++) {
            interpreter.Invoke();
        }
        recording = true;
        long[] total = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            interpreter.Invoke();
            total[i] = System.nanoTime() - t0;
        }
        Arrays.sort(total);
        System.out.printf(
                "profiled Invoke: p50 %.2f us, min %.2f us over %d runs after %d%n",
                total[runs / 2] / 1e3, total[0] / 1e3, runs, warmup);
        for (Map.Entry<String, List<Long>> e : TIMES.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            boolean xnnpack = e.getKey().startsWith("xnn#");
            double scale = xnnpack ? 1 : 1e3; // XNNPACK reports microseconds, the Begin/End pairs nanoseconds
            System.out.printf(
                    "%-50s runs %6d  p50 %7.2f us  min %7.2f us%s%n",
                    e.getKey(),
                    v.length,
                    v[v.length / 2] / scale,
                    v[0] / scale,
                    xnnpack ? "  (whole us, truncated)" : "");
        }
    }
}
