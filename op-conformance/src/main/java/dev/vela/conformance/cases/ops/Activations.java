package dev.vela.conformance.cases.ops;

import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/** Layout-aware activation shapes for the nn generators: channels second (NCHW) or last (NHWC). */
final class Activations {

    private Activations() {}

    /**
     * @param layout NCHW or NHWC
     * @param batch N
     * @param channels C
     * @param spatial the spatial sizes
     * @return [N, C, spatial...] or [N, spatial..., C]
     */
    static Shape shape(Layout layout, int batch, int channels, int... spatial) {
        int[] dims = new int[2 + spatial.length];
        dims[0] = batch;
        if (layout == Layout.NHWC) {
            System.arraycopy(spatial, 0, dims, 1, spatial.length);
            dims[dims.length - 1] = channels;
        } else {
            dims[1] = channels;
            System.arraycopy(spatial, 0, dims, 2, spatial.length);
        }
        return Shape.of(dims);
    }

    /** Sets {@code data_format} for NHWC; NCHW nodes stay plain ONNX. */
    static Node.Builder layout(Node.Builder b, Layout layout) {
        return layout == Layout.NHWC ? b.attr("data_format", "NHWC") : b;
    }
}
