package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsInPlaceAndErasesItself() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "bench", 4, true);
        for (int i = 1; i <= 4; i++) {
            bar.update(i);
        }
        bar.finish();
        String s = text.toString();
        assertThat(s).doesNotContain("\n").startsWith("\rbench [").contains("] 4/4").endsWith("\r");
        // the last redraw is a full bar, then blanks wide enough to cover it
        String full = "\rbench [" + "#".repeat(30) + "] 4/4";
        assertThat(s).contains(full);
        String erase = s.substring(s.lastIndexOf(full) + full.length());
        assertThat(erase.trim()).isEmpty();
        assertThat(erase.length() - 2).isGreaterThanOrEqualTo(full.length() - 1);
    }

    @Test
    void disabledBarWritesNothing() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "bench", 4, false);
        bar.update(1);
        bar.finish();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void wantedForLongRuns() {
        assertThat(ProgressBar.wanted(3_000_000_000L)).isTrue();
    }
}
