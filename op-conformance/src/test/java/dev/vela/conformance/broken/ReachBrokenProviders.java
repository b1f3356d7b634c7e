package dev.vela.conformance.broken;

import dev.vela.reference.FloatFusedActivation;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;

/**
 * Kernels that are right on the small, single-threaded, plain cases and wrong only where the kit has to reach
 * on purpose: with {@code Invocation.threads()} &gt; 1, beyond a block size, or with a fused activation. Each is
 * paired with the check that must catch it; {@link #correctFusing(String, DataType)} is the control, a vendor
 * that applies the fused activation correctly and must pass.
 */
public final class ReachBrokenProviders {

    /** The block size the blocked kernels below get wrong past. */
    static final int BLOCK = 256;

    private ReachBrokenProviders() {}

    /** @return every kernel of this corpus */
    public static List<BrokenProviders.Broken> all() {
        return List.of(
                wrongWithThreads(),
                wrongPastAColumnBlock(),
                dropsKBeyondABlock(),
                wrongPastAChannelBlock(),
                ignoresFusedActivation("Gemm"),
                ignoresFusedActivation("Conv"),
                ignoresFusedActivation("Mul"),
                fusedClipOnlyFromBelow(),
                acceptsMalformedFusedClip());
    }

    /**
     * Gemm whose multi-threaded path splits the output rows and loses the last row of the second share (its
     * rows are left as the output buffer held them): right with one thread.
     */
    static BrokenProviders.Broken wrongWithThreads() {
        return new BrokenProviders.Broken(
                "wrong only with threads > 1",
                TestProvider.of("threads", DelegatingFactory.invoking("Gemm", DataType.FLOAT32, (delegate, inv) -> {
                    delegate.invoke(inv);
                    Tensor out = inv.output(0);
                    int n = out.shape().dim(1);
                    if (inv.threads() > 1 && out.elementCount() > 0) {
                        for (int j = 0; j < n; j++) {
                            out.setDouble(out.elementCount() - n + j, 0);
                        }
                    }
                })),
                "numerics");
    }

    /** MatMul whose second panel of 256 output columns repeats the first one's (offsets of panel 0 reused). */
    static BrokenProviders.Broken wrongPastAColumnBlock() {
        return new BrokenProviders.Broken(
                "wrong past 256 output columns",
                TestProvider.of(
                        "column-block", DelegatingFactory.invoking("MatMul", DataType.FLOAT32, (delegate, inv) -> {
                            delegate.invoke(inv);
                            Tensor out = inv.output(0);
                            Shape s = out.shape();
                            int n = s.rank() == 0 ? 1 : s.dim(s.rank() - 1);
                            for (int i = 0; i < out.elementCount(); i++) {
                                if (i % n >= BLOCK) {
                                    out.setDouble(i, out.getDouble(i - BLOCK));
                                }
                            }
                        })),
                "numerics");
    }

    /** MatMul that stops its reduction after 256 terms (a K loop over one block only). */
    static BrokenProviders.Broken dropsKBeyondABlock() {
        return new BrokenProviders.Broken(
                "reduction stops at 256",
                TestProvider.of("k-block", DelegatingFactory.invoking("MatMul", DataType.FLOAT32, (delegate, inv) -> {
                    Tensor a = inv.input(0);
                    int k = a.shape().dim(a.shape().rank() - 1);
                    if (k <= BLOCK) {
                        delegate.invoke(inv);
                        return;
                    }
                    Tensor cut = Tensor.allocate(a.type());
                    for (int i = 0; i < a.elementCount(); i++) {
                        cut.setDouble(i, i % k < BLOCK ? a.getDouble(i) : 0);
                    }
                    delegate.invoke(Invocation.of(List.of(cut, inv.input(1)), List.of(inv.output(0)), inv.scratch()));
                })),
                "numerics");
    }

