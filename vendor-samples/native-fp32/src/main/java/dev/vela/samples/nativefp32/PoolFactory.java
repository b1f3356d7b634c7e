package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.Window2d;
import java.util.List;

/**
 * ONNX MaxPool and AveragePool, 2-D, float32, NHWC or NCHW: strides, dilations, pads or auto_pad, ceil_mode
 * (opset 10+), count_include_pad. MaxPool's optional Indices output is refused.
 */
final class PoolFactory extends Fp32Factory<PoolFactory.Spec> {

    /**
     * @param nhwc layout
     * @param batch images
     * @param c channels
     * @param window geometry
     * @param includePad AveragePool's count_include_pad
     * @param output output type
     */
    record Spec(boolean nhwc, int batch, int c, Window2d window, boolean includePad, TensorType output) {}

    private final boolean max;

    private PoolFactory(String op, Isa isa) {
        super(op, isa, Layout.NHWC, Layout.NCHW);
        this.max = op.equals("MaxPool");
    }

    /** @return the MaxPool factory */
    static PoolFactory maxPool(Isa isa) {
        return new PoolFactory("MaxPool", isa);
    }

    /** @return the AveragePool factory */
    static PoolFactory averagePool(Isa isa) {
        return new PoolFactory("AveragePool", isa);
    }

    @Override
    Spec analyze(Node node) {
        if (max && node.outputCount() != 1) {
            throw new InvalidNodeException(node, "the Indices output is not supported by this kernel");
        }
        NodeRules.inputs(node, 1, 1);
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        Shape x = NodeRules.float32(node, 0).shape();
        if (x.rank() != 4) {
            throw new InvalidNodeException(
                    node, "input has rank " + x.rank() + "; this kernel pools 2-D inputs (rank 4) only");
        }
        int[] k = node.attributes().getInts("kernel_shape");
        if (k.length != 2) {
            throw new InvalidNodeException(node, "attribute 'kernel_shape' has " + k.length + " values, expected 2");
        }
        if (node.attributes().has(FusedActivation.ATTRIBUTE)) {
            throw new InvalidNodeException(node, "a fused activation on pooling has no native kernel");
        }
        boolean ceil = node.opsetVersion() >= 10 && node.attributes().getInt("ceil_mode", 0) != 0;
        int c = nhwc ? x.dim(3) : x.dim(1);
        Window2d g = Window2d.of(node, nhwc ? x.dim(1) : x.dim(2), nhwc ? x.dim(2) : x.dim(3), k[0], k[1], ceil);
        Shape out = nhwc ? Shape.of(x.dim(0), g.outH(), g.outW(), c) : Shape.of(x.dim(0), c, g.outH(), g.outW());
        return new Spec(
                nhwc,
                x.dim(0),
                c,
                g,
                node.attributes().getInt("count_include_pad", 0) != 0,
                TensorType.of(DataType.FLOAT32, out));
    }

    @Override
    Kernel build(Node node, Spec s) {
        Window2d g = s.window();
        int[] geom = {
            s.batch(),
            s.c(),
            g.inH(),
            g.inW(),
            g.kH(),
            g.kW(),
            g.strideH(),
            g.strideW(),
            g.dilationH(),
            g.dilationW(),
            g.padTop(),
            g.padLeft(),
            g.padBottom(),
            g.padRight(),
            g.outH(),
            g.outW(),
            s.nhwc() ? 1 : 0,
            max ? 1 : 0,
            s.includePad() ? 1 : 0
        };
        long plan = Fp32Native.fp32_pool_create(isa().code(), geom);
        return new NativeKernel(plan, List.of(node.inputType(0)), s.output(), "node '" + node.name() + "'") {
            @Override
            void run(long handle, long[] inputs, long output, long scratch, int threads) {
                Fp32Native.fp32_pool_run(handle, inputs[0], output);
            }
        };
    }
}
