package dev.vela.conformance.check;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the checks invoke kernels on at once, shared by every check of a run: starting threads per case
 * would cost more than the small cases themselves. Daemon threads, so a kernel that never returns does not keep
 * the JVM alive (its check fails on its own timeout).
 */
final class Workers {

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Grows as needed; idle threads end after a minute. */
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vela-conformance-worker-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Workers() {}
}
