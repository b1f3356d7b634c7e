package dev.vela.samples.nativenpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runtime CPU dispatch: detection, capping, the system property, and loading with the best path forced off. */
class DispatchTest {

    @Test
    void parsesLabels() {
        assertThat(Isa.parse("portable")).isEqualTo(Isa.PORTABLE);
        assertThat(Isa.parse("AVX2")).isEqualTo(Isa.AVX2);
        assertThat(Isa.parse("avx512_vnni")).isEqualTo(Isa.AVX512_VNNI);
        assertThatThrownBy(() -> Isa.parse("sse9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sse9");
    }

    @Test
    void resolveNeverGoesAboveTheBestPath() {
        Isa best = Dispatch.best();
        for (Isa isa : Isa.values()) {
            Isa resolved = Dispatch.resolve(isa);
            assertThat(resolved.ordinal()).isLessThanOrEqualTo(Math.min(isa.ordinal(), best.ordinal()));
            assertThat(resolved).isEqualTo(isa.ordinal() <= best.ordinal() ? isa : best);
        }
        assertThat(Dispatch.resolve(Isa.PORTABLE)).isEqualTo(Isa.PORTABLE);
    }

    @Test
    void kernelsReportThePathTheyRunOn() {
        for (Isa isa : NpuTesting.paths()) {
            try (var k = (NativeKernel) NpuTesting.npu(isa, "Conv").prepare(DispatchProbe.sampleConv())) {
                assertThat(k.isa()).isEqualTo(isa);
            }
        }
    }

    @Test
    void systemPropertyCapsTheDefaultProvider() {
        String old = System.getProperty(Dispatch.PROPERTY);
        try {
            System.setProperty(Dispatch.PROPERTY, "portable");
            assertThat(new NativeNpuProvider().isa()).isEqualTo(Isa.PORTABLE);
            System.setProperty(Dispatch.PROPERTY, "auto");
            assertThat(new NativeNpuProvider().isa()).isEqualTo(Dispatch.best());
            System.setProperty(Dispatch.PROPERTY, "bogus");
            assertThatThrownBy(() -> new NativeNpuProvider().isa()).isInstanceOf(IllegalArgumentException.class);
        } finally {
            if (old == null) {
                System.clearProperty(Dispatch.PROPERTY);
            } else {
                System.setProperty(Dispatch.PROPERTY, old);
            }
        }
    }

    /**
     * A fresh JVM with the best path forced off loads the library, reports the portable path and
     * computes the same bytes as the best path does here.
     */
    @Test
    void loadsAndRunsInAFreshJvmWithTheBestPathForcedOff() throws Exception {
        String portable = probe("portable");
        assertThat(portable).startsWith("isa=portable ");
        String best = probe("auto");
        assertThat(best).startsWith("isa=" + Dispatch.best().label() + " ");
        String hash = "hash="
                + Arrays.hashCode(NpuTesting.bytes(NpuTesting.run(
                        NpuTesting.npu(Dispatch.best(), "Conv"),
                        DispatchProbe.sampleConv(),
                        DispatchProbe.sampleInputs())));
        assertThat(portable).endsWith(hash);
        assertThat(best).endsWith(hash);
    }

    private static String probe(String isa) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-D" + Dispatch.PROPERTY + "=" + isa,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DispatchProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }
}
