package dev.vela.conformance.broken;

import dev.vela.reference.support.Elements;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Providers whose single Add or Relu kernel breaks exactly one part of the kernel contract, each
 * paired with the id of the check that must catch it.
 */
public final class BrokenProviders {

    private BrokenProviders() {}

    /**
     * A deliberately broken provider and the check that must catch it.
     *
     * @param name what is broken
     * @param provider the provider
     * @param targetCheck the check id
     */
    public record Broken(String name, TestProvider provider, String targetCheck) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** @return every broken provider */
    public static List<Broken> all() {
        return List.of(
                wrongOutputShape(),
                offByOne(),
                nanSwallowed(),
                inputMutated(),
                writesPastOutput(),
                leavesElementUnwritten(),
                nonDeterministic(),
                sharedScratch(),
                supportsLies(),
                throwsOnValidInput(),
                slow(),
                acceptsInvalidNode());
    }

    /** Declares its output flattened to one dimension (same bytes, wrong shape). */
    static Broken wrongOutputShape() {
        return new Broken(
                "wrong output shape",
                TestProvider.of("wrong-shape", new DelegatingFactory("Add", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        return new ForwardingKernel(k) {
                            @Override
                            public List<TensorType> outputTypes() {
                                TensorType t = delegate.outputTypes().get(0);
                                return List.of(t.withShape(Shape.of(t.elementCount())));
                            }
                        };
                    }
                }),
                "output-types");
    }

    /** int32 Add whose last element is one too large. */
    static Broken offByOne() {
        return new Broken(
                "off-by-one value",
                TestProvider.of("off-by-one", DelegatingFactory.invoking("Add", DataType.INT32, (delegate, inv) -> {
                    delegate.invoke(inv);
                    Tensor out = inv.output(0);
                    int n = out.elementCount();
                    if (n > 0) {
                        out.setLong(n - 1, out.getLong(n - 1) + 1);
                    }
                })),
                "numerics");
    }

    /** Relu written as {@code x > 0 ? x : 0}, which turns NaN into 0. */
    static Broken nanSwallowed() {
        return new Broken(
                "NaN swallowed",
                TestProvider.of(
                        "nan-swallowed", DelegatingFactory.invoking("Relu", DataType.FLOAT32, (delegate, inv) -> {
                            float[] x = Elements.floats(inv.input(0));
                            for (int i = 0; i < x.length; i++) {
                                x[i] = x[i] > 0 ? x[i] : 0;
                            }
                            Elements.put(inv.output(0), x);
                        })),
                "numerics");
    }

    /** Add that accumulates into its first input when it can write there (an "in-place optimisation"). */
    static Broken inputMutated() {
        return new Broken(
                "input mutated",
                TestProvider.of(
                        "input-mutated", DelegatingFactory.invoking("Add", DataType.FLOAT32, (delegate, inv) -> {
                            delegate.invoke(inv);
                            Tensor a = inv.input(0);
                            if (!a.isReadOnly()
                                    && a.shape().equals(inv.output(0).shape())) {
                                a.copyFrom(inv.output(0));
                            }
                        })),
                "inputs-unchanged");
    }

    /** Relu whose array fast path writes one element too many. */
    static Broken writesPastOutput() {
        return new Broken(
                "writes past the output",
                TestProvider.of("writes-past", DelegatingFactory.invoking("Relu", DataType.FLOAT32, (delegate, inv) -> {
                    ByteBuffer out = inv.output(0).bytes();
                    if (!out.hasArray()) {
                        delegate.invoke(inv);
                        return;
                    }
                    float[] x = Elements.floats(inv.input(0));
                    ByteBuffer whole = ByteBuffer.wrap(out.array()).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i <= x.length; i++) { // off by one: <= instead of <
                        float v = i < x.length ? x[i] : 0f;
                        whole.putFloat(out.arrayOffset() + 4 * i, v < 0 ? 0 : v);
                    }
                })),
                "output-bounds");
    }

    /** Relu that never writes its last element. */
    static Broken leavesElementUnwritten() {
        return new Broken(
                "leaves an output element unwritten",
                TestProvider.of("unwritten", DelegatingFactory.invoking("Relu", DataType.FLOAT32, (delegate, inv) -> {
                    float[] x = Elements.floats(inv.input(0));
                    var out = inv.output(0).floats();
                    for (int i = 0; i < x.length - 1; i++) {
                        out.put(i, x[i] < 0 ? 0 : x[i]);
                    }
                })),
                "output-coverage");
    }

    /** Add that nudges its first element by one ulp on every other call: within tolerance, but not reproducible. */
    static Broken nonDeterministic() {
        AtomicLong calls = new AtomicLong();
        return new Broken(
                "non-deterministic",
                TestProvider.of(
                        "non-deterministic", DelegatingFactory.invoking("Add", DataType.FLOAT32, (delegate, inv) -> {
                            delegate.invoke(inv);
                            Tensor out = inv.output(0);
                            if (out.elementCount() > 0 && calls.incrementAndGet() % 2 == 0) {
                                out.setDouble(0, Math.nextUp((float) out.getDouble(0)));
                            }
                        })),
                "determinism");
    }

    /** Add that stages its result in one scratch array shared by all invocations, yet says it is concurrent. */
    static Broken sharedScratch() {
        return new Broken(
                "shared mutable scratch under concurrency",
                TestProvider.of("shared-scratch", new DelegatingFactory("Add", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        float[] shared = new float[k.outputTypes().get(0).elementCount()];
                        return new ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                Tensor staged = Tensor.allocate(inv.output(0).type());
                                delegate.invoke(
                                        Invocation.of(List.of(inv.input(0), inv.input(1)), List.of(staged), null));
                                staged.floats().get(shared);
                                try {
                                    Thread.sleep(1); // widen the window another thread writes the shared array in
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                inv.output(0).floats().put(shared);
                            }
                        };
                    }
                }),
                "concurrency");
    }

    /** Relu whose supports() says yes to everything while prepare() refuses rank 3 and above. */
    static Broken supportsLies() {
        return new Broken(
                "supports() lies",
                TestProvider.of("supports-lies", new DelegatingFactory("Relu", DataType.FLOAT32) {
                    @Override
                    public Support supports(Node node) {
                        return Support.yes();
                    }

                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (node.inputType(0).shape().rank() >= 3) {
                            throw new InvalidNodeException(node, "rank 3 and above is not implemented");
                        }
                        return k;
                    }
                }),
                "supports-honest");
    }

    /** Relu that throws on negative inputs. */
    static Broken throwsOnValidInput() {
        return new Broken(
                "throws on valid input",
                TestProvider.of("throws", DelegatingFactory.invoking("Relu", DataType.FLOAT32, (delegate, inv) -> {
                    for (float v : Elements.floats(inv.input(0))) {
                        if (v < 0) {
                            throw new IllegalStateException("negative input not handled");
                        }
                    }
                    delegate.invoke(inv);
                })),
                "numerics");
    }

    /** Relu that takes 20 ms per invocation. */
    static Broken slow() {
        return new Broken(
                "slower than budget",
                TestProvider.of("slow", DelegatingFactory.invoking("Relu", DataType.FLOAT32, (delegate, inv) -> {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    delegate.invoke(inv);
                })),
                "latency");
    }

    /** Add that silently ignores a third input instead of refusing the node. */
    static Broken acceptsInvalidNode() {
        return new Broken(
                "accepts an invalid node",
                TestProvider.of("accepts-invalid", new DelegatingFactory("Add", DataType.FLOAT32) {
                    @Override
                    public Kernel prepare(Node node) {
                        if (node.inputCount() == 3) {
                            return super.prepare(Node.builder(node.op())
                                    .name(node.name())
                                    .input(node.inputType(0))
                                    .input(node.inputType(1))
                                    .build());
                        }
                        return super.prepare(node);
                    }
                }),
                "invalid-nodes");
    }
}
