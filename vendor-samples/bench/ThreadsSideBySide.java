import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Optimization;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.admission.TrustStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Vela at 1 and at 2 threads on one model, interleaved run by run in one process (two sessions of the same optimised
 * model, certified plugins admitted), as `vela bench --compare` interleaves Vela with its peer: the ratio of the two
 * p50s is robust to a load that changes over the seconds of a measurement, where two separate `vela bench` processes
 * are not. Also checks that both sessions give the same output bytes on every run. A measuring tool, not a test.
 *
 * <p>Usage (from the repository root, after `mvn -B verify`; `java` runs this source file directly):
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp runtime/cli/target/vela.jar \
 *     vendor-samples/bench/ThreadsSideBySide.java MODEL PLUGINS_DIR TRUST_PEM [RUNS [WARMUP_SECONDS]]
 * </pre>
 *
 * PLUGINS_DIR holds the plugin jars and their target/vela/*-vela-cert.json (as side-by-side.sh assembles it);
 * TRUST_PEM is vendor-samples/dev-keys/vela-samples-DEVELOPMENT-ONLY.pub.pem. Give each build its own
 * -Dorg.bytedeco.javacpp.cachedir (docs/native-npu.md, "Measuring pitfall").
 *
 * Prints: model, p50 at 1 thread, p50 at 2 threads, their ratio (2 / 1: below 1 is faster with two threads).
 */
public final class ThreadsSideBySide {

    private ThreadsSideBySide() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path plugins = Path.of(args[1]);
        Path trust = Path.of(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 2;
        PluginSet set = new PluginLoader(TrustStore.load(trust), false)
                .pluginsDirectory(plugins)
                .load();
        Partitioner partitioner = Partitioner.of(set, List.of());
        Model loaded = Model.load(model, partitioner);
        Model m = Model.of(loaded.source(), Optimization.forProviders(loaded.graph(), partitioner), partitioner);
        Map<String, Tensor> feed = randomInputs(m, 1);
        long[] one = new long[runs];
        long[] two = new long[runs];
        try (Session s1 = m.newSession().withThreads(1);
                Session s2 = m.newSession().withThreads(2)) {
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            for (int i = 0; i < runs || System.nanoTime() < until; i++) {
                same(s1.run(feed), s2.run(feed), model);
            }
            for (int i = 0; i < runs; i++) {
                // alternate which session goes first, so neither always follows the other's cache footprint
                if (i % 2 == 0) {
                    one[i] = time(s1, feed);
                    two[i] = time(s2, feed);
                } else {
                    two[i] = time(s2, feed);
                    one[i] = time(s1, feed);
                }
            }
            same(s1.run(feed), s2.run(feed), model);
        }
        double p1 = median(one) / 1e6;
        double p2 = median(two) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "%-50s 1 thread p50 %.4f ms  2 threads p50 %.4f ms  2/1 %.2fx  (%d runs each, outputs identical)%n",
                model.getFileName(),
                p1,
                p2,
                p2 / p1,
                runs);
    }

    private static long time(Session s, Map<String, Tensor> feed) {
        long start = System.nanoTime();
        s.run(feed);
        return System.nanoTime() - start;
    }

    private static void same(Map<String, Tensor> a, Map<String, Tensor> b, Path model) {
        for (Map.Entry<String, Tensor> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue().toByteArray(), b.get(e.getKey()).toByteArray())) {
                throw new AssertionError(model + ": output " + e.getKey() + " differs between 1 and 2 threads");
            }
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Seeded random int8 (or float) inputs of the declared static shapes. */
    private static Map<String, Tensor> randomInputs(Model m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (ValueSpec in : m.inputs()) {
            int[] dims = new int[in.rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.toIntExact(in.dim(i));
            }
            DataType type = in.dataType();
            Tensor t = Tensor.allocate(TensorType.of(type, dims));
            for (int i = 0, n = t.elementCount(); i < n; i++) {
                if (type == DataType.INT8) {
                    t.setLong(i, random.nextInt(-128, 128));
                } else {
                    t.setDouble(i, random.nextDouble(-1, 1));
                }
            }
            feed.put(in.name(), t);
        }
        return feed;
    }
}
