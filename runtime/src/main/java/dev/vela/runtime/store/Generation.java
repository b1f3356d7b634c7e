package dev.vela.runtime.store;

import dev.vela.runtime.Session;
import dev.vela.spi.Tensor;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One app's use of one loaded version between two reloads: its sessions and its in-flight count. A reload retires
 * the old generation; it closes only when its last in-flight inference has finished, and refuses new ones once
 * closed, so a request either starts on the old version and finishes there or starts on the new one.
 */
final class Generation {

    /** In-flight inferences, or -1 once closed. */
    private final AtomicInteger state = new AtomicInteger();

    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();
    private final LoadedVersion loaded;
    private final Consumer<LoadedVersion> onClosed;
    private volatile boolean retiring;

    Generation(LoadedVersion loaded, Consumer<LoadedVersion> onClosed) {
        this.loaded = loaded;
        this.onClosed = onClosed;
    }

    LoadedVersion loaded() {
        return loaded;
    }

    /** @return false when the generation has closed (the caller reads the current one again) */
    boolean tryAcquire() {
        while (true) {
            int s = state.get();
            if (s < 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Runs one inference on a pooled session of this app; the caller holds an acquisition. */
    Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Session session = idle.poll();
        if (session == null) {
            session = loaded.model().newSession();
        }
        try {
            return session.run(inputs);
        } finally {
            idle.offer(session);
        }
    }

    void release() {
        if (state.decrementAndGet() == 0 && retiring) {
            closeIfIdle();
        }
    }

    /** After a switch: close now if idle, else when the last in-flight inference releases. */
    void retire() {
        retiring = true;
        closeIfIdle();
    }

    private void closeIfIdle() {
        if (state.compareAndSet(0, -1)) {
            for (Session s; (s = idle.poll()) != null; ) {
                s.close();
            }
            onClosed.accept(loaded);
        }
    }
}
