package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.reference.linalg.Gemm;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The {@code tflite} numerics flavour of the float kernels that feed dynamic-range layers: bit for bit the loops of
 * TFLite 2.20's reference kernels, transcribed here in their own index order (NHWC, OHWI / 1HWO filters), one float
 * accumulator from zero, bias added after the sum. Each case also shows that the default (double) form differs in
 * some last bit on the same data, which is why the flavour has to reach these float nodes.
 */
class TfliteFloatOrderTest {

    private static Node.Builder tflite(String op) {
        return Node.builder(op).name(op.toLowerCase() + "_tflite").attr(NumericsFlavour.ATTRIBUTE, "tflite");
    }

    @Test
    void depthwiseConvolutionSumsAsTflitesDepthwiseConvFloat() {
        int h = 9, w = 8, c = 6, mult = 2, k = 3, stride = 2;
        Tensor x = scaled(random(1, 2, h, w, c));
        // Vela's depthwise form: W [C*mult, k, k, 1], group C (TFLite's filter is [1, k, k, C*mult])
        Tensor wt = scaled(random(2, c * mult, k, k, 1));
        Tensor b = random(3, c * mult);
        int outH = (h + stride - 1) / stride, outW = (w + stride - 1) / stride;
        int padH = Math.max((outH - 1) * stride + k - h, 0) / 2, padW = Math.max((outW - 1) * stride + k - w, 0) / 2;
        int[] pads = {
            padH, padW, Math.max((outH - 1) * stride + k - h, 0) - padH, Math.max((outW - 1) * stride + k - w, 0) - padW
        };
        Node.Builder n = tflite("Conv")
                .input(x.type())
                .input(wt.type())
                .input(b.type())
                .attr(Layout.ATTRIBUTE, "NHWC")
                .attr("group", (long) c)
                .attr("strides", stride, stride)
                .attr("pads", pads);
        Tensor y = run(new Conv(), n.build(), x, wt, b);
        float[] xv = x.toFloatArray(), wv = wt.toFloatArray(), bv = b.toFloatArray();
        float[] expected = new float[2 * outH * outW * c * mult];
        for (int batch = 0; batch < 2; batch++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int ic = 0; ic < c; ic++) {
                        for (int m = 0; m < mult; m++) {
                            int oc = m + ic * mult;
                            float total = 0f;
                            for (int fy = 0; fy < k; fy++) {
                                for (int fx = 0; fx < k; fx++) {
                                    int iy = oy * stride - padH + fy, ix = ox * stride - padW + fx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        total += xv[((batch * h + iy) * w + ix) * c + ic] * wv[(oc * k + fy) * k + fx];
                                    }
                                }
                            }
                            expected[((batch * outH + oy) * outW + ox) * c * mult + oc] = total + bv[oc];
                        }
                    }
                }
            }
        }
        assertThat(y.toFloatArray()).containsExactly(expected);
        Node plain = n.attr(NumericsFlavour.ATTRIBUTE, "tflm").build();
        assertThat(run(new Conv(), plain, x, wt, b).toFloatArray()).isNotEqualTo(expected);
    }

    @Test
    void convolutionSumsAsTflitesReferenceConv() {
        int h = 7, w = 6, c = 5, oc = 4, k = 3;
        Tensor x = scaled(random(4, 1, h, w, c));
        Tensor wt = scaled(random(5, oc, k, k, c));
        Tensor b = random(6, oc);
        Node.Builder n = tflite("Conv")
                .input(x.type())
                .input(wt.type())
                .input(b.type())
                .attr(Layout.ATTRIBUTE, "NHWC")
                .attr("pads", 1, 1, 1, 1);
        Tensor y = run(new Conv(), n.build(), x, wt, b);
        float[] xv = x.toFloatArray(), wv = wt.toFloatArray(), bv = b.toFloatArray();
        float[] expected = new float[h * w * oc];
        for (int oy = 0; oy < h; oy++) {
            for (int ox = 0; ox < w; ox++) {
                for (int o = 0; o < oc; o++) {
                    float total = 0f;
                    for (int fy = 0; fy < k; fy++) {
                        for (int fx = 0; fx < k; fx++) {
                            int iy = oy - 1 + fy, ix = ox - 1 + fx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            for (int ic = 0; ic < c; ic++) {
                                total += xv[(iy * w + ix) * c + ic] * wv[((o * k + fy) * k + fx) * c + ic];
                            }
                        }
                    }
                    expected[(oy * w + ox) * oc + o] = total + bv[o];
                }
            }
        }
        assertThat(y.toFloatArray()).containsExactly(expected);
        Node plain = n.attr(NumericsFlavour.ATTRIBUTE, "tflm").build();
        assertThat(run(new Conv(), plain, x, wt, b).toFloatArray()).isNotEqualTo(expected);
    }

    @Test
    void averagePoolDividesAFloatSumByAFloatCountAsTflitesPooling() {
        int h = 25, w = 5, c = 3;
        Tensor x = scaled(random(7, 1, h, w, c));
        Node.Builder n = tflite("AveragePool")
                .input(x.type())
                .attr(Layout.ATTRIBUTE, "NHWC")
                .attr("kernel_shape", h, w);
        Tensor y = run(new AveragePool(), n.build(), x);
        float[] xv = x.toFloatArray();
        float[] expected = new float[c];
        for (int ch = 0; ch < c; ch++) {
            float total = 0f;
            float count = 0;
            for (int fy = 0; fy < h; fy++) {
                for (int fx = 0; fx < w; fx++) {
                    total += xv[(fy * w + fx) * c + ch];
                    count++;
                }
            }
            expected[ch] = total / count;
        }
        assertThat(y.toFloatArray()).containsExactly(expected);
    }

    @Test
    void gemmSumsAsTflitesReferenceFullyConnected() {
        int batch = 3, depth = 300, units = 7;
        Tensor x = scaled(random(8, batch, depth));
        Tensor wt = scaled(random(9, units, depth));
        Tensor b = random(10, units);
        Node.Builder n =
                tflite("Gemm").input(x.type()).input(wt.type()).input(b.type()).attr("transB", 1L);
        Tensor y = run(new Gemm(), n.build(), x, wt, b);
        float[] xv = x.toFloatArray(), wv = wt.toFloatArray(), bv = b.toFloatArray();
        float[] expected = new float[batch * units];
        for (int i = 0; i < batch; i++) {
            for (int o = 0; o < units; o++) {
                float total = 0f;
                for (int d = 0; d < depth; d++) {
                    total += xv[i * depth + d] * wv[o * depth + d];
                }
                expected[i * units + o] = total + bv[o];
            }
        }
        assertThat(y.toFloatArray()).containsExactly(expected);
        Node plain = n.attr(NumericsFlavour.ATTRIBUTE, "tflm").build();
        assertThat(run(new Gemm(), plain, x, wt, b).toFloatArray()).isNotEqualTo(expected);
    }

    /** Values of differing magnitudes, so float and double sums part in the last bit. */
    private static Tensor scaled(Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= (float) Math.pow(10, (i % 5) - 2);
        }
        return Tensor.ofFloats(t.shape(), v);
    }
}
