package dev.vela.conformance.broken;

import dev.vela.conformance.broken.BrokenProviders.Broken;
import dev.vela.conformance.broken.DelegatingFactory.ForwardingKernel;
import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Classic bugs of elementwise, tensor and linalg kernels, each in a provider of one otherwise
 * correct (reference-backed) kernel and paired with the check that must catch it.
 */
public final class FamilyBrokenProviders {

    private FamilyBrokenProviders() {}

    /** @return every broken provider of the elementwise, tensor and linalg families */
    public static List<Broken> all() {
        return List.of(
                broadcastingIgnored(),
                transposeKeepsInputShape(),
                reshapeZeroTakenLiterally(),
                reduceDropsDimsByDefault(),
                maxSwallowsNaN(),
                softmaxWithoutMaxSubtraction(),
                softmaxOldDefaultAxis(),
                castRoundsToNearest(),
                gatherRefusesNegativeIndices());
    }

    /**
     * Add that indexes each operand by the flat output index modulo its size: right when every
     * operand is a suffix of the output shape, wrong as soon as a dimension of 1 broadcasts.
     */
    static Broken broadcastingIgnored() {
        return new Broken(
                "broadcasting ignored along an axis",
                TestProvider.of(
                        "flat-broadcast", DelegatingFactory.invoking("Add", DataType.FLOAT32, (delegate, inv) -> {
                            float[] a = Elements.floats(inv.input(0));
                            float[] b = Elements.floats(inv.input(1));
                            float[] out = new float[inv.output(0).elementCount()];
                            for (int i = 0; i < out.length; i++) {
                                out[i] = a[i % a.length] + b[i % b.length];
                            }
                            Elements.put(inv.output(0), out);
                        })),
                "numerics");
    }

