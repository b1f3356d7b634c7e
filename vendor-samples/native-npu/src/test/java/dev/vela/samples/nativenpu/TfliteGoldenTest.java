package dev.vela.samples.nativenpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * TFLite Micro's network_tester model (one int8 DEPTHWISE_CONV_2D) with the input and the output
 * TFLite's reference kernels produced for it: this provider must reproduce the golden bytes on
 * every dispatch path. Weights, quantization and options are read from the .tflite flatbuffer and
 * mapped onto a Conv node (group == C, TFLite's [1, kH, kW, C*mult] filter transposed to OHWI).
 * Skipped, with a message, when the external data folder ({@code vela.data}) is absent.
 */
class TfliteGoldenTest {

    private static final int BUILTIN_DEPTHWISE_CONV_2D = 4;

    @Test
    void depthwiseConvReproducesTheTfliteGolden() throws IOException {
        Path data = Path.of(System.getProperty("vela.data", "../../../shared/data"));
        Path model = data.resolve("tflite/tflite-micro/network_tester_dwconv_int8.tflite");
        assumeTrue(Files.isRegularFile(model), "external data not found at " + data + " (set -Dvela.data)");
        TfliteFlatbuffer fb = new TfliteFlatbuffer(Files.readAllBytes(model));
        byte[] input = npy(data.resolve("tflite/golden/network_tester_input.npy"));
        byte[] expected = npy(data.resolve("tflite/golden/network_tester_expected_output.npy"));

        int root = fb.root();
        int subgraph = fb.tableAt(fb.vectorField(root, 2), 0);
        int tensors = fb.vectorField(subgraph, 0);
        int buffers = fb.vectorField(root, 4);
        int op = fb.tableAt(fb.vectorField(subgraph, 3), 0);
        int opcode = fb.tableAt(fb.vectorField(root, 1), fb.intField(op, 0, 0));
        int builtin = Math.max(fb.byteField(opcode, 0, 0), fb.intField(opcode, 3, 0));
        assertThat(builtin).isEqualTo(BUILTIN_DEPTHWISE_CONV_2D);
        int[] io = fb.ints(fb.vectorField(op, 1));
        int[] outs = fb.ints(fb.vectorField(op, 2));
        int options = fb.tableField(op, 4);

        int xT = fb.tableAt(tensors, io[0]);
        int wT = fb.tableAt(tensors, io[1]);
        int yT = fb.tableAt(tensors, outs[0]);
        int[] xShape = fb.ints(fb.vectorField(xT, 0));
        int[] wShape = fb.ints(fb.vectorField(wT, 0));
        int[] yShape = fb.ints(fb.vectorField(yT, 0));
        int c = xShape[3];
        int kH = wShape[1];
        int kW = wShape[2];
        int m = wShape[3];
        byte[] wTfl = fb.bytes(fb.vectorField(fb.tableAt(buffers, fb.intField(wT, 2, 0)), 0));
        byte[] wOhwi = new byte[wTfl.length];
        for (int ky = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++) {
                for (int ch = 0; ch < m; ch++) {
                    wOhwi[(ch * kH + ky) * kW + kx] = wTfl[(ky * kW + kx) * m + ch];
                }
            }
        }
        float[] wScales = scales(fb, wT);
        Quantization wq = wScales.length > 1
                ? Quantization.perAxis(0, wScales, new long[wScales.length])
                : Quantization.perTensor(wScales[0], 0);
        Tensor w = Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(m, kH, kW, 1), wq), wOhwi);
        Quantization xq = Quantization.perTensor(scales(fb, xT)[0], zeroPoint(fb, xT));
        Tensor x = Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(xShape), xq), input);

        Node.Builder b = Node.builder("Conv")
                .name("network_tester_dwconv")
                .input(x.type())
                .constantInput(w);
        Tensor bias = null;
        if (io.length > 2 && io[2] >= 0) {
            int bT = fb.tableAt(tensors, io[2]);
            byte[] raw = fb.bytes(fb.vectorField(fb.tableAt(buffers, fb.intField(bT, 2, 0)), 0));
            int[] bv = new int[m];
            java.nio.ByteBuffer.wrap(raw)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .asIntBuffer()
                    .get(bv);
            bias = Tensor.ofInts(Shape.of(m), bv);
            b.constantInput(bias);
        }
        int padding = fb.byteField(options, 0, 0);
        b.attr("data_format", "NHWC")
                .attr("group", (long) c)
                .attr("strides", fb.intField(options, 2, 1), fb.intField(options, 1, 1))
                .attr("dilations", fb.intField(options, 6, 1), fb.intField(options, 5, 1))
                .attr("auto_pad", padding == 0 ? "SAME_UPPER" : "VALID")
                .attr("output_scale", scales(fb, yT)[0])
                .attr("output_zero_point", zeroPoint(fb, yT));
        switch (fb.byteField(options, 4, 0)) {
            case 1 -> b.attr("activation", "Relu");
            case 2 -> b.attr("activation", "Clip").attr("activation_params", -1f, 1f);
            case 3 -> b.attr("activation", "Clip").attr("activation_params", 0f, 6f);
            default -> {}
        }
        Node node = b.build();
        Tensor[] inputs = bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias};
        for (Isa isa : NpuTesting.paths()) {
            Tensor y = NpuTesting.run(NpuTesting.npu(isa, "Conv"), node, inputs);
            assertThat(y.shape().dims()).isEqualTo(yShape);
            assertThat(NpuTesting.bytes(y)).as("%s", isa).isEqualTo(expected);
        }
        assertThat(NpuTesting.bytes(NpuTesting.run(NpuTesting.reference("Conv"), node, inputs)))
                .isEqualTo(expected);
    }

    private static float[] scales(TfliteFlatbuffer fb, int tensor) {
        int q = fb.tableField(tensor, 4);
        int v = fb.vectorField(q, 2);
        float[] s = new float[fb.length(v)];
        for (int i = 0; i < s.length; i++) {
            s[i] = fb.floatAt(v, i);
        }
        return s;
    }

    private static long zeroPoint(TfliteFlatbuffer fb, int tensor) {
        int v = fb.vectorField(fb.tableField(tensor, 4), 3);
        return fb.length(v) == 0 ? 0 : fb.longAt(v, 0);
    }

    /** The raw data of a version 1 .npy file of one-byte elements. */
    private static byte[] npy(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int headerLength = (all[8] & 0xFF) | (all[9] & 0xFF) << 8;
        return Arrays.copyOfRange(all, 10 + headerLength, all.length);
    }
}
