package dev.vela.conformance.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.SpiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a plugin compiled against the SPI 1.0 baseline jar ({@code op-spi/compat/vela-op-spi-1.0.jar}) still
 * links, loads and certifies against today's SPI 1.1 classes: it defines no operators (the default method), its
 * kernels declare no state, and the runtime's version rule admits 1.0.
 */
class OneZeroPluginTest {

    static final String SOURCE = """
            package legacy;

            import dev.vela.spi.*;
            import java.util.List;
            import java.util.Set;

            public final class LegacyProvider implements OperatorProvider {
                public ProviderInfo info() {
                    return new ProviderInfo("legacy-cpu", "Legacy", "1.0", DeviceKind.CPU, SpiVersion.of(1, 0), 1);
                }

                public List<KernelFactory> factories() {
                    return List.of(new KernelFactory() {
                        public OpId op() { return OpId.of("Relu"); }
                        public Set<KernelClaim> claims() { return Set.of(KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32)); }
                        public Support supports(Node node) {
                            return node.inputCount() == 1 && node.hasInput(0)
                                    && node.inputType(0).dataType() == DataType.FLOAT32 && node.outputCount() == 1
                                    && node.attributes().names().isEmpty() ? Support.yes() : Support.no("float32 Relu only");
                        }
                        public Kernel prepare(Node node) {
                            if (!supports(node).isSupported()) {
                                throw new InvalidNodeException(node, "float32 Relu only");
                            }
                            TensorType type = node.inputType(0);
                            return new Kernel() {
                                public List<TensorType> outputTypes() { return List.of(type); }
                                public void invoke(Invocation inv) {
                                    for (int i = 0; i < type.elementCount(); i++) {
                                        double v = inv.input(0).getDouble(i);
                                        inv.output(0).setDouble(i, v > 0 || Double.isNaN(v) ? v : 0.0 * Math.signum(v) + 0.0);
                                    }
                                }
                            };
                        }
                    });
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPluginCompiledAgainstOneZeroLoadsAndCertifies() throws Exception {
        Path baseline = Path.of(System.getProperty("user.dir"))
                .resolve("../op-spi/compat/vela-op-spi-1.0.jar")
                .normalize();
        assertThat(baseline).exists();
        Path classes = compile(baseline);
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, OperatorProvider.class.getClassLoader())) {
            OperatorProvider p = (OperatorProvider)
                    loader.loadClass("legacy.LegacyProvider").getConstructor().newInstance();
            assertThat(SpiVersion.CURRENT).isEqualTo(SpiVersion.of(1, 1));
            assertThat(SpiVersion.CURRENT.accepts(p.info().spiVersion())).isTrue();
            assertThat(p.definitions()).isEmpty();
            ConformanceReport report =
                    ConformanceKit.forProvider(p).withSeed(5).withTries(30).run();
            assertThat(report.claims()).hasSize(1);
            assertThat(report.claims().get(0).passed())
                    .as(report.claims().get(0).checks().toString())
                    .isTrue();
        }
    }

    /** Compiles the plugin with only the 1.0 baseline jar on the class path, as a vendor did for 1.0. */
    private Path compile(Path baseline) throws IOException {
        Path src = dir.resolve("src/legacy/LegacyProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(
                null,
                null,
                null,
                "--release",
                "17",
                "-classpath",
                baseline.toString(),
                "-d",
                out.toString(),
                src.toString());
        assertThat(code).as("javac against the 1.0 baseline").isZero();
        return out;
    }
}
