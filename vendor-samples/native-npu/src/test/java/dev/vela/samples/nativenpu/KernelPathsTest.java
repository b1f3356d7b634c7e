package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.bytes;
import static dev.vela.samples.nativenpu.NpuTesting.int8;
import static dev.vela.samples.nativenpu.NpuTesting.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.reference.nn.Pad;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Shapes chosen to reach every branch of the tiled kernels, compared byte for byte with the
 * quantized reference on every dispatch path this CPU runs:
 *
 * <ul>
 *   <li>VNNI GEMM tiles: one or two rows over groups of eight or four 16-channel blocks (fully
 *       connected, GEMV), three or four rows over four blocks, pairs of blocks over eight rows and a
 *       last odd block over sixteen rows, each with every row remainder;
 *   <li>the VNNI direct convolution (channels a multiple of four): every register tile and last-tile
 *       size, the pixel strides with their own code and the general one, strides, pads and windows wider
 *       than the image;
 *   <li>the vectorized im2col: pointwise rows copied whole (channels a multiple of four or not),
 *       kernel rows inside the image, partly outside, dilated, above and below it, runs longer
 *       than one 64-byte vector;
 *   <li>the SIMD Add: long same-shape runs, a scalar or per-channel operand (innermost stride 0),
 *       outer broadcasts, lengths that leave every lane remainder;
 *   <li>constant Pad: merged unpadded dimensions, crops, axes, explicit and default fill, rank 1 to 6.
 * </ul>
 */
class KernelPathsTest {

    private final Random random = new Random(0xC0FFEEL);

