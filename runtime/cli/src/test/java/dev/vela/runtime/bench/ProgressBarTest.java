package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aRedirectedStderrGetsNoBarHoweverLongTheRun() {
        assertThat(ProgressBar.wanted(false, 600_000_000_000L)).isFalse();
        // the test JVM has no console: what bench decides for a CI log
        assertThat(ProgressBar.wanted(600_000_000_000L)).isFalse();
    }

    @Test
    void aConsoleGetsABarForRunsWorthWatching() {
        assertThat(ProgressBar.wanted(true, 3_000_000_000L)).isTrue();
        assertThat(ProgressBar.wanted(true, 1_000_000L)).isFalse();
    }

    @Test
    void aDisabledBarWritesNothing() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "bench", 100, false);
        for (int i = 0; i <= 100; i++) {
            bar.update(i);
        }
        bar.finish();

        assertThat(text.toString()).isEmpty();
    }
}
