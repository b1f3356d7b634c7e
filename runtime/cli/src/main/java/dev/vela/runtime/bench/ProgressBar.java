package dev.vela.runtime.bench;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place with carriage returns. It writes only to its own stream (stderr) and
 * erases itself when done, so the table printed afterwards on stdout is never interleaved with it.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private int drawn = -1;

    /**
     * @param err where to draw
     * @param label what is counted
     * @param total how many steps make 100 %
     * @param enabled false makes every call a no-op
     */
    public ProgressBar(PrintWriter err, String label, int total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    /**
     * Whether a bar is worth drawing: only on a terminal (a redirected stderr, e.g. a CI log, would collect every
     * redraw as text), and only when the runs are expected to take more than half a second.
     *
     * @param expectedNanos the expected duration of the measured runs
     * @return whether to draw
     */
    public static boolean wanted(long expectedNanos) {
        return wanted(System.console() != null, expectedNanos);
    }

    /**
     * @param console whether the JVM has a console (stdin and stdout are a terminal)
     * @param expectedNanos the expected duration of the measured runs
     * @return whether to draw
     */
    static boolean wanted(boolean console, long expectedNanos) {
        return console && expectedNanos > 500_000_000L;
    }

    /** @param done steps finished so far */
    public void update(int done) {
        if (!enabled) {
            return;
        }
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        if (filled == drawn && done != total) {
            return; // redraw only when the bar grows
        }
        drawn = filled;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        err.flush();
    }

    /** Erases the bar. */
    public void finish() {
        if (!enabled || drawn < 0) {
            return;
        }
        err.print("\r" + " ".repeat(label.length() + WIDTH + 24) + "\r");
        err.flush();
    }
}