    @Test
    void fullyConnectedCoversEveryTileShape() {
        int compared = 0;
        for (int rows : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 65, 70}) {
            for (int out : new int[] {8, 16, 17, 48, 64, 100, 128, 129, 144, 200, 256}) {
                int depth = new int[] {1, 3, 5, 64, 127, 640}[(rows + out) % 6];
                compared += compareGemm(rows, depth, out);
            }
        }
        assertThat(compared).isEqualTo(15 * 11);
    }

    @Test
    void largeGemvMatchesReference() {
        // ad01-sized layers: eight blocks per tile and K = 640 (160 VNNI steps)
        compareGemm(1, 640, 128);
        compareGemm(1, 128, 640);
        compareGemm(2, 640, 128);
        compareGemm(1, 128, 8);
        compareGemm(1, 8, 128);
    }

    @Test
    void convCoversEveryTileShapeAndIm2colBranch() {
        int compared = 0;
        // [h, w, c, m, k, stride, pad, dilation]
        int[][] layers = {
            {32, 32, 3, 16, 3, 1, 1, 1}, // ResNet stem: 3 channels, one block of 16, 16-row tiles
            {16, 16, 16, 16, 3, 1, 1, 1}, // 16-channel 3x3: kernel rows whole or cut by the border
            {9, 7, 16, 32, 3, 2, 1, 1}, // strided: pairs of blocks, 8-row tiles and remainders
            {8, 8, 24, 48, 3, 1, 2, 2}, // dilated: tap by tap
            {5, 5, 70, 20, 3, 1, 1, 1}, // kernel rows over 64 bytes, odd channels, two blocks (20 = 16 + 4)
            {7, 7, 64, 128, 1, 1, 0, 1}, // pointwise, channels a multiple of 4: one copy per panel
            {7, 5, 33, 65, 1, 1, 0, 1}, // pointwise, 33 channels: row by row, k_pad tail zeroed
            {2, 2, 64, 256, 1, 1, 0, 1}, // four pixels over four blocks
            {1, 3, 96, 128, 1, 1, 0, 1}, // three pixels over four blocks
            {3, 3, 8, 16, 5, 1, 2, 1}, // 5x5 window wider than the image
            {12, 11, 5, 17, 3, 2, 0, 1}, // VALID, stride 2, 17 channels: a second block of one
            {9, 9, 5, 16, 1, 2, 0, 1}, // 1x1 stride 2 over 5 channels: im2col (the direct conv needs 4k)
        };
        for (int[] l : layers) {
            compared += compareConv(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
        }
        assertThat(compared).isEqualTo(layers.length);
    }

    @Test
    void avx2GemmCoversTileRowsHalfBlocksAndIm2colRuns() {
        int compared = 0;
        // [h, w, c, m, k, stride, pad, dilation]: the AVX2 GEMM (npu_avx2_gemm.h) runs 4-row tiles and a
        // last tile of 1-3 rows, skips channels 8-15 of blocks with at most 8 real channels, widens whole
        // panels of 1x1 stride-1 layers and the in-image part of each kernel row (16 values per load,
        // the last values one at a time where a load would pass the input's end); windows over 1x1 run
        // the AVX2 direct conv (a padded int16 copy, channels padded to even counts)
        int[][] layers = {
            {7, 5, 8, 8, 1, 1, 0, 1}, // pointwise, one run per panel, m = 8: half block, 35 rows = 8 tiles + 3
            {9, 9, 8, 24, 1, 1, 0, 1}, // a full and a half block, 81 rows: panels of 64 and 17 (a tile of 1)
            {5, 3, 3, 40, 3, 1, 1, 1}, // RGB 3x3, k = 27 (odd, k_pad 28), two full blocks and a half one
            {6, 5, 7, 17, 3, 2, 1, 1}, // 7 channels at stride 2 (k = 63), 9 pixels = 2 tiles + 1, a block of 1
            {10, 10, 5, 9, 3, 1, 2, 2}, // dilation 2, pads 2: kernel rows tap by tap, a half block of 9
            {4, 4, 20, 16, 3, 1, 1, 1}, // kernel rows of 60 values: 16-value loads and a scalar tail
            {3, 9, 6, 8, 1, 1, 0, 1}, // pointwise over 6 channels (k_pad 8): through im2col, not one run
            {6, 6, 16, 33, 3, 1, 0, 1}, // VALID: every tap inside, 16 pixels = 4 tiles, three blocks
            // direct conv with at most 8 output channels: tiles of 8 pixels and a last one of 1-7
            {11, 7, 3, 8, 3, 2, 1, 1}, // RGB at stride 2 (6 x 4 = 3 tiles), rows of 7 = 4 shuffled pixels + 3
            {5, 5, 6, 5, 3, 1, 1, 1}, // 6 channels, 5 outputs: 25 pixels = 3 tiles + 1
            {7, 9, 3, 8, 5, 1, 2, 1}, // RGB 5x5: 63 pixels = 7 tiles + 7, pads of 2 on every side
        };
        for (int[] l : layers) {
            compared += compareConv(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
        }
        // one-pixel layers: the GEMV runs 1-4 blocks per pass (1 to 9 blocks, the last one partial)
        for (int out : new int[] {8, 16, 40, 64, 72, 100, 136}) {
            for (int depth : new int[] {1, 7, 33, 129}) {
                compared += compareGemm(1, depth, out);
            }
        }
        assertThat(compared).isEqualTo(layers.length + 7 * 4);
    }

    @Test
    void directConvCoversTilesRemaindersStridesAndPads() {
        int compared = 0;
        // [h, w, c, m, k, stride, pad, dilation]: channels a multiple of four (or one short of it),
        // a window over 1x1 or a stride over 1, so the VNNI path runs the direct convolution (no im2col);
        // widths leave every last-tile size,
        // channel counts every block mix
        int[][] layers = {
            {32, 32, 16, 16, 3, 1, 1, 1}, // ResNet-8 16 -> 16: one block, 16-pixel tiles, pixel stride 16 bytes
            {32, 32, 16, 32, 3, 2, 1, 1}, // stride 2, pixel stride 32 bytes, a pair of blocks on 8-pixel tiles
            {8, 8, 64, 64, 3, 1, 1, 1}, // pixel stride 64 bytes, two pairs of blocks
            {9, 9, 32, 64, 3, 2, 1, 1}, // stride 2 over 32 channels: pixel stride 64 bytes, rows of 5
            {6, 7, 128, 16, 3, 1, 1, 1}, // pixel stride 128 bytes, one block on a row of 7
            {13, 11, 20, 40, 3, 1, 1, 1}, // runtime pixel stride, a pair and an odd block, a row of 11
            // VALID, four channels, rows of 15: 8 + 7 on the pairs, one partial 16-pixel tile on the odd block
            {5, 17, 4, 48, 3, 1, 0, 1},
            {32, 32, 3, 16, 3, 1, 1, 1}, // ResNet-8's RGB stem: channels padded to four, pixel stride 4 bytes
            {5, 7, 3, 16, 3, 1, 1, 1}, // RGB rows of 7: four pixels by the vector copy, three by its tail
            {30, 30, 3, 32, 3, 2, 1, 1}, // MobileNetV2-like RGB stem at stride 2: rows of 15 = 8 + 7 on a block pair
            {11, 13, 3, 16, 3, 2, 1, 1}, // stride-2 RGB rows of 13 pixels (the copy's tail of one), an odd block
            {9, 9, 7, 16, 3, 2, 1, 1}, // seven channels padded to eight at stride 2
            {6, 9, 7, 33, 3, 1, 1, 1}, // seven channels padded to eight, three blocks
            {4, 30, 8, 16, 5, 1, 2, 1}, // 5x5 window, rows of 30: 16 + 14 (a 16-pixel last tile)
            {3, 3, 12, 80, 5, 1, 2, 1}, // window wider than the image, five blocks
            {7, 6, 24, 17, 3, 3, 2, 1}, // stride 3, pads 2: padded columns on both sides, 17 channels
            {1, 9, 8, 32, 3, 1, 1, 1}, // one row: rows above and below are all padding
            {32, 32, 16, 32, 1, 2, 0, 1}, // ResNet-8's 1x1 stride-2 shortcut: pixel stride 32 bytes
            {16, 16, 32, 64, 1, 2, 0, 1}, // its second shortcut: pixel stride 64 bytes, two pairs of blocks
            {9, 11, 12, 20, 1, 3, 0, 1}, // 1x1 stride 3: runtime pixel stride, a pair and an odd block
        };
        for (int[] l : layers) {
            compared += compareConv(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
        }
        assertThat(compared).isEqualTo(layers.length);
    }

    @Test
    void im2colShortKernelRowsCoverInteriorBordersAndTheImageEnd() {
        int compared = 0;
        // [h, w, c, m, kh, kw, stride, pad_t, pad_l, pad_b, pad_r]: kernel rows of at most 16 bytes take the
        // VNNI im2col's unmasked 16-byte copies where a pixel's taps are all inside the image and 16 bytes
        // remain in the input, the masked copies elsewhere (borders, the image's last pixels)
        int[][] layers = {
            {24, 24, 2, 8, 3, 3, 2, 0, 0, 1, 1
            }, // VWW-like stem over 2 channels, TFLite SAME (pads after only), 6-byte rows
            {49, 10, 1, 64, 10, 4, 2, 4, 1, 5, 1}, // KWS's stem: 10x4 over one channel, 4-byte rows
            {9, 7, 5, 16, 3, 3, 1, 1, 1, 1, 1}, // 15-byte rows, im2col (5 channels: no direct conv)
            {6, 6, 2, 8, 5, 5, 1, 2, 2, 2, 2}, // 10-byte rows, a window wider than most of the image
            {7, 7, 6, 16, 2, 2, 1, 0, 0, 0, 0}, // VALID 2x2, 12-byte rows: the last pixels read near the end
            {5, 9, 6, 24, 3, 3, 2, 1, 1, 1, 1}, // 18-byte rows: the masked copies only
        };
        for (int[] l : layers) {
            compared += compareConvWindow(l);
        }
        assertThat(compared).isEqualTo(layers.length);
    }

    @Test
    void eightChannelConvsRunTwoPixelsPerVector() {
        int compared = 0;
        // [h, w, c, m, kh, kw, stride, pad_t, pad_l, pad_b, pad_r], 8 output channels: the VNNI GEMM puts two
        // pixels in one vector (lanes 8-15 mirror channels 0-7). Pixel counts give whole 16-row tiles, tails of
        // 1-2 and 3-8 rows and an odd last pixel, over one and several 64-row im2col panels
        int[][] layers = {
            // (RGB stems run the direct conv: these take 5 and 6 channels to stay on im2col)
            {24, 24, 6, 8, 3, 3, 2, 0, 0, 1, 1}, // VWW-like stem, 144 pixels: panels of 64, 64, 16
            {13, 11, 5, 8, 3, 3, 2, 1, 1, 1, 1}, // 7 x 6 = 42 pixels: 16 + 16 + a tail of 10
            {9, 9, 16, 8, 1, 1, 1, 0, 0, 0, 0}, // pointwise, 81 pixels: a second panel of 17 = 16 + one odd pixel
            {5, 1, 12, 8, 1, 1, 1, 0, 0, 0, 0}, // 5 pixels: a tile of 4 pairs, the last pixel alone
            {1, 1, 128, 8, 1, 1, 1, 0, 0, 0, 0}, // one pixel: ad01's 128 -> 8 bottleneck as a 1x1 conv
            {2, 1, 40, 8, 1, 1, 1, 0, 0, 0, 0}, // two pixels, one pair
            {7, 7, 5, 8, 3, 3, 1, 1, 1, 1, 1}, // 5 channels: im2col (no direct conv), 49 pixels
            {24, 24, 3, 8, 3, 3, 2, 0, 0, 1, 1}, // VWW's RGB stem itself: the direct conv, TFLite SAME pads
        };
        for (int[] l : layers) {
            compared += compareConvWindow(l);
        }
        assertThat(compared).isEqualTo(layers.length);
    }

    private int compareConvWindow(int[] l) {
        int h = l[0], w = l[1], c = l[2], m = l[3], kh = l[4], kw = l[5], stride = l[6];
        Tensor x = int8(Shape.of(1, h, w, c), 0.03f, random.nextInt(256) - 128, randomBytes(random, h * w * c));
        float[] sw = new float[m];
        for (int i = 0; i < m; i++) {
            sw[i] = 0.001f + 0.01f * random.nextFloat();
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(m, kh, kw, c), Quantization.perAxis(0, sw, new long[m])),
                randomBytes(random, m * kh * kw * c));
        Tensor bias = Tensor.ofInts(Shape.of(m), randomInts(m, 1 << 14));
        Node node = Node.builder("Conv")
                .name("conv")
                .input(x.type())
                .constantInput(wt)
                .constantInput(bias)
                .attr("data_format", "NHWC")
                .attr("strides", stride, stride)
                .attr("pads", l[7], l[8], l[9], l[10])
                .attr("output_scale", 0.2f)
                .attr("output_zero_point", -9L)
                .attr("activation", "Relu")
                .build();
        return compare("Conv", node, x, wt, bias);
    }

    @Test
    void depthwiseCoversPaddedCopySharedColumnsAndLeftShifts() {
        int compared = 0;
        // [h, w, c, stride, pad_t, pad_l, pad_b, pad_r]: 3x3 depthwise, multiplier 1. Border-heavy outputs run
        // over a padded copy (rows of six, then five to one pixels), larger ones in place (six and four
        // interior pixels sharing input columns); channel counts give 32- and 16-channel tiles and a masked tail
        int[][] layers = {
            {25, 5, 64, 1, 1, 1, 1, 1}, // KWS: padded, rows of 5
            {24, 24, 32, 1, 1, 1, 1, 1}, // VWW: padded, rows of 6 x 4
            {48, 48, 16, 2, 0, 0, 1, 1}, // VWW stride 2, TFLite SAME (pads after only): padded, 16 channels
            {14, 14, 40, 1, 1, 1, 1, 1}, // padded, 32 + a masked 8, rows of 6 + 6 + 2
            {9, 11, 24, 2, 1, 1, 1, 1}, // padded stride 2, rows of 6 (no 5), 16 + masked 8
            {7, 13, 48, 1, 0, 0, 0, 0}, // VALID: padded with nothing, rows of 11 = 6 + 5
            {40, 40, 16, 1, 1, 1, 1, 1}, // in place: eight-, six- and four-pixel interior groups, one block
            {64, 64, 48, 2, 0, 0, 1, 1}, // in place stride 2: 48 channels = 32 + 16 on four-pixel groups
            {30, 30, 20, 1, 1, 1, 1, 1}, // in place with a masked tail of 4 channels in every group
            {37, 37, 20, 1, 1, 1, 1, 1}, // rows of 37 (32 and more): eight-pixel groups, 16 + a masked 4
            {70, 66, 24, 2, 0, 0, 1, 1}, // stride 2, rows of 33: eight-pixel groups over 16 + a masked 8
            {48, 48, 8, 1, 1, 1, 1, 1}, // VWW's 8-channel layer: in place, two pixels per vector (six-pixel groups)
            {50, 31, 8, 1, 1, 1, 1, 1}, // in place, 8 channels: rows of 29 interior pixels = 4 x 6 + 4 + 1
            {12, 12, 8, 2, 0, 0, 1, 1}, // padded stride 2, nothing but a masked block
        };
        for (int[] l : layers) {
            compared += compareDepthwise(l, 0.2f);
        }
        // an output scale below the input's times the weights': multipliers above one, a left shift per channel
        compared += compareDepthwise(new int[] {25, 5, 64, 1, 1, 1, 1, 1}, 0.00002f);
        compared += compareDepthwise(new int[] {40, 40, 16, 1, 1, 1, 1, 1}, 0.00002f);
        compared += compareDepthwise(new int[] {50, 31, 8, 1, 1, 1, 1, 1}, 0.00002f);
        assertThat(compared).isEqualTo(layers.length + 3);
    }

    private int compareDepthwise(int[] l, float outputScale) {
        int h = l[0], w = l[1], c = l[2], stride = l[3];
        Tensor x = int8(Shape.of(1, h, w, c), 0.03f, random.nextInt(256) - 128, randomBytes(random, h * w * c));
        float[] sw = new float[c];
        for (int i = 0; i < c; i++) {
            sw[i] = 0.001f + 0.01f * random.nextFloat();
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(c, 3, 3, 1), Quantization.perAxis(0, sw, new long[c])),
                randomBytes(random, c * 9));
        Tensor bias = Tensor.ofInts(Shape.of(c), randomInts(c, 1 << 14));
        Node node = Node.builder("Conv")
                .name("dw")
                .input(x.type())
                .constantInput(wt)
                .constantInput(bias)
                .attr("data_format", "NHWC")
                .attr("group", (long) c)
                .attr("strides", stride, stride)
                .attr("pads", l[4], l[5], l[6], l[7])
                .attr("output_scale", outputScale)
                .attr("output_zero_point", 3L)
                .attr("activation", "Clip")
                .attr("activation_params", -2f, 6f)
                .build();
        return compare("Conv", node, x, wt, bias);
    }

    @Test
    void requantizationShortcutsHoldAtTheirLimits() {
        // The VNNI tiles that requantize through RequantBlock512 (GEMM tiles of three rows or more, the direct
        // conv, the 3-wide depthwise) fold the output zero point into the rounding constant only when every
        // right shift is at most 22, and take the rounding's negative correction on the product's sign (P < 0
        // for TFLite's P < -2^30: equal on [-2^30, 0), see Requant). [h, w, c, m, k, stride, depthwise]: a
        // pointwise GEMM (8-row pairs of blocks, a 16-row odd block), a direct 3x3, a depthwise 3x3 in place
        // and one over its padded copy.
        int[][] layers = {
            {9, 9, 16, 48, 1, 1, 0}, {10, 10, 16, 32, 3, 1, 0}, {40, 40, 16, 16, 3, 1, 1}, {14, 14, 40, 40, 3, 1, 1},
        };
        int compared = 0;
        for (int[] l : layers) {
            // power-of-two scales: every multiplier exactly 2^30 (right shifts 0-3); inputs at the zero point
            // but one in 64 and biases in [-3, 3], so accumulators of -1 (P = -2^30, a high part of 0) and
            // other small ones are common
            compared += compareRequant(l, 0.5f, j -> 1f / (1 << (j % 4)), 1f, 3, 64);
            // tiny multipliers (right shifts 28-29) with biases up to 2^30 and a zero point of -100: folded,
            // -100 * 2^60 would leave int64
            compared += compareRequant(l, 1f, j -> 1f + (j % 7) / 7f, 0x1p30f / 1.5f, 1 << 30, 1);
        }
        assertThat(compared).isEqualTo(2 * layers.length);
    }

    private int compareRequant(
            int[] l,
            float inputScale,
            java.util.function.IntFunction<Float> weightScale,
            float outputScale,
            int biasBound,
            int oneInInputsOff) {
        int h = l[0], w = l[1], c = l[2], m = l[3], k = l[4], stride = l[5];
        boolean depthwise = l[6] != 0;
        int zx = random.nextInt(256) - 128;
        byte[] xs = randomBytes(random, h * w * c);
        for (int i = 0; i < xs.length; i++) {
            if (random.nextInt(oneInInputsOff) != 0) {
                xs[i] = (byte) zx;
            }
        }
        Tensor x = int8(Shape.of(1, h, w, c), inputScale, zx, xs);
        float[] sw = new float[m];
        for (int i = 0; i < m; i++) {
            sw[i] = weightScale.apply(i);
        }
        int depth = depthwise ? 1 : c;
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(m, k, k, depth), Quantization.perAxis(0, sw, new long[m])),
                randomBytes(random, m * k * k * depth));
        int[] biases = new int[m];
        for (int i = 0; i < m; i++) {
            biases[i] = biasBound <= 3 ? random.nextInt(7) - 3 : (int) (random.nextLong(2L * biasBound) - biasBound);
        }
        Tensor bias = Tensor.ofInts(Shape.of(m), biases);
        Node.Builder b = Node.builder("Conv")
                .name(depthwise ? "dw" : "conv")
                .input(x.type())
                .constantInput(wt)
                .constantInput(bias)
                .attr("data_format", "NHWC")
                .attr("strides", stride, stride)
                .attr("pads", k / 2, k / 2, k / 2, k / 2)
                .attr("output_scale", outputScale)
                .attr("output_zero_point", -100L);
        if (depthwise) {
            b.attr("group", (long) c);
        }
        return compare("Conv", b.build(), x, wt, bias);
    }

    @Test
    void addCoversVectorRowsAndBroadcasts() {
        int compared = 0;
        int[][][] shapes = {
            {{1, 32, 32, 16}, {1, 32, 32, 16}}, // ResNet residual: one run of 16384
            {{1, 7, 7, 33}, {1, 7, 7, 33}}, // 1617 = 101 vectors of 16 + 1
            {{3, 5, 17}, {17}}, // per-channel operand, 17 lanes (16 + 1, 8 + 8 + 1)
            {{3, 5, 17}, {1}}, // scalar operand
            {{1}, {2, 3, 31}}, // scalar first operand
            {{4, 1, 9}, {4, 6, 1}}, // both broadcast: innermost strides 1 and 0
            {{2, 3, 1, 5}, {1, 3, 7, 5}}, // outer broadcasts, short runs of 5
            {{15}, {15}}, // a single partial vector
        };
        for (int[][] s : shapes) {
            compared += compareAdd(Shape.of(s[0]), Shape.of(s[1]));
        }
        assertThat(compared).isEqualTo(shapes.length);
    }

    @Test
    void addRescalesEveryInputValueLikeTheReferenceAcrossScalesAndZeroPoints() {
        // Every int8 value on both inputs (a 256 x 256 grid), no activation, so that an input rescale
        // off by one in its rounding (a negative value on a half-way remainder, which only some
        // multipliers produce) reaches the output instead of being hidden by a clamp. Scales are drawn
        // log-uniformly over 2^-10 .. 2^0 (input right shifts 0 to about 10, output shifts 0 to about
        // 20), zero points over the whole int8 range; the first draws are fixed edge cases.
        Shape shape = Shape.of(1, 256, 256, 1);
        byte[] gridA = new byte[256 * 256];
        byte[] gridB = new byte[256 * 256];
        for (int i = 0; i < gridA.length; i++) {
            gridA[i] = (byte) (i >> 8);
            gridB[i] = (byte) i;
        }
        float[][] fixed = {
            {0.04f, 0.11f, 0.09f}, // input shifts 2 and 0 (the larger input's multiplier is 1/2)
            {0.5f, 0.0039f, 0.0051f}, // input shifts 0 and 7
            {0.3f, 0.3f, 0.0012f}, // equal scales, output scale far below both
        };
        int draws = 400;
        for (int d = 0; d < draws; d++) {
            float[] sc =
                    d < fixed.length ? fixed[d] : new float[] {logUniformScale(), logUniformScale(), logUniformScale()};
            Tensor a = int8(shape, sc[0], random.nextInt(256) - 128, gridA);
            Tensor b = int8(shape, sc[1], random.nextInt(256) - 128, gridB);
            Node node = Node.builder("Add")
                    .name("add")
                    .input(a.type())
                    .input(b.type())
                    .attr("output_scale", sc[2])
                    .attr("output_zero_point", (long) (random.nextInt(256) - 128))
                    .build();
            compare("Add", node, a, b);
        }
    }

    @Test
    void addLinearFormClampsEveryInputPairToTheActivationRange() {
        // The Add's linear form packs four 16-lane (AVX-512) or 8-lane (AVX2) results per 64- or 32-element
        // block and clamps the bytes; over the whole 256 x 256 grid (blocks with a lane near a rounding
        // boundary among them, which take the exact form) with a Clip activation inside int8 (so the clamp
        // bites on both sides) and with Relu, each against the reference on every path.
        Shape shape = Shape.of(1, 256, 256, 1);
        byte[] gridA = new byte[256 * 256];
        byte[] gridB = new byte[256 * 256];
        for (int i = 0; i < gridA.length; i++) {
            gridA[i] = (byte) (i >> 8);
            gridB[i] = (byte) i;
        }
        for (int d = 0; d < 60; d++) {
            float outScale = logUniformScale();
            Tensor a = int8(shape, logUniformScale(), random.nextInt(256) - 128, gridA);
            Tensor b = int8(shape, logUniformScale(), random.nextInt(256) - 128, gridB);
            Node.Builder node = addNode(a, b, outScale);
            if (d % 2 == 0) {
                node.attr("activation", "Relu");
            } else {
                float lo = -outScale * (1 + random.nextInt(60));
                node.attr("activation", "Clip")
                        .attr("activation_params", lo, lo + outScale * (2 + random.nextInt(100)));
            }
            compare("Add", node.build(), a, b);
        }
    }

    @Test
    void addLinearFormCoversBroadcastsTailsAndClampsOnRandomScales() {
        // The AVX2 linear form runs 32-element blocks while both inputs walk the run and 8 lanes otherwise
        // (tails, a broadcast input, lanes past the run's end zero); the AVX-512 one 64-element blocks and 16
        // lanes. Random scales (most draws give a plan with the linear form, the others the exact form),
        // without, with Relu, with a Clip activation (whose upper bound sometimes quantizes below -128: an
        // empty range, the int8 cast of act_max) and with one whose lower bound quantizes above 127 (an empty
        // range, where a byte clamp must not wrap), against the reference on every path.
        int[][][] shapes = {
            {{3, 5, 67}, {67}}, // per-channel operand: both walk runs of 67 = 2 blocks of 32 + 3 (64 + 3)
            {{3, 5, 67}, {1}}, // scalar operand: 8-lane steps with a broadcast input
            {{1}, {2, 3, 45}}, // scalar first operand, 45 = 5 x 8 + 5
            {{4, 1, 41}, {4, 6, 1}}, // innermost strides 1 and 0
            {{1, 1, 1059}, {1, 1, 1059}}, // 33 blocks of 32 + 3 (16 of 64 + 35)
            {{7}, {7}}, // a single partial vector
        };
        int compared = 0;
        for (int d = 0; d < 24; d++) {
            for (int[][] sh : shapes) {
                Shape sa = Shape.of(sh[0]), sb = Shape.of(sh[1]);
                float outScale = logUniformScale();
                Tensor a =
                        int8(sa, logUniformScale(), random.nextInt(256) - 128, randomBytes(random, sa.elementCount()));
                Tensor b =
                        int8(sb, logUniformScale(), random.nextInt(256) - 128, randomBytes(random, sb.elementCount()));
                Node.Builder node = addNode(a, b, outScale);
                if (d % 4 == 1) {
                    node.attr("activation", "Relu");
                } else if (d % 4 == 3) {
                    // an empty quantized range: the lower bound above 127 (the output is the upper bound, 127)
                    node.attr("activation", "Clip").attr("activation_params", 300 * outScale, 400 * outScale);
                } else if (d % 4 == 2) {
                    float lo = -outScale * (1 + random.nextInt(60));
                    node.attr("activation", "Clip")
                            .attr("activation_params", lo, lo + outScale * (2 + random.nextInt(100)));
                }
                compared += compare("Add", node.build(), a, b);
            }
        }
        assertThat(compared).isEqualTo(24 * shapes.length);
    }

    @Test
    void emptyActivationRangesGiveTheCastUpperBoundOnEveryKernel() {
        // A Clip whose bounds quantize above 127 (output 127) or below -128 (output (int8) max, which wraps:
        // with scale 0.2 and zero point -9 the bound -60 quantizes to -309, stored as -53): TFLite clamps to
        // the empty range and casts; every path, vector clamps and byte clamps alike, must give those bytes.
        float[][] clips = {{300 * 0.2f, 400 * 0.2f}, {-80f, -60f}};
        int compared = 0;
        for (float[] clip : clips) {
            // [h, w, c, m, k, stride]: GEMM (1x1), direct 3x3, RGB stem
            for (int[] l : new int[][] {{5, 7, 16, 24, 1, 1}, {9, 9, 16, 16, 3, 1}, {11, 9, 3, 8, 3, 2}}) {
                Tensor[] inputs = convInputs(l[0], l[1], l[2], l[3], l[4]);
                Node conv = withClip(convNode(inputs, l[5], l[4] / 2, 1), clip).build();
                compared += compare("Conv", conv, inputs);
            }
            Tensor pooled = int8(Shape.of(1, 6, 6, 24), 0.2f, -9, randomBytes(random, 6 * 6 * 24));
            Node.Builder pool = Node.builder("AveragePool")
                    .name("pool")
                    .input(pooled.type())
                    .attr("data_format", "NHWC")
                    .attr("kernel_shape", 3, 3)
                    .attr("strides", 1, 1)
                    .attr("pads", 1, 1, 1, 1);
            compared += compare("AveragePool", withClip(pool, clip).build(), pooled);
        }
        assertThat(compared).isEqualTo(clips.length * 4);
    }

    private static Node.Builder withClip(Node.Builder node, float[] clip) {
        return node.attr("activation", "Clip").attr("activation_params", clip[0], clip[1]);
    }

    /** An Add of a and b with the given output scale and a random output zero point in [-100, 100). */
    private Node.Builder addNode(Tensor a, Tensor b, float outScale) {
        return Node.builder("Add")
                .name("add")
                .input(a.type())
                .input(b.type())
                .attr("output_scale", outScale)
                .attr("output_zero_point", (long) (random.nextInt(200) - 100));
    }

    private float logUniformScale() {
        return (float) Math.pow(2, -10 * random.nextDouble());
    }

    @Test
    void padMatchesReferenceOnRowsCropsAxesAndFill() {
        int compared = 0;
        Tensor x = int8(Shape.of(1, 112, 112, 16), 0.02f, -128, randomBytes(random, 112 * 112 * 16));
        // MobileNetV2's PAD before a stride-2 depthwise: H and W by (0, 1), fill = zero point
        compared += comparePad(x, new long[] {0, 0, 0, 0, 0, 1, 1, 0}, null, (byte) -128);
        Tensor small = int8(Shape.of(2, 3, 5, 7), 0.5f, 3, randomBytes(random, 2 * 3 * 5 * 7));
        compared += comparePad(small, new long[] {1, 0, 2, 3, 0, 2, 1, 1}, null, null); // every axis, default fill
        compared += comparePad(small, new long[] {0, -1, 2, -3, 1, 0, -2, 2}, null, (byte) 77); // crops and pads
        compared += comparePad(small, new long[] {0, 0, 0, -7, 0, 0, 0, 0}, null, (byte) 5); // innermost cropped away
        compared += comparePad(small, new long[] {2, 1, 3, -1}, new long[] {-1, 1}, (byte) -9); // axes [-1, 1]
        Tensor vector = int8(Shape.of(5), 1f, 0, 1, 2, 3, 4, 5);
        compared += comparePad(vector, new long[] {3, 0}, null, (byte) 9);
        compared += comparePad(vector, new long[] {-2, -3}, null, null); // cropped to nothing
        Tensor rank6 = int8(Shape.of(2, 1, 3, 1, 2, 3), 0.1f, 0, randomBytes(random, 36));
        compared += comparePad(rank6, new long[] {0, 1, 0, 2, 0, 1, 1, 0, 1, 0, 0, 2}, null, (byte) 1);
        assertThat(compared).isEqualTo(8);
    }

    private int comparePad(Tensor x, long[] pads, long[] axes, Byte fill) {
        Tensor padsT = Tensor.ofLongs(Shape.of(pads.length), pads);
        Node.Builder b = Node.builder("Pad")
                .name("pad")
                .input(x.type())
                .constantInput(padsT)
                .attr("mode", "constant");
        List<Tensor> inputs = new ArrayList<>(List.of(x, padsT));
        if (fill != null || axes != null) {
            if (fill != null) {
                Tensor v = Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), fill);
                b.constantInput(v);
                inputs.add(v);
            } else {
                b.absentInput();
                inputs.add(null);
            }
        }
        if (axes != null) {
            Tensor a = Tensor.ofLongs(Shape.of(axes.length), axes);
            b.constantInput(a);
            inputs.add(a);
        }
        return compare("Pad", b.build(), inputs.toArray(new Tensor[0]));
    }

    private int compareGemm(int rows, int depth, int out) {
        float sx = 0.02f + 0.05f * random.nextFloat();
        long zx = random.nextInt(256) - 128;
        Tensor a = int8(Shape.of(rows, depth), sx, zx, randomBytes(random, rows * depth));
        float[] sw = new float[out];
        for (int i = 0; i < out; i++) {
            sw[i] = 0.001f + 0.01f * random.nextFloat();
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(out, depth), Quantization.perAxis(0, sw, new long[out])),
                randomBytes(random, out * depth));
        Tensor bias = Tensor.ofInts(Shape.of(out), randomInts(out, 1 << 12));
        Node node = Node.builder("Gemm")
                .name("fc")
                .input(a.type())
                .constantInput(wt)
                .constantInput(bias)
                .attr("transB", 1L)
                .attr("output_scale", 0.05f + 0.3f * random.nextFloat())
                .attr("output_zero_point", (long) random.nextInt(256) - 128)
                .build();
        return compare("Gemm", node, a, wt, bias);
    }

    private int compareConv(int h, int w, int c, int m, int k, int stride, int pad, int dilation) {
        Tensor[] inputs = convInputs(h, w, c, m, k);
        Node node = convNode(inputs, stride, pad, dilation)
                .attr("activation", "Relu")
                .build();
        return compare("Conv", node, inputs);
    }

    /** A random NHWC image (scale 0.03), per-channel int8 weights [m, k, k, c] and int32 biases. */
    private Tensor[] convInputs(int h, int w, int c, int m, int k) {
        Tensor x = int8(Shape.of(1, h, w, c), 0.03f, random.nextInt(256) - 128, randomBytes(random, h * w * c));
        float[] sw = new float[m];
        for (int i = 0; i < m; i++) {
            sw[i] = 0.001f + 0.01f * random.nextFloat();
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(m, k, k, c), Quantization.perAxis(0, sw, new long[m])),
                randomBytes(random, m * k * k * c));
        Tensor bias = Tensor.ofInts(Shape.of(m), randomInts(m, 1 << 14));
        return new Tensor[] {x, wt, bias};
    }

    /** An NHWC Conv over {@link #convInputs}' tensors with output scale 0.2 and zero point -9, no activation yet. */
    private static Node.Builder convNode(Tensor[] inputs, int stride, int pad, int dilation) {
        return Node.builder("Conv")
                .name("conv")
                .input(inputs[0].type())
                .constantInput(inputs[1])
                .constantInput(inputs[2])
                .attr("data_format", "NHWC")
                .attr("strides", stride, stride)
                .attr("dilations", dilation, dilation)
                .attr("pads", pad, pad, pad, pad)
                .attr("output_scale", 0.2f)
                .attr("output_zero_point", -9L);
    }

    private int compareAdd(Shape sa, Shape sb) {
        Tensor a = int8(sa, 0.04f, random.nextInt(256) - 128, randomBytes(random, sa.elementCount()));
        Tensor b = int8(sb, 0.11f, random.nextInt(256) - 128, randomBytes(random, sb.elementCount()));
        Node node = Node.builder("Add")
                .name("add")
                .input(a.type())
                .input(b.type())
                .attr("output_scale", 0.09f)
                .attr("output_zero_point", 5L)
                .attr("activation", "Clip")
                .attr("activation_params", -3f, 4f)
                .build();
        return compare("Add", node, a, b);
    }

    private int[] randomInts(int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(2 * bound) - bound;
        }
        return v;
    }

    /** @return 1 after every path gave the reference's bytes */
    private static int compare(String op, Node node, Tensor... inputs) {
        // Pad is a data-movement kernel of the reference (dev.vela.reference.nn), not a quantized one
        KernelFactory reference = op.equals("Pad") ? new Pad() : NpuTesting.reference(op);
        byte[] expected = bytes(NpuTesting.run(reference, node, inputs));
        for (Isa isa : NpuTesting.paths()) {
            byte[] actual = bytes(NpuTesting.run(NpuTesting.npu(isa, op), node, inputs));
            assertThat(Arrays.mismatch(actual, expected))
                    .as("%s on %s: first difference", node.attributes(), isa)
                    .isEqualTo(-1);
        }
        return 1;
    }
}
