package dev.vela.conformance.delegate;

import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Subgraph;
import dev.vela.spi.TensorType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates with one planted fault each, every other behaviour the correct {@link ReferencePlanDelegate}'s: each
 * of the kit's subgraph checks must catch its own.
 */
final class PlantedDelegates {

    /** What goes wrong around the correct kernel's invocation. */
    interface Fault {
        void around(Kernel correct, Invocation invocation);
    }

    private PlantedDelegates() {}

    /** @return a delegate whose kernels run the correct plan, then write one byte past the end of their output */
    static Delegate writingPastItsOutput() {
        return wrap(
                (k, inv) -> {
                    k.invoke(inv);
                    ByteBuffer out = inv.output(0).bytes();
                    // what a native kernel with an off-by-one loop bound does: the byte after the output's last one
                    Unsafe.put(out, out.capacity(), (byte) 0x7F);
                },
                null);
    }

    /**
     * @return a delegate whose kernels declare themselves concurrent but keep the result in one buffer shared by all
     *     invocations: overlapping invocations read each other's half-written state
     */
    static Delegate concurrentInNameOnly() {
        AtomicInteger active = new AtomicInteger();
        return wrap(
                (k, inv) -> {
                    boolean overlapped = active.incrementAndGet() > 1;
                    try {
                        k.invoke(inv);
                        sleep(5); // the shared buffer is in use for a while: a second invocation meanwhile overwrites
                        // it
                        if (overlapped || active.get() > 1) {
                            ByteBuffer out = inv.output(0).bytes();
                            out.put(0, (byte) (out.get(0) ^ 0x40));
                        }
                    } finally {
                        active.decrementAndGet();
                    }
                },
                Boolean.TRUE);
    }

    /** @return a delegate whose kernels are correct but take 15 ms per invocation */
    static Delegate slow() {
        return wrap(
                (k, inv) -> {
                    sleep(15);
                    k.invoke(inv);
                },
                null);
    }

    /** @return a delegate proposing every node but the second as one set (declining the second): not convex in a chain */
    static Delegate proposingAroundAHole() {
        ReferencePlanDelegate correct = new ReferencePlanDelegate(false);
        return new Delegate() {
            @Override
            public Set<KernelClaim> claims() {
                return correct.claims();
            }

            @Override
            public DelegateProposal propose(GraphView graph) {
                java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
                graph.nodes().forEach(n -> all.add(n.index()));
                DelegateProposal p = new DelegateProposal();
                if (all.size() > 1) {
                    all.remove(1);
                    p.decline(1, "planted: the second node stays on the host");
                }
                return p.take(all);
            }

            @Override
            public Kernel compile(Subgraph subgraph) {
                return correct.compile(subgraph);
            }
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Delegate wrap(Fault fault, Boolean concurrent) {
        ReferencePlanDelegate correct = new ReferencePlanDelegate(false);
        return new Delegate() {
            @Override
            public Set<KernelClaim> claims() {
                return correct.claims();
            }

            @Override
            public DelegateProposal propose(GraphView graph) {
                return correct.propose(graph);
            }

            @Override
            public Kernel compile(Subgraph subgraph) {
                Kernel k = correct.compile(subgraph);
                return new Kernel() {
                    @Override
                    public List<TensorType> outputTypes() {
                        return k.outputTypes();
                    }

                    @Override
                    public boolean isConcurrent() {
                        return concurrent != null ? concurrent : k.isConcurrent();
                    }

                    @Override
                    public void invoke(Invocation invocation) {
                        fault.around(k, invocation);
                    }
                };
            }
        };
    }

    /** Writes through a direct buffer's address, as native code does, bounds unchecked. */
    private static final class Unsafe {
        private static final sun.misc.Unsafe U;
        private static final long ADDRESS;

        static {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                U = (sun.misc.Unsafe) f.get(null);
                ADDRESS = U.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static void put(ByteBuffer direct, int offset, byte value) {
            U.putByte(U.getLong(direct, ADDRESS) + offset, value);
        }
    }
}
