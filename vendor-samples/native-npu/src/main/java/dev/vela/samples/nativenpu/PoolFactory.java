package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * int8 AveragePool and MaxPool in NHWC as TFLite's quantized pooling: windows cover in-bounds
 * inputs only, the average rounds half away from zero, the fused activation clamps. Input and
 * output share their quantization.
 *
 * @since 0.1
 */
final class PoolFactory extends NpuFactory<PoolFactory.Spec> {

    /** Resolved pooling: the 16 ints of npu_pool_create (the last one the code path). */
    record Spec(int[] geometry, List<TensorType> inputs, TensorType output) {}

    private final boolean average;

    PoolFactory(String opName, Isa isa) {
        super(opName, Layout.NHWC, isa);
        this.average = opName.equals("AveragePool");
    }

    @Override
    Spec analyze(Node node) {
        Int8Types.inputCount(node, 1, 1);
        if (Layout.of(node) != Layout.NHWC) {
            throw new InvalidNodeException(
                    node, "this provider runs pooling in NHWC only (attribute data_format=NHWC)");
        }
        Quantization qi = Int8Types.activation(node, 0);
        Shape x = Int8Types.rank(node, 0, 4);
        int[] k = node.attributes().getInts("kernel_shape", null);
        if (k == null || k.length != 2 || k[0] < 1 || k[1] < 1) {
            throw new InvalidNodeException(node, "attribute 'kernel_shape' must hold [kH, kW]");
        }
        if (node.attributes().getLong("ceil_mode", 0) != 0) {
            throw new InvalidNodeException(node, "ceil_mode=1 is not supported");
        }
        if (average && node.attributes().getLong("count_include_pad", 0) != 0) {
            throw new InvalidNodeException(node, "count_include_pad=1 is not supported (TFLite excludes padding)");
        }
        int[] dilations = node.attributes().getInts("dilations", new int[] {1, 1});
        if (dilations.length != 2 || dilations[0] != 1 || dilations[1] != 1) {
            throw new InvalidNodeException(node, "pooling dilations other than 1 are not supported");
        }
        if (x.elementCount() == 0) {
            throw new InvalidNodeException(node, "empty input " + x + " is not supported");
        }
        Window g = Window.of(node, x, k[0], k[1]);
        if (!g.everyWindowCoversInput()) {
            throw new InvalidNodeException(node, "padding leaves a pooling window without any input");
        }
        TensorType out = Int8Types.output(node, g.outputShape(g.channels()), qi);
        Quantization qo = out.quantization().orElseThrow();
        if (Math.abs(qo.scale() - qi.scale()) > 1e-6 || qo.zeroPoint() != qi.zeroPoint()) {
            throw new InvalidNodeException(
                    node, "pooling needs the same quantization on input and output, got " + qi + " and " + qo);
        }
        ActivationRange range = QuantMath.int8ActivationRange(node, qo);
        int[] geometry = {
            average ? 1 : 0,
            g.batch(),
            g.inH(),
            g.inW(),
            g.channels(),
            g.kH(),
            g.kW(),
            g.strideH(),
            g.strideW(),
            g.padTop(),
            g.padLeft(),
            g.outH(),
            g.outW(),
            range.min(),
            range.max(),
            isa.code()
        };
        return new Spec(geometry, List.of(node.inputType(0)), out);
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_pool_create(spec.geometry());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_pool_run(handle, inputs[0], output);
            }
        };
    }
}
