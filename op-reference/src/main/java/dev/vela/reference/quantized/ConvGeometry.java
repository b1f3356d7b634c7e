package dev.vela.reference.quantized;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.semantics.SpatialWindow;

/**
 * The 2-D window geometry of a quantized convolution or pooling node as TFLite's kernels loop over it:
 * batch, channels, input and output sizes, kernel, strides, dilations and begin paddings in the node's
 * layout ({@code data_format}). The window attributes mean what {@link SpatialWindow} says.
 */
final class ConvGeometry {

    final Layout layout;
    final int batch;
    final int channels;
    final int inH;
    final int inW;
    final int kH;
    final int kW;
    final int strideH;
    final int strideW;
    final int dilationH;
    final int dilationW;
    final int padTop;
    final int padLeft;
    final int outH;
    final int outW;

    private ConvGeometry(
            Layout layout,
            int batch,
            int channels,
            int inH,
            int inW,
            int kH,
            int kW,
            int[] strides,
            int[] dilations,
            int padTop,
            int padLeft,
            int outH,
            int outW) {
        this.layout = layout;
        this.batch = batch;
        this.channels = channels;
        this.inH = inH;
        this.inW = inW;
        this.kH = kH;
        this.kW = kW;
        this.strideH = strides[0];
        this.strideW = strides[1];
        this.dilationH = dilations[0];
        this.dilationW = dilations[1];
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.outH = outH;
        this.outW = outW;
    }

    /**
     * @param node the node with the window attributes
     * @param input the rank-4 input shape in the node's layout
     * @param kH kernel height
     * @param kW kernel width
     * @return the resolved geometry
     */
    static ConvGeometry of(Node node, Shape input, int kH, int kW) {
        Layout layout = Layout.of(node);
        if (input.rank() != 4) {
            throw new InvalidNodeException(node, "expects a rank-4 input (2-D spatial), got " + input);
        }
        int n = input.dim(0);
        int c = layout == Layout.NHWC ? input.dim(3) : input.dim(1);
        int h = layout == Layout.NHWC ? input.dim(1) : input.dim(2);
        int w = layout == Layout.NHWC ? input.dim(2) : input.dim(3);
        SpatialWindow g = SpatialWindow.of(node, new int[] {h, w}, new int[] {kH, kW});
        return new ConvGeometry(
                layout,
                n,
                c,
                h,
                w,
                kH,
                kW,
                g.strides(),
                g.dilations(),
                g.padBegin(0),
                g.padBegin(1),
                g.output(0),
                g.output(1));
    }

    /** @return the output shape with {@code outChannels} channels in the node's layout */
    Shape outputShape(int outChannels) {
        return layout == Layout.NHWC
                ? Shape.of(batch, outH, outW, outChannels)
                : Shape.of(batch, outChannels, outH, outW);
    }

    /** Row-major strides {n, c, y, x} of an activation tensor with {@code c} channels in the node's layout. */
    int[] activationStrides(int c, int h, int w) {
        return layout == Layout.NHWC ? new int[] {h * w * c, 1, w * c, c} : new int[] {c * h * w, h * w, w, 1};
    }
}