    /** Transpose that moves the data correctly but declares the input's shape for its output. */
    static Broken transposeKeepsInputShape() {
        return new Broken(
                "Transpose declares the input shape",
                TestProvider.of("transpose-shape", new DelegatingFactory("Transpose", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        return new ForwardingKernel(k) {
                            @Override
                            public List<TensorType> outputTypes() {
                                return List.of(delegate.outputTypes()
                                        .get(0)
                                        .withShape(node.inputType(0).shape()));
                            }
                        };
                    }
                }),
                "output-types");
    }

    /** Reshape that reads a 0 in the target as a real 0 even without allowzero (it means "copy the input's dimension"). */
    static Broken reshapeZeroTakenLiterally() {
        return new Broken(
                "Reshape takes a 0 in the target literally",
                TestProvider.of("reshape-zero", new DelegatingFactory("Reshape", DataType.INT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (node.opsetVersion() < 5 || node.inputValue(1).isEmpty()) {
                            return k;
                        }
                        long[] target = node.inputValue(1).get().toLongArray();
                        int[] out = k.outputTypes().get(0).shape().dims();
                        boolean changed = false;
                        for (int i = 0; i < target.length; i++) {
                            if (target[i] == 0) {
                                out[i] = 0;
                                changed = true;
                            }
                        }
                        if (!changed) {
                            return k;
                        }
                        Shape shape = Shape.of(out);
                        return new ForwardingKernel(k) {
                            @Override
                            public List<TensorType> outputTypes() {
                                return List.of(delegate.outputTypes().get(0).withShape(shape));
                            }

                            @Override
                            public void invoke(Invocation inv) {
                                // nothing to write: the declared output is empty
                            }
                        };
                    }
                }),
                "output-types");
    }

    /** ReduceSum that treats an absent {@code keepdims} as 0 (the ONNX default is 1). */
    static Broken reduceDropsDimsByDefault() {
        return new Broken(
                "ReduceSum with the wrong keepdims default",
                TestProvider.of("keepdims", new DelegatingFactory("ReduceSum", DataType.FLOAT32) {
                    @Override
                    public Kernel prepare(Node node) {
                        if (node.attributes().has("keepdims")) {
                            return super.prepare(node);
                        }
                        Node.Builder b =
                                Node.builder(node.op()).name(node.name()).opset(node.opsetVersion());
                        b.attributes().putAll(node.attributes()).put("keepdims", 0L);
                        for (int i = 0; i < node.inputCount(); i++) {
                            if (!node.hasInput(i)) {
                                b.absentInput();
                            } else if (node.inputValue(i).isPresent()) {
                                b.constantInput(node.inputValue(i).get());
                            } else {
                                b.input(node.inputType(i));
                            }
                        }
                        return super.prepare(b.build());
                    }
                }),
                "output-types");
    }

    /** Max folded with {@code v > acc ? v : acc}, which drops a NaN instead of propagating it. */
    static Broken maxSwallowsNaN() {
        return new Broken(
                "NaN swallowed by Max",
                TestProvider.of("max-nan", new DelegatingFactory("Max", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        Shape outShape = k.outputTypes().get(0).shape();
                        int[][] sources = new int[node.inputCount()][];
                        for (int i = 0; i < sources.length; i++) {
                            sources[i] =
                                    Broadcast.sourceIndices(node.inputType(i).shape(), outShape);
                        }
                        return new ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                float[] out = new float[inv.output(0).elementCount()];
                                for (int i = 0; i < sources.length; i++) {
                                    float[] x = Elements.floats(inv.input(i));
                                    for (int o = 0; o < out.length; o++) {
                                        float v = x[sources[i][o]];
                                        out[o] = i == 0 || v > out[o] ? v : out[o];
                                    }
                                }
                                Elements.put(inv.output(0), out);
                            }
                        };
                    }
                }),
                "numerics");
    }

    /** Softmax computed in float as {@code exp(x) / sum(exp(x))} without subtracting the lane maximum: large inputs overflow to NaN. */
    static Broken softmaxWithoutMaxSubtraction() {
        return new Broken(
                "Softmax without max subtraction",
                TestProvider.of("softmax-overflow", new DelegatingFactory("Softmax", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (node.opsetVersion() < 13) {
                            return k;
                        }
                        Shape shape = node.inputType(0).shape();
                        int axis = (int) node.attributes().getLong("axis", -1);
                        int a = axis < 0 ? axis + shape.rank() : axis;
                        int size = shape.dim(a);
                        int inner = 1;
                        for (int d = a + 1; d < shape.rank(); d++) {
                            inner *= shape.dim(d);
                        }
                        int stride = inner;
                        return new ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                float[] x = Elements.floats(inv.input(0));
                                float[] out = new float[x.length];
                                for (int base = 0; base < x.length; base++) {
                                    if ((base / stride) % size != 0) {
                                        continue; // not the first element of its lane
                                    }
                                    float sum = 0;
                                    for (int j = 0; j < size; j++) {
                                        sum += (float) Math.exp(x[base + j * stride]);
                                    }
                                    for (int j = 0; j < size; j++) {
                                        out[base + j * stride] = (float) Math.exp(x[base + j * stride]) / sum;
                                    }
                                }
                                Elements.put(inv.output(0), out);
                            }
                        };
                    }
                }),
                "numerics");
    }

    /**
     * Softmax that keeps the opset-11 default axis (1, with the input coerced to 2-D) at opset 13,
     * where the default became -1 (lanes along the last dimension only).
     */
    static Broken softmaxOldDefaultAxis() {
        return new Broken(
                "Softmax with the pre-13 default axis",
                TestProvider.of("softmax-axis", new DelegatingFactory("Softmax", DataType.FLOAT32) {
                    @Override
                    public Kernel prepare(Node node) {
                        if (node.opsetVersion() < 13
                                || node.attributes().has("axis")
                                || node.inputType(0).shape().rank() < 2) {
                            return super.prepare(node);
                        }
                        return super.prepare(Node.builder(node.op())
                                .name(node.name())
                                .opset(11)
                                .attr("axis", 1L)
                                .input(node.inputType(0))
                                .build());
                    }
                }),
                "numerics");
    }

    /** Cast from float32 to integer types that rounds to nearest where ONNX truncates toward zero (a wrong rounding mode). */
    static Broken castRoundsToNearest() {
        return new Broken(
                "Cast rounds instead of truncating",
                TestProvider.of("cast-rounding", new DelegatingFactory("Cast", DataType.FLOAT32) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (!k.outputTypes().get(0).dataType().isInteger()) {
                            return k;
                        }
                        return new ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                delegate.invoke(inv);
                                float[] x = Elements.floats(inv.input(0));
                                for (int i = 0; i < x.length; i++) {
                                    inv.output(0).setLong(i, Math.round(x[i]));
                                }
                            }
                        };
                    }
                }),
                "numerics");
    }

    /** Gather that throws on negative indices, which ONNX defines as counting from the end. */
    static Broken gatherRefusesNegativeIndices() {
        return new Broken(
                "Gather throws on negative indices",
                TestProvider.of(
                        "gather-negative", DelegatingFactory.invoking("Gather", DataType.FLOAT32, (delegate, inv) -> {
                            for (int i = 0; i < inv.input(1).elementCount(); i++) {
                                if (inv.input(1).getLong(i) < 0) {
                                    throw new ArrayIndexOutOfBoundsException(
                                            (int) inv.input(1).getLong(i));
                                }
                            }
                            delegate.invoke(inv);
                        })),
                "numerics");
    }
}