    /** NCHW Conv whose output channels past 64 are left at zero (a second channel block never computed). */
    static BrokenProviders.Broken wrongPastAChannelBlock() {
        return new BrokenProviders.Broken(
                "conv wrong past 64 output channels",
                TestProvider.of(
                        "channel-block",
                        new NnQuantizedBrokenKernels.LayoutFactory("Conv", DataType.FLOAT32, Layout.NCHW) {
                            @Override
                            protected Kernel wrap(Node node, Kernel k) {
                                return new ForwardingKernel(k) {
                                    @Override
                                    public void invoke(Invocation inv) {
                                        delegate.invoke(inv);
                                        Tensor out = inv.output(0);
                                        Shape s = out.shape();
                                        if (s.dim(1) <= 64) {
                                            return;
                                        }
                                        int plane = s.dim(2) * s.dim(3);
                                        for (int i = 0; i < out.elementCount(); i++) {
                                            if ((i / plane) % s.dim(1) >= 64) {
                                                out.setDouble(i, 0);
                                            }
                                        }
                                    }
                                };
                            }
                        }),
                "numerics");
    }

    /** A kernel that says yes to a fused activation and computes the plain node, ignoring the clamp. */
    static BrokenProviders.Broken ignoresFusedActivation(String op) {
        return new BrokenProviders.Broken(
                op + " ignores its fused activation",
                TestProvider.of("ignores-activation", new Fusing(op, DataType.FLOAT32, false) {
                    @Override
                    public Support supports(Node node) {
                        return super.supports(FloatFusedActivation.withoutActivation(node));
                    }

                    @Override
                    public Kernel prepare(Node node) {
                        return reference.prepare(FloatFusedActivation.withoutActivation(node));
                    }
                }),
                "numerics");
    }

    /** Gemm that applies a fused Clip's lower bound only (as if it were a Relu with another threshold). */
    static BrokenProviders.Broken fusedClipOnlyFromBelow() {
        return new BrokenProviders.Broken(
                "fused Clip clamps only from below",
                TestProvider.of("clip-below", new Fusing("Gemm", DataType.FLOAT32, true)),
                "numerics");
    }

    /** Gemm that takes a fused Clip with malformed bounds as no activation instead of refusing the node. */
    static BrokenProviders.Broken acceptsMalformedFusedClip() {
        return new BrokenProviders.Broken(
                "accepts a malformed fused Clip",
                TestProvider.of("malformed-clip", new Fusing("Gemm", DataType.FLOAT32, false) {
                    @Override
                    FusedActivation activation(Node node) {
                        float[] p = node.attributes().getFloats(FusedActivation.PARAMS, new float[0]);
                        boolean clip = FusedActivation.Kind.CLIP
                                .attributeValue()
                                .equals(node.attributes().getString(FusedActivation.ATTRIBUTE, ""));
                        return clip && (p.length != 2 || p[0] > p[1]) ? null : super.activation(node);
                    }
                }),
                "invalid-nodes");
    }

    /**
     * @param op the operator
     * @param type the claimed type
     * @return a vendor that applies fused activations correctly (the reference on the plain node, then the clamp)
     */
    public static TestProvider correctFusing(String op, DataType type) {
        return TestProvider.of("fusing-" + op, new Fusing(op, type, false));
    }

    /** A vendor that applies the fused activation itself after the reference kernel of the plain node. */
    static class Fusing extends NnQuantizedBrokenKernels.LayoutFactory {
        private final boolean lowerOnly;

        /** Conv is claimed for NCHW, the other operators for any layout. */
        Fusing(String op, DataType type, boolean lowerOnly) {
            super(op, type, op.equals("Conv") ? Layout.NCHW : Layout.ANY);
            this.lowerOnly = lowerOnly;
        }

        /** @return the node's activation, throwing InvalidNodeException for a malformed one */
        FusedActivation activation(Node node) {
            FusedActivation act = FusedActivation.of(node);
            return act.isNone() ? null : act;
        }

        @Override
        public Support supports(Node node) {
            try {
                activation(node);
            } catch (RuntimeException e) {
                return Support.no(e.getMessage());
            }
            return super.supports(FloatFusedActivation.withoutActivation(node));
        }

        @Override
        public Kernel prepare(Node node) {
            FusedActivation act = activation(node);
            Kernel plain = super.prepare(FloatFusedActivation.withoutActivation(node));
            if (act == null) {
                return plain;
            }
            FusedActivation applied = lowerOnly ? FusedActivation.clip(act.low(), Float.POSITIVE_INFINITY) : act;
            return new ForwardingKernel(plain) {
                @Override
                public void invoke(Invocation inv) {
                    delegate.invoke(inv);
                    Tensor out = inv.output(0);
                    for (int i = 0; i < out.elementCount(); i++) {
                        out.setDouble(i, applied.apply(out.getDouble(i)));
                    }
                }
            };
        }
    }
}
