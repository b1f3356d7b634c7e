package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlexBuffersBuilder;
import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfliteImporterTest {

    private static final String FILE = "m.tflite";
    private static final TestModelBuilder.Quant Q_IN =
            new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-2}, 0);

    private static TestModelBuilder.TableWriter options(
            int fields, java.util.function.Consumer<com.google.flatbuffers.FlatBufferBuilder> body) {
        return fb -> {
            fb.startTable(fields);
            body.accept(fb);
            return fb.endTable();
        };
    }

    @Test
    void convKeepsNhwcAndOhwiWeightsWithPaddingStridesDilationsGroupAndActivation() {
        TestModelBuilder b = new TestModelBuilder();
        int conv = b.builtin(BuiltinOperators.CONV_2D, 1);
        int wData = b.buffer(TestModelBuilder.float32(new float[4 * 3 * 3 * 2]));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 8, 8, 4);
        int w = g.tensor("w", FLOAT32, new int[] {4, 3, 3, 2}, wData, null);
        int y = g.tensor("y", FLOAT32, 1, 4, 4, 4);
        g.op(conv, new int[] {x, w, -1}, new int[] {y}, OptionsDecoder.CONV_2D_OPTIONS, options(6, fb -> {
                    fb.addInt(1, 2, 0);
                    fb.addInt(2, 2, 0);
                    fb.addByte(3, (byte) 3, 0);
                    fb.addInt(4, 2, 1);
                }))
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        List<GraphNode> nodes = imported.graph().nodes();
        assertThat(nodes).extracting(m -> m.op().toString()).containsExactly("Conv", "Clip");
        GraphNode n = nodes.get(0);
        assertThat(n.name()).isEqualTo("CONV_2D_0");
        assertThat(n.inputs()).containsExactly("x", "w"); // the omitted bias is trimmed
        // the float conv writes a temporary; its fused RELU6 is a Clip node of its own, exact for float
        GraphNode clip = nodes.get(1);
        assertThat(n.outputs()).containsExactly(clip.inputs().get(0));
        assertThat(clip.outputs()).containsExactly("y");
        assertThat(imported.graph().initializers().get(clip.inputs().get(1)).toFloatArray())
                .containsExactly(0f);
        assertThat(imported.graph().initializers().get(clip.inputs().get(2)).toFloatArray())
                .containsExactly(6f);
        assertThat(n.attributes().has("activation")).isFalse();
        assertThat(n.attributes().getString("data_format")).isEqualTo("NHWC");
        assertThat(n.attributes().getString("auto_pad")).isEqualTo("SAME_UPPER");
        assertThat(n.attributes().getInts("kernel_shape")).containsExactly(3, 3);
        assertThat(n.attributes().getInts("strides")).containsExactly(2, 2);
        assertThat(n.attributes().getInts("dilations")).containsExactly(1, 2); // [h, w]
        assertThat(n.attributes().getLong("group")).isEqualTo(2);
        assertThat(imported.graph().initializers().get("w").shape()).isEqualTo(Shape.of(4, 3, 3, 2));
        assertThat(imported.graph().inputs()).extracting(v -> v.name()).containsExactly("x");
    }

    @Test
    void depthwiseBecomesGroupedConvWithTransposedPerChannelWeights() {
        TestModelBuilder b = new TestModelBuilder();
        int dw = b.builtin(BuiltinOperators.DEPTHWISE_CONV_2D, 3);
        // [1, kH=1, kW=2, C*m=4] with C=2, m=2: value = 10*tap + channel
        int wData = b.buffer(TestModelBuilder.int8(0, 1, 2, 3, 10, 11, 12, 13));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", INT8, new int[] {1, 3, 3, 2}, 0, Q_IN);
        int w = g.tensor(
                "w",
                INT8,
                new int[] {1, 1, 2, 4},
                wData,
                new TestModelBuilder.Quant(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new long[] {0, 0, 0, 0}, 3));
        int y = g.tensor("y", INT8, new int[] {1, 3, 2, 4}, 0, Q_IN);
        g.op(dw, new int[] {x, w, -1}, new int[] {y}, OptionsDecoder.DEPTHWISE_CONV_2D_OPTIONS, options(7, fb -> {
                    fb.addByte(0, (byte) 1, 0);
                    fb.addInt(1, 1, 0);
                    fb.addInt(2, 1, 0);
                    fb.addInt(3, 2, 0);
                }))
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        GraphNode n = only(imported);
        assertThat(n.op().toString()).isEqualTo("Conv");
        assertThat(n.attributes().getLong("group")).isEqualTo(2);
        assertThat(n.attributes().getString("auto_pad")).isEqualTo("VALID");
        assertThat(n.attributes().getInts("kernel_shape")).containsExactly(1, 2);
        assertThat(n.inputs().get(1)).isEqualTo("w_ohwi");
        Tensor weights = imported.graph().initializers().get("w_ohwi");
        assertThat(weights.shape()).isEqualTo(Shape.of(4, 1, 2, 1));
        assertThat(weights.toByteArray()).containsExactly(0, 10, 1, 11, 2, 12, 3, 13);
        Quantization q = weights.type().quantization().orElseThrow();
        assertThat(q.axis()).isZero();
        assertThat(q.scales()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(imported.graph().initializers()).doesNotContainKey("w");
        assertThat(imported.valueTypes().get("x").quantization()).contains(Quantization.perTensor(0.5f, -2));
    }

    @Test
    void fullyConnectedFlattensAndRestoresKeptDims() {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 5);
        int wData = b.buffer(TestModelBuilder.float32(new float[3 * 4]));
        int bData = b.buffer(TestModelBuilder.float32(1, 2, 3));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2, 5, 4);
        int w = g.tensor("w", FLOAT32, new int[] {3, 4}, wData, null);
        int bias = g.tensor("b", FLOAT32, new int[] {3}, bData, null);
        int y = g.tensor("y", FLOAT32, 2, 5, 3);
        g.op(fc, new int[] {x, w, bias}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, options(5, fb -> {
                    fb.addByte(0, (byte) 1, 0);
                    fb.addBoolean(2, true, false);
                }))
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        List<GraphNode> nodes = imported.graph().nodes();
        // the fused RELU of a float layer follows as a node of its own
        assertThat(nodes).extracting(n -> n.op().toString()).containsExactly("Reshape", "Gemm", "Reshape", "Relu");
        assertThat(nodes.get(3).inputs()).containsExactly(nodes.get(2).outputs().get(0));
        assertThat(nodes.get(3).outputs()).containsExactly("y");
        GraphNode flatten = nodes.get(0);
        assertThat(imported.graph().initializers().get(flatten.inputs().get(1)).toLongArray())
                .containsExactly(10, 4);
        GraphNode gemm = nodes.get(1);
        assertThat(gemm.inputs()).containsExactly(flatten.outputs().get(0), "w", "b");
        assertThat(gemm.attributes().getLong("transB")).isEqualTo(1);
        assertThat(gemm.attributes().has("activation")).isFalse();
        assertThat(imported.valueTypes().get(gemm.outputs().get(0)).shape()).isEqualTo(Shape.of(10, 3));
        GraphNode restore = nodes.get(2);
        assertThat(imported.graph().initializers().get(restore.inputs().get(1)).toLongArray())
                .containsExactly(2, 5, 3);
        assertThat(restore.outputs()).containsExactly(nodes.get(3).inputs().get(0));
    }

    @Test
    void fullyConnectedOnAMatrixNeedsNoReshape() {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 1);
        int wData = b.buffer(TestModelBuilder.float32(new float[6]));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 2);
        int w = g.tensor("w", FLOAT32, new int[] {3, 2}, wData, null);
        int y = g.tensor("y", FLOAT32, 1, 3);
        g.op(fc, new int[] {x, w, -1}, new int[] {y}).io(new int[] {x}, new int[] {y});
        GraphNode n = only(TfliteImporter.importBytes(FILE, b.build()));
        assertThat(n.op().toString()).isEqualTo("Gemm");
        assertThat(n.inputs()).containsExactly("x", "w");
        assertThat(n.attributes().has("activation")).isFalse();
    }

    @Test
    void padReordersPaddingsAndPadsQuantizedTensorsWithTheirZeroPoint() {
        TestModelBuilder b = new TestModelBuilder();
        int pad = b.builtin(BuiltinOperators.PAD, 2);
        int pData = b.buffer(TestModelBuilder.int32(0, 0, 1, 2, 3, 4, 0, 0));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", INT8, new int[] {1, 2, 2, 1}, 0, Q_IN);
        int p = g.tensor("p", INT32, new int[] {4, 2}, pData, null);
        int y = g.tensor("y", INT8, new int[] {1, 5, 9, 1}, 0, Q_IN);
        g.op(pad, new int[] {x, p}, new int[] {y}).io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        GraphNode n = only(imported);
        assertThat(n.op().toString()).isEqualTo("Pad");
        assertThat(imported.graph().initializers().get(n.inputs().get(1)).toLongArray())
                .containsExactly(0, 1, 3, 0, 0, 2, 4, 0);
        Tensor value = imported.graph().initializers().get(n.inputs().get(2));
        assertThat(value.shape()).isEqualTo(Shape.scalar());
        assertThat(values(value)).containsExactly(-2);
    }

    @Test
    void stridedSliceResolvesMasksAndReshapesShrunkAxes() {
        TestModelBuilder b = new TestModelBuilder();
        int ss = b.builtin(BuiltinOperators.STRIDED_SLICE, 2);
        int begin = b.buffer(TestModelBuilder.int32(0, 1, -1));
        int end = b.buffer(TestModelBuilder.int32(0, 3, 0));
        int strides = b.buffer(TestModelBuilder.int32(1, 1, 1));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2, 4, 6);
        int bt = g.tensor("b", INT32, new int[] {3}, begin, null);
        int et = g.tensor("e", INT32, new int[] {3}, end, null);
        int st = g.tensor("s", INT32, new int[] {3}, strides, null);
        int y = g.tensor("y", FLOAT32, 2, 2);
        // begin_mask bit 0, end_mask bit 0: axis 0 whole; axis 1 [1,3); shrink axis 2 at -1.
        g.op(ss, new int[] {x, bt, et, st}, new int[] {y}, OptionsDecoder.STRIDED_SLICE_OPTIONS, options(6, fb -> {
                    fb.addInt(0, 1, 0);
                    fb.addInt(1, 1, 0);
                    fb.addInt(4, 4, 0);
                }))
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        List<GraphNode> nodes = imported.graph().nodes();
        assertThat(nodes).extracting(n -> n.op().toString()).containsExactly("Slice", "Reshape");
        Map<String, Tensor> init = imported.graph().initializers();
        GraphNode slice = nodes.get(0);
        assertThat(init.get(slice.inputs().get(1)).toLongArray()).containsExactly(0, 1, 5);
        assertThat(init.get(slice.inputs().get(2)).toLongArray()).containsExactly(Long.MAX_VALUE, 3, 6);
        assertThat(init.get(slice.inputs().get(3)).toLongArray()).containsExactly(0, 1, 2);
        assertThat(init.get(slice.inputs().get(4)).toLongArray()).containsExactly(1, 1, 1);
        assertThat(imported.valueTypes().get(slice.outputs().get(0)).shape()).isEqualTo(Shape.of(2, 2, 1));
        assertThat(init.get(nodes.get(1).inputs().get(1)).toLongArray()).containsExactly(2, 2);
    }

    @Test
    void stridedSliceWithEllipsisIsRefusedClearly() {
        TestModelBuilder b = new TestModelBuilder();
        int ss = b.builtin(BuiltinOperators.STRIDED_SLICE, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2);
        g.op(
                ss,
                new int[] {x, x, x, x},
                new int[] {g.tensor("y", FLOAT32, 2)},
                OptionsDecoder.STRIDED_SLICE_OPTIONS,
                options(6, fb -> fb.addInt(2, 1, 0)));
        assertThatThrownBy(() -> TfliteImporter.importBytes(FILE, b.build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage(
                        "m.tflite: operator 0 (STRIDED_SLICE): ellipsis_mask 1 / new_axis_mask 0 are not supported");
    }

    @Test
    void activationsMeanSoftmaxAndTransposeMap() {
        TestModelBuilder b = new TestModelBuilder();
        int relu6 = b.builtin(BuiltinOperators.RELU6, 1);
        int logistic = b.builtin(BuiltinOperators.LOGISTIC, 1);
        int leaky = b.builtin(BuiltinOperators.LEAKY_RELU, 1);
        int mean = b.builtin(BuiltinOperators.MEAN, 1);
        int softmax = b.builtin(BuiltinOperators.SOFTMAX, 1);
        int transpose = b.builtin(BuiltinOperators.TRANSPOSE, 1);
        int axes = b.buffer(TestModelBuilder.int32(1, 2));
        int perm = b.buffer(TestModelBuilder.int32(1, 0));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 2, 2, 3);
        int r = g.tensor("r", FLOAT32, 1, 2, 2, 3);
        int s = g.tensor("s", FLOAT32, 1, 2, 2, 3);
        int l = g.tensor("l", FLOAT32, 1, 2, 2, 3);
        int at = g.tensor("axes", INT32, new int[] {2}, axes, null);
        int m = g.tensor("m", FLOAT32, 1, 3);
        int sm = g.tensor("sm", FLOAT32, 1, 3);
        int pt = g.tensor("perm", INT32, new int[] {2}, perm, null);
        int t = g.tensor("t", FLOAT32, 3, 1);
        g.op(relu6, new int[] {x}, new int[] {r})
                .op(logistic, new int[] {r}, new int[] {s})
                .op(
                        leaky,
                        new int[] {s},
                        new int[] {l},
                        OptionsDecoder.LEAKY_RELU_OPTIONS,
                        options(1, fb -> fb.addFloat(0, 0.1f, 0)))
                .op(mean, new int[] {l, at}, new int[] {m})
                .op(
                        softmax,
                        new int[] {m},
                        new int[] {sm},
                        OptionsDecoder.SOFTMAX_OPTIONS,
                        options(1, fb -> fb.addFloat(0, 2f, 0)))
                .op(transpose, new int[] {sm, pt}, new int[] {t})
                .io(new int[] {x}, new int[] {t});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        List<GraphNode> nodes = imported.graph().nodes();
        Map<String, Tensor> init = imported.graph().initializers();
        assertThat(nodes)
                .extracting(n -> n.op().toString())
                .containsExactly("Clip", "Sigmoid", "LeakyRelu", "ReduceMean", "Softmax", "Transpose");
        assertThat(init.get(nodes.get(0).inputs().get(1)).toFloatArray()).containsExactly(0f);
        assertThat(init.get(nodes.get(0).inputs().get(2)).toFloatArray()).containsExactly(6f);
        assertThat(nodes.get(2).attributes().getFloat("alpha")).isEqualTo(0.1f);
        assertThat(nodes.get(3).attributes().getLong("keepdims")).isZero();
        assertThat(init.get(nodes.get(3).inputs().get(1)).toLongArray()).containsExactly(1, 2);
        assertThat(nodes.get(4).attributes().getLong("axis")).isEqualTo(-1);
        assertThat(nodes.get(4).attributes().getFloat("beta")).isEqualTo(2f);
        assertThat(nodes.get(5).attributes().getLongs("perm")).containsExactly(1, 0);
    }

    @Test
    void quantizedRelu6ClipsAtQuantizedBounds() {
        TestModelBuilder b = new TestModelBuilder();
        int relu6 = b.builtin(BuiltinOperators.RELU6, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor(
                "x", INT8, new int[] {4}, 0, new TestModelBuilder.Quant(new float[] {0.1f}, new long[] {-100}, 0));
        int y = g.tensor(
                "y", INT8, new int[] {4}, 0, new TestModelBuilder.Quant(new float[] {0.1f}, new long[] {-100}, 0));
        g.op(relu6, new int[] {x}, new int[] {y}).io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        GraphNode n = only(imported);
        assertThat(values(imported.graph().initializers().get(n.inputs().get(1))))
                .containsExactly(-100);
        // 6 / 0.1 - 100 = -40
        assertThat(values(imported.graph().initializers().get(n.inputs().get(2))))
                .containsExactly(-40);
    }

    @Test
    void quantizeAndDequantizeTakeParametersFromTheTensorTypes() {
        TestModelBuilder b = new TestModelBuilder();
        int quant = b.builtin(BuiltinOperators.QUANTIZE, 1);
        int dequant = b.builtin(BuiltinOperators.DEQUANTIZE, 2);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 4);
        int q = g.tensor(
                "q", INT8, new int[] {1, 4}, 0, new TestModelBuilder.Quant(new float[] {0.25f}, new long[] {3}, 0));
        int y = g.tensor("y", FLOAT32, 1, 4);
        g.op(quant, new int[] {x}, new int[] {q})
                .op(dequant, new int[] {q}, new int[] {y})
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        List<GraphNode> nodes = imported.graph().nodes();
        Map<String, Tensor> init = imported.graph().initializers();
        assertThat(nodes).extracting(n -> n.op().toString()).containsExactly("QuantizeLinear", "DequantizeLinear");
        // QUANTIZE keeps TFLite's form: the input alone, the output's declared type and quantization
        GraphNode quantize = nodes.get(0);
        assertThat(quantize.inputs()).containsExactly("x");
        assertThat(quantize.declaredOutput(0).orElseThrow().quantization()).contains(Quantization.perTensor(0.25f, 3));
        assertThat(quantize.declaredOutput(0).orElseThrow().dataType()).isEqualTo(DataType.INT8);
        GraphNode dequantize = nodes.get(1);
        assertThat(init.get(dequantize.inputs().get(1)).toFloatArray()).containsExactly(0.25f);
        Tensor zp = init.get(dequantize.inputs().get(2));
        assertThat(zp.type()).isEqualTo(TensorType.of(DataType.INT8, Shape.scalar()));
        assertThat(values(zp)).containsExactly(3);
    }

    @Test
    void transposeConvGetsExplicitPadsAndOutputPadding() {
        TestModelBuilder b = new TestModelBuilder();
        int tc = b.builtin(BuiltinOperators.TRANSPOSE_CONV, 3);
        int shapeData = b.buffer(TestModelBuilder.int32(1, 3, 12, 8));
        int wData = b.buffer(TestModelBuilder.float32(new float[8 * 1 * 4 * 16]));
        TestModelBuilder.Subgraph g = b.subgraph();
        int os = g.tensor("output_shape", INT32, new int[] {4}, shapeData, null);
        int w = g.tensor("w", FLOAT32, new int[] {8, 1, 4, 16}, wData, null);
        int x = g.tensor("x", FLOAT32, 1, 3, 6, 16);
        int y = g.tensor("y", FLOAT32, 1, 3, 12, 8);
        g.op(tc, new int[] {os, w, x, -1}, new int[] {y}, OptionsDecoder.TRANSPOSE_CONV_OPTIONS, options(4, fb -> {
                    fb.addInt(1, 2, 0);
                    fb.addInt(2, 1, 0);
                }))
                .io(new int[] {x}, new int[] {y});
        GraphNode n = only(TfliteImporter.importBytes(FILE, b.build()));
        assertThat(n.op().toString()).isEqualTo("ConvTranspose");
        assertThat(n.inputs()).containsExactly("x", "w");
        assertThat(n.attributes().getInts("strides")).containsExactly(1, 2);
        // H: natural 1*(3-1)+1 = 3 -> no padding; W: natural 2*(6-1)+4 = 14, out 12 -> total 2: [1, 1]
        assertThat(n.attributes().getInts("pads")).containsExactly(0, 1, 0, 1);
        assertThat(n.attributes().getInts("output_padding")).containsExactly(0, 0);
        assertThat(n.attributes().getString("data_format")).isEqualTo("NHWC");
    }

    @Test
    void lstmKeepsPositionalInputsStateAndIntermediates() {
        TestModelBuilder b = new TestModelBuilder();
        int lstm = b.builtin(BuiltinOperators.UNIDIRECTIONAL_SEQUENCE_LSTM, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", INT8, new int[] {1, 2, 3}, 0, Q_IN);
        int state = g.rawTensor(
                "state",
                INT8.code(),
                new int[] {1, 4},
                0,
                new TestModelBuilder.Quant(new float[] {0.1f}, new long[] {5}, 0),
                true,
                null);
        int gate = g.tensor(
                "gate",
                TfliteTensorType.INT16,
                new int[] {1},
                0,
                new TestModelBuilder.Quant(new float[] {0.001f}, new long[] {0}, 0));
        int y = g.tensor("y", INT8, new int[] {1, 2, 4}, 0, Q_IN);
        g.op(
                        lstm,
                        new int[] {x, -1, -1, state},
                        new int[] {y},
                        OptionsDecoder.UNIDIRECTIONAL_SEQUENCE_LSTM_OPTIONS,
                        options(6, fb -> {
                            fb.addByte(0, (byte) 4, 0);
                            fb.addFloat(1, 10f, 0);
                        }),
                        new int[] {gate})
                .io(new int[] {x}, new int[] {y});
        TfliteGraph imported = TfliteImporter.importBytes(FILE, b.build());
        GraphNode n = only(imported);
        assertThat(n.op().toString()).isEqualTo("tflite:UnidirectionalSequenceLSTM");
        assertThat(n.opsetVersion()).isEqualTo(1);
        assertThat(n.inputs()).containsExactly("x", "", "", "state");
        assertThat(n.attributes().getString("activation")).isEqualTo("Tanh");
        assertThat(n.attributes().getFloat("cell_clip")).isEqualTo(10f);
        assertThat(n.attributes().getLong("time_major")).isZero();
        assertThat(n.attributes().getFloats("intermediate_scales")).containsExactly(0.001f);
        // int8 state resets to its zero point, as TFLite does
        assertThat(values(imported.graph().initializers().get("state"))).containsExactly(5, 5, 5, 5);
    }

    @Test
    void otherBuiltinsKeepTheirTfliteName() {
        TestModelBuilder b = new TestModelBuilder();
        int floor = b.builtin(8, 2); // FLOOR
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2);
        int y = g.tensor("y", FLOAT32, 2);
        g.op(floor, new int[] {x}, new int[] {y}).io(new int[] {x}, new int[] {y});
        GraphNode n = only(TfliteImporter.importBytes(FILE, b.build()));
        assertThat(n.op().toString()).isEqualTo("tflite:FLOOR");
        assertThat(n.opsetVersion()).isEqualTo(2);
    }

    @Test
    void duplicateAndEmptyTensorNamesBecomeUnique() {
        TestModelBuilder b = new TestModelBuilder();
        int add = b.builtin(BuiltinOperators.ADD, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("v", FLOAT32, 2);
        int z = g.tensor("v", FLOAT32, 2);
        int y = g.tensor("", FLOAT32, 2);
        g.op(add, new int[] {x, z}, new int[] {y}).io(new int[] {x, z}, new int[] {y});
        GraphNode n = only(TfliteImporter.importBytes(FILE, b.build()));
        assertThat(n.inputs()).containsExactly("v", "v_1");
        assertThat(n.outputs()).containsExactly("tensor_2");
    }

    @Test
    void modelLoadRunsAFloatTfliteModelEndToEnd() {
        TestModelBuilder b = new TestModelBuilder();
        int add = b.builtin(BuiltinOperators.ADD, 1);
        int relu = b.builtin(BuiltinOperators.RELU, 1);
        int cData = b.buffer(TestModelBuilder.float32(1f, -5f, 0.5f));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 3);
        int c = g.tensor("c", FLOAT32, new int[] {3}, cData, null);
        int s = g.tensor("s", FLOAT32, 1, 3);
        int y = g.tensor("y", FLOAT32, 1, 3);
        g.op(add, new int[] {x, c}, new int[] {s})
                .op(relu, new int[] {s}, new int[] {y})
                .io(new int[] {x}, new int[] {y});
        Model model = Model.fromBytes("m.tflite", b.build(), Partitioner.of(KernelRegistry.reference()));
        try (Session session = model.newSession()) {
            Tensor out = session.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 2f, 3f, -4f)))
                    .get("y");
            assertThat(out.toFloatArray()).containsExactly(3f, 0f, 0f);
        }
    }

    @Test
    void customOperatorsImportWithTheirFlexBuffersOptionsAndNeedAPluginAtLoad() {
        FlexBuffersBuilder fbb = new FlexBuffersBuilder(ByteBuffer.allocate(256), FlexBuffersBuilder.BUILDER_FLAG_NONE);
        int map = fbb.startMap();
        fbb.putInt("shift", 12);
        fbb.putBoolean("enabled", true);
        fbb.putFloat("alpha", 0.5f);
        fbb.putString("mode", "hann");
        int ints = fbb.startVector();
        fbb.putInt(3);
        fbb.putInt(-4);
        fbb.endVector("bounds", ints, true, false);
        int floats = fbb.startVector();
        fbb.putFloat(1.5f);
        fbb.putFloat(2.5f);
        fbb.endVector("weights", floats, true, false);
        fbb.endMap(null, map);
        ByteBuffer options = fbb.finish();
        byte[] bytes = new byte[options.remaining()];
        options.get(bytes);
        TestModelBuilder b = new TestModelBuilder();
        int custom = b.custom("SignalWindow");
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2);
        int y = g.tensor("y", FLOAT32, 2);
        g.customOp(custom, new int[] {x}, new int[] {y}, bytes).io(new int[] {x}, new int[] {y});
        GraphNode node = TfliteImporter.importBytes("audio.tflite", b.build())
                .graph()
                .nodes()
                .get(0);
        assertThat(node.op()).isEqualTo(OpId.of("tflite", "SignalWindow"));
        assertThat(node.opsetVersion()).isEqualTo(1);
        Attributes a = node.attributes();
        assertThat(a.getLong("shift")).isEqualTo(12);
        assertThat(a.getLong("enabled")).isEqualTo(1);
        assertThat(a.getFloat("alpha")).isEqualTo(0.5f);
        assertThat(a.getString("mode")).isEqualTo("hann");
        assertThat(a.getLongs("bounds")).containsExactly(3, -4);
        assertThat(a.getFloats("weights")).containsExactly(1.5f, 2.5f);
        assertThatThrownBy(() -> Model.fromBytes("audio.tflite", b.build(), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("audio.tflite: node 'SignalWindow_0' (tflite:SignalWindow)")
                .hasMessageContaining("custom operator tflite:SignalWindow is defined by no admitted provider")
                .hasMessageContaining("load a plugin that defines it");
    }

    @Test
    void malformedCustomOptionsAreNamedNotACrash() {
        TestModelBuilder b = new TestModelBuilder();
        int custom = b.custom("SignalWindow");
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2);
        g.customOp(custom, new int[] {x}, new int[] {g.tensor("y", FLOAT32, 2)}, new byte[] {
            (byte) 0xff, (byte) 0xfe, 0x7f, 0x24, 0x01
        });
        assertThatThrownBy(() -> TfliteImporter.importBytes("audio.tflite", b.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageStartingWith("audio.tflite: operator 0 (CUSTOM:SignalWindow): custom_options");
        TestModelBuilder notMap = new TestModelBuilder();
        int c2 = notMap.custom("SignalWindow");
        TestModelBuilder.Subgraph g2 = notMap.subgraph();
        int x2 = g2.tensor("x", FLOAT32, 2);
        FlexBuffersBuilder fbb = new FlexBuffersBuilder(ByteBuffer.allocate(64), FlexBuffersBuilder.BUILDER_FLAG_NONE);
        fbb.putInt(7);
        ByteBuffer scalar = fbb.finish();
        byte[] scalarBytes = new byte[scalar.remaining()];
        scalar.get(scalarBytes);
        g2.customOp(c2, new int[] {x2}, new int[] {g2.tensor("y", FLOAT32, 2)}, scalarBytes);
        assertThatThrownBy(() -> TfliteImporter.importBytes("audio.tflite", notMap.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage(
                        "audio.tflite: operator 0 (CUSTOM:SignalWindow): custom_options: the root is an int, not a map");
    }

    /** Elements of an integer tensor of any width. */
    private static long[] values(Tensor t) {
        long[] out = new long[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }

    private static GraphNode only(TfliteGraph imported) {
        assertThat(imported.graph().nodes()).hasSize(1);
        return imported.graph().nodes().get(0);
    }
}
