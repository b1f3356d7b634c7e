package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TfliteReaderTest {

    private static final String FILE = "m.tflite";

    /** in[1,4] int8 + constant[4] int8 -> ADD (RELU6) -> out. */
    private static TestModelBuilder addModel() {
        TestModelBuilder b = new TestModelBuilder();
        int add = b.builtin(BuiltinOperators.ADD, 2);
        int weights = b.buffer(TestModelBuilder.int8(1, -2, 3, -4));
        TestModelBuilder.Subgraph g = b.subgraph();
        int in = g.tensor(
                "in", INT8, new int[] {1, 4}, 0, new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-3}, 0));
        int c = g.tensor(
                "c", INT8, new int[] {4}, weights, new TestModelBuilder.Quant(new float[] {0.25f}, new long[] {0}, 0));
        int out = g.tensor(
                "out", INT8, new int[] {1, 4}, 0, new TestModelBuilder.Quant(new float[] {1f}, new long[] {7}, 0));
        g.op(add, new int[] {in, c}, new int[] {out}, OptionsDecoder.ADD_OPTIONS, fb -> {
                    fb.startTable(2);
                    fb.addByte(0, (byte) 3, 0); // RELU6
                    return fb.endTable();
                })
                .io(new int[] {in}, new int[] {out});
        return b;
    }

    @Test
    void readsModelTensorsQuantizationBuffersAndOperators() {
        TfliteModel m = TfliteReader.read(FILE, addModel().description("tiny").build());
        assertThat(m.version()).isEqualTo(3);
        assertThat(m.description()).isEqualTo("tiny");
        assertThat(m.subgraphs()).hasSize(1);
        assertThat(m.ignoredSubgraphs()).isEmpty();
        TfliteSubgraph g = m.mainSubgraph();
        assertThat(g.name()).isEqualTo("subgraph0");
        assertThat(g.inputs()).containsExactly(0);
        assertThat(g.outputs()).containsExactly(2);
        TfliteTensor in = g.tensor(0);
        assertThat(in.name()).isEqualTo("in");
        assertThat(in.shape()).containsExactly(1, 4);
        assertThat(in.type()).isEqualTo(INT8);
        assertThat(in.quantization().scale()).containsExactly(0.5f);
        assertThat(in.quantization().zeroPoint()).containsExactly(-3L);
        assertThat(in.quantization().isPerAxis()).isFalse();
        assertThat(m.isConstant(in)).isFalse();
        TfliteTensor c = g.tensor(1);
        assertThat(m.isConstant(c)).isTrue();
        byte[] data = new byte[4];
        m.data(c).get(data);
        assertThat(data).containsExactly(1, -2, 3, -4);
        TfliteOperator op = g.operators().get(0);
        assertThat(m.operatorCode(op).name()).isEqualTo("ADD");
        assertThat(m.operatorCode(op).version()).isEqualTo(2);
        assertThat(op.inputs()).containsExactly(0, 1);
        assertThat(op.outputs()).containsExactly(2);
        assertThat(op.options()).isEqualTo(new BuiltinOptions.Arithmetic(FusedActivation.RELU6, true));
    }

    @Test
    void operatorCodeTakesTheLargerOfTheByteAndIntFields() {
        TestModelBuilder b = new TestModelBuilder();
        b.code(3, null, null, null); // old file: byte only
        b.code(127, 150, null, 2); // new code beyond the byte range
        b.code(4, 4, null, 3);
        b.code(0, 9, null, 1); // int field only (byte left at 0 = ADD)
        b.subgraph();
        TfliteModel m = TfliteReader.read(FILE, b.build());
        assertThat(m.operatorCodes())
                .extracting(TfliteOperatorCode::name)
                .containsExactly("CONV_2D", "GELU", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED");
        assertThat(m.operatorCodes()).extracting(TfliteOperatorCode::version).containsExactly(1, 2, 3, 1);
    }

    @Test
    void customAndUnknownOperatorsReadButAreRefusedByNameAndIndex() {
        TestModelBuilder b = new TestModelBuilder();
        int relu = b.builtin(BuiltinOperators.RELU, 1);
        int custom = b.custom("ethos-u");
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2);
        int y = g.tensor("y", FLOAT32, 2);
        int z = g.tensor("z", FLOAT32, 2);
        g.op(relu, new int[] {x}, new int[] {y})
                .op(custom, new int[] {y}, new int[] {z})
                .io(new int[] {x}, new int[] {z});
        TfliteModel m = TfliteReader.read(FILE, b.build());
        assertThat(m.operatorCodes().get(custom).name()).isEqualTo("CUSTOM:ethos-u");
        assertThatThrownBy(m::requireBuiltinOperators)
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("m.tflite: operator 1: unsupported custom op 'ethos-u'");

        TestModelBuilder u = new TestModelBuilder();
        int unknown = u.builtin(4000, 1);
        TestModelBuilder.Subgraph ug = u.subgraph();
        int a = ug.tensor("a", FLOAT32, 1);
        ug.op(unknown, new int[] {a}, new int[] {ug.tensor("b", FLOAT32, 1)});
        TfliteModel um = TfliteReader.read(FILE, u.build());
        assertThat(um.operatorCodes().get(0).name()).isEqualTo("BUILTIN_4000");
        assertThatThrownBy(um::requireBuiltinOperators)
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("m.tflite: operator 0: unsupported builtin operator code 4000");
    }

    @Test
    void customCodeWithoutNameIsAFormatError() {
        TestModelBuilder b = new TestModelBuilder();
        b.code(32, 32, null, 1);
        b.subgraph();
        assertThatThrownBy(() -> TfliteReader.read(FILE, b.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("operator code 0 is CUSTOM without a custom_code name");
    }

    @Test
    void builtinNamesFollowTheSchemaNumbering() {
        assertThat(BuiltinOperators.name(0)).isEqualTo("ADD");
        assertThat(BuiltinOperators.name(BuiltinOperators.LEAKY_RELU)).isEqualTo("LEAKY_RELU");
        assertThat(BuiltinOperators.name(98)).isEqualTo("LEAKY_RELU");
        assertThat(BuiltinOperators.name(114)).isEqualTo("QUANTIZE");
        assertThat(BuiltinOperators.name(117)).isEqualTo("HARD_SWISH");
        assertThat(BuiltinOperators.name(127)).isEqualTo("PLACEHOLDER_FOR_GREATER_OP_CODES");
        assertThat(BuiltinOperators.name(150)).isEqualTo("GELU");
        assertThat(BuiltinOperators.name(205)).isEqualTo("REDUCE_WINDOW");
        assertThat(BuiltinOperators.name(206)).isEqualTo("BUILTIN_206");
        assertThat(BuiltinOperators.name(-1)).isEqualTo("BUILTIN_-1");
    }

    @Test
    void omittedInputsAreMinusOneAndOtherBadIndicesAreRefused() {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 2);
        int w = g.tensor("w", FLOAT32, 3, 2);
        int y = g.tensor("y", FLOAT32, 1, 3);
        g.op(fc, new int[] {x, w, -1}, new int[] {y});
        TfliteOperator op =
                TfliteReader.read(FILE, b.build()).mainSubgraph().operators().get(0);
        assertThat(op.inputs()).containsExactly(0, 1, -1);
        assertThat(op.input(2)).isEqualTo(-1);
        assertThat(op.input(7)).isEqualTo(-1);

        TestModelBuilder bad = new TestModelBuilder();
        int code = bad.builtin(BuiltinOperators.RELU, 1);
        TestModelBuilder.Subgraph bg = bad.subgraph();
        int t = bg.tensor("t", FLOAT32, 1);
        bg.op(code, new int[] {-2}, new int[] {t});
        assertThatThrownBy(() -> TfliteReader.read(FILE, bad.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageStartingWith(
                        "m.tflite: subgraph 0 operator 0 inputs refer to tensor -2 but the subgraph has 1 tensors");

        TestModelBuilder badOut = new TestModelBuilder();
        int code2 = badOut.builtin(BuiltinOperators.RELU, 1);
        TestModelBuilder.Subgraph og = badOut.subgraph();
        og.op(code2, new int[] {og.tensor("t", FLOAT32, 1)}, new int[] {5});
        assertThatThrownBy(() -> TfliteReader.read(FILE, badOut.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("outputs refer to tensor 5");

        TestModelBuilder badCode = new TestModelBuilder();
        TestModelBuilder.Subgraph cg = badCode.subgraph();
        int a = cg.tensor("a", FLOAT32, 1);
        cg.op(3, new int[] {a}, new int[] {a});
        assertThatThrownBy(() -> TfliteReader.read(FILE, badCode.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("refers to operator code 3 but the model has 0");

        TestModelBuilder badIo = new TestModelBuilder();
        badIo.subgraph().io(new int[] {0}, new int[0]);
        assertThatThrownBy(() -> TfliteReader.read(FILE, badIo.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("subgraph 0 inputs refer to tensor 0 but the subgraph has 0 tensors");
    }

    @Test
    void decodesConvDepthwisePoolAndFullyConnectedOptions() {
        TfliteModel m = single(BuiltinOperators.CONV_2D, OptionsDecoder.CONV_2D_OPTIONS, fb -> {
            fb.startTable(6);
            fb.addByte(0, (byte) 1, 0);
            fb.addInt(1, 2, 0);
            fb.addInt(2, 3, 0);
            fb.addByte(3, (byte) 1, 0);
            fb.addInt(4, 4, 1);
            return fb.endTable();
        });
        assertThat(options(m)).isEqualTo(new BuiltinOptions.Conv2D(Padding.VALID, 2, 3, FusedActivation.RELU, 4, 1));
        m = single(BuiltinOperators.DEPTHWISE_CONV_2D, OptionsDecoder.DEPTHWISE_CONV_2D_OPTIONS, fb -> {
            fb.startTable(7);
            fb.addInt(1, 1, 0);
            fb.addInt(2, 2, 0);
            fb.addInt(3, 8, 0);
            fb.addByte(4, (byte) 3, 0);
            fb.addInt(6, 2, 1);
            return fb.endTable();
        });
        assertThat(options(m))
                .isEqualTo(new BuiltinOptions.DepthwiseConv2D(Padding.SAME, 1, 2, 8, FusedActivation.RELU6, 1, 2));
        m = single(BuiltinOperators.AVERAGE_POOL_2D, OptionsDecoder.POOL_2D_OPTIONS, fb -> {
            fb.startTable(6);
            fb.addByte(0, (byte) 1, 0);
            fb.addInt(1, 2, 0);
            fb.addInt(2, 2, 0);
            fb.addInt(3, 3, 0);
            fb.addInt(4, 5, 0);
            fb.addByte(5, (byte) 2, 0);
            return fb.endTable();
        });
        assertThat(options(m))
                .isEqualTo(new BuiltinOptions.Pool2D(Padding.VALID, 2, 2, 3, 5, FusedActivation.RELU_N1_TO_1));
        m = single(BuiltinOperators.FULLY_CONNECTED, OptionsDecoder.FULLY_CONNECTED_OPTIONS, fb -> {
            fb.startTable(5);
            fb.addByte(0, (byte) 4, 0);
            fb.addBoolean(2, true, false);
            fb.addBoolean(3, true, false);
            return fb.endTable();
        });
        assertThat(options(m)).isEqualTo(new BuiltinOptions.FullyConnected(FusedActivation.TANH, 0, true, true));
    }

    @Test
    void decodesTheRemainingMappedOptions() {
        assertThat(options(single(BuiltinOperators.SOFTMAX, OptionsDecoder.SOFTMAX_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addFloat(0, 0.5f, 0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Softmax(0.5f));
        assertThat(options(single(BuiltinOperators.CONCATENATION, OptionsDecoder.CONCATENATION_OPTIONS, fb -> {
                    fb.startTable(2);
                    fb.addInt(0, -1, 0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Concatenation(-1, FusedActivation.NONE));
        BuiltinOptions reshape = options(single(BuiltinOperators.RESHAPE, OptionsDecoder.RESHAPE_OPTIONS, fb -> {
            int shape = TestModelBuilder.ints(fb, new int[] {1, -1});
            fb.startTable(1);
            fb.addOffset(0, shape, 0);
            return fb.endTable();
        }));
        assertThat(((BuiltinOptions.Reshape) reshape).newShape()).containsExactly(1, -1);
        assertThat(options(single(BuiltinOperators.MEAN, OptionsDecoder.REDUCER_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addBoolean(0, true, false);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Reducer(true));
        assertThat(options(single(BuiltinOperators.STRIDED_SLICE, OptionsDecoder.STRIDED_SLICE_OPTIONS, fb -> {
                    fb.startTable(6);
                    fb.addInt(0, 1, 0);
                    fb.addInt(1, 2, 0);
                    fb.addInt(2, 4, 0);
                    fb.addInt(3, 8, 0);
                    fb.addInt(4, 16, 0);
                    fb.addBoolean(5, true, false);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.StridedSlice(1, 2, 4, 8, 16, true));
        assertThat(options(single(BuiltinOperators.TRANSPOSE_CONV, OptionsDecoder.TRANSPOSE_CONV_OPTIONS, fb -> {
                    fb.startTable(4);
                    fb.addByte(0, (byte) 1, 0);
                    fb.addInt(1, 2, 0);
                    fb.addInt(2, 1, 0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.TransposeConv(Padding.VALID, 2, 1, FusedActivation.NONE));
        assertThat(options(single(
                        BuiltinOperators.UNIDIRECTIONAL_SEQUENCE_LSTM,
                        OptionsDecoder.UNIDIRECTIONAL_SEQUENCE_LSTM_OPTIONS,
                        fb -> {
                            fb.startTable(6);
                            fb.addByte(0, (byte) 4, 0);
                            fb.addFloat(1, 10f, 0);
                            fb.addBoolean(3, true, false);
                            return fb.endTable();
                        })))
                .isEqualTo(new BuiltinOptions.UnidirectionalSequenceLstm(
                        FusedActivation.TANH, 10f, 0f, true, false, false));
        assertThat(options(single(BuiltinOperators.LEAKY_RELU, OptionsDecoder.LEAKY_RELU_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addFloat(0, 0.2f, 0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.LeakyRelu(0.2f));
        assertThat(options(single(BuiltinOperators.SVDF, OptionsDecoder.SVDF_OPTIONS, fb -> {
                    fb.startTable(3);
                    fb.addInt(0, 2, 0);
                    fb.addByte(1, (byte) 1, 0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Svdf(2, FusedActivation.RELU, false));
        assertThat(options(single(BuiltinOperators.CAST, OptionsDecoder.CAST_OPTIONS, fb -> {
                    fb.startTable(2);
                    fb.addByte(0, (byte) 7, 0);
                    fb.addByte(1, (byte) 0, 99); // FLOAT32 written explicitly
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Cast(TfliteTensorType.INT16, FLOAT32));
        assertThat(options(single(BuiltinOperators.SUB, OptionsDecoder.SUB_OPTIONS, fb -> {
                    fb.startTable(2);
                    fb.addBoolean(1, false, true);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.Arithmetic(FusedActivation.NONE, false));
        assertThat(options(single(BuiltinOperators.TANH, 0, null))).isEqualTo(new BuiltinOptions.None());
        assertThat(options(single(BuiltinOperators.HARD_SWISH, OptionsDecoder.HARD_SWISH_OPTIONS, fb -> {
                    fb.startTable(0);
                    return fb.endTable();
                })))
                .isEqualTo(new BuiltinOptions.None());
        assertThat(options(single(
                        36 /* GATHER */,
                        23 /* GatherOptions */,
                        fb -> {
                            fb.startTable(2);
                            return fb.endTable();
                        })))
                .isEqualTo(new BuiltinOptions.Raw(23));
    }

    @Test
    void absentOptionsTakeSchemaDefaults() {
        assertThat(options(single(BuiltinOperators.CONV_2D, 0, null)))
                .isEqualTo(new BuiltinOptions.Conv2D(Padding.SAME, 0, 0, FusedActivation.NONE, 1, 1));
        assertThat(options(single(BuiltinOperators.ADD, 0, null)))
                .isEqualTo(new BuiltinOptions.Arithmetic(FusedActivation.NONE, true));
        assertThat(((BuiltinOptions.Reshape) options(single(BuiltinOperators.RESHAPE, 0, null))).newShape())
                .isNull();
    }

    @Test
    void optionsOfTheWrongUnionTypeAndBadEnumsAreRefused() {
        assertThatThrownBy(() -> single(BuiltinOperators.CONV_2D, OptionsDecoder.POOL_2D_OPTIONS, fb -> {
                    fb.startTable(6);
                    return fb.endTable();
                }))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining(
                        "subgraph 0 operator 0 (CONV_2D) carries builtin options of union type 5, expected 1");
        assertThatThrownBy(() -> single(BuiltinOperators.CONV_2D, OptionsDecoder.CONV_2D_OPTIONS, fb -> {
                    fb.startTable(6);
                    fb.addByte(0, (byte) 7, 0);
                    return fb.endTable();
                }))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("unknown padding code 7");
        assertThatThrownBy(() -> single(BuiltinOperators.ADD, OptionsDecoder.ADD_OPTIONS, fb -> {
                    fb.startTable(2);
                    fb.addByte(0, (byte) 9, 0);
                    return fb.endTable();
                }))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("unknown fused activation code 9");
    }

    @Test
    void perAxisQuantizationIsReadAndChecked() {
        TestModelBuilder b = new TestModelBuilder();
        int w = b.buffer(TestModelBuilder.int8(1, 2, 3, 4, 5, 6));
        TestModelBuilder.Subgraph g = b.subgraph();
        g.tensor(
                "w",
                INT8,
                new int[] {3, 1, 1, 2},
                w,
                new TestModelBuilder.Quant(new float[] {0.1f, 0.2f, 0.3f}, new long[] {0, 0, 0}, 0));
        TfliteTensor t = TfliteReader.read(FILE, b.build()).mainSubgraph().tensor(0);
        assertThat(t.quantization().isPerAxis()).isTrue();
        assertThat(t.quantization().quantizedDimension()).isZero();
        assertThat(t.quantization().scale()).containsExactly(0.1f, 0.2f, 0.3f);

        TestModelBuilder wrongCount = new TestModelBuilder();
        wrongCount
                .subgraph()
                .tensor(
                        "w",
                        INT8,
                        new int[] {3, 2},
                        0,
                        new TestModelBuilder.Quant(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 0));
        assertThatThrownBy(() -> TfliteReader.read(FILE, wrongCount.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("has 2 scales for dimension 0 of size 3");

        TestModelBuilder wrongAxis = new TestModelBuilder();
        wrongAxis
                .subgraph()
                .tensor(
                        "w",
                        INT8,
                        new int[] {2, 2},
                        0,
                        new TestModelBuilder.Quant(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 2));
        assertThatThrownBy(() -> TfliteReader.read(FILE, wrongAxis.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("quantized_dimension 2 outside shape [2, 2]");

        TestModelBuilder mismatch = new TestModelBuilder();
        mismatch.subgraph()
                .tensor(
                        "w",
                        INT8,
                        new int[] {2},
                        0,
                        new TestModelBuilder.Quant(new float[] {0.1f, 0.2f}, new long[] {0}, 0));
        assertThatThrownBy(() -> TfliteReader.read(FILE, mismatch.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("has 2 scales but 1 zero points");

        // TOCO-era bias: rank 1, per-channel, axis copied from the weights.
        TestModelBuilder bias = new TestModelBuilder();
        bias.subgraph()
                .tensor(
                        "b",
                        INT32,
                        new int[] {2},
                        0,
                        new TestModelBuilder.Quant(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 3));
        assertThat(TfliteReader.read(FILE, bias.build())
                        .mainSubgraph()
                        .tensor(0)
                        .quantization()
                        .quantizedDimension())
                .isZero();
    }

    @Test
    void constantDataMustMatchTheShapeAndBuffersMustExist() {
        TestModelBuilder b = new TestModelBuilder();
        int w = b.buffer(TestModelBuilder.float32(1f, 2f, 3f));
        b.subgraph().tensor("w", FLOAT32, new int[] {2, 2}, w, null);
        assertThatThrownBy(() -> TfliteReader.read(FILE, b.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining(
                        "'w' (tensor 0) of type FLOAT32 and shape [2, 2] needs 16 bytes but buffer 1 holds 12");

        TestModelBuilder missing = new TestModelBuilder();
        missing.subgraph().tensor("w", FLOAT32, new int[] {1}, 5, null);
        assertThatThrownBy(() -> TfliteReader.read(FILE, missing.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("refers to buffer 5 but the model has 1");

        TestModelBuilder unknownType = new TestModelBuilder();
        unknownType.subgraph().rawTensor("u", 42, new int[] {1}, 0, null, false, null);
        assertThatThrownBy(() -> TfliteReader.read(FILE, unknownType.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("unknown tensor type code 42");

        TestModelBuilder negative = new TestModelBuilder();
        negative.subgraph().tensor("n", FLOAT32, 1, -3);
        assertThatThrownBy(() -> TfliteReader.read(FILE, negative.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("negative dimension in shape [1, -3]");
    }

    @Test
    void buffersStoredOutsideTheFlatbufferAreRefused() {
        TestModelBuilder b = new TestModelBuilder();
        b.externalBuffer(4_000_000_000L, 1024);
        b.subgraph();
        assertThatThrownBy(() -> TfliteReader.read(FILE, b.build()))
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("m.tflite: buffer 1 is stored outside the flatbuffer (offset 4000000000, size 1024):"
                        + " models over 2 GB are not supported");
    }

    @Test
    void variableTensorsShapeSignaturesAndIntermediatesAreKept() {
        TestModelBuilder b = new TestModelBuilder();
        int lstm = b.builtin(BuiltinOperators.UNIDIRECTIONAL_SEQUENCE_LSTM, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.rawTensor("x", FLOAT32.code(), new int[] {1, 5, 3}, 0, null, false, new int[] {-1, 5, 3});
        int state = g.rawTensor("state", FLOAT32.code(), new int[] {1, 4}, 0, null, true, null);
        int gate = g.tensor("gate", TfliteTensorType.INT16, 1, 4);
        int y = g.tensor("y", FLOAT32, 1, 5, 4);
        g.op(lstm, new int[] {x, -1, state}, new int[] {y}, 0, null, new int[] {gate});
        TfliteModel m = TfliteReader.read(FILE, b.build());
        TfliteSubgraph sg = m.mainSubgraph();
        assertThat(sg.tensor(x).shapeSignature()).containsExactly(-1, 5, 3);
        assertThat(sg.tensor(x).isVariable()).isFalse();
        assertThat(sg.tensor(state).isVariable()).isTrue();
        assertThat(sg.tensor(state).shapeSignature()).isNull();
        assertThat(sg.operators().get(0).intermediates()).containsExactly(gate);
    }

    @Test
    void unusedExtraSubgraphsAreAcceptedAndCalledOnesRefused() {
        TestModelBuilder b = new TestModelBuilder();
        int relu = b.builtin(BuiltinOperators.RELU, 1);
        TestModelBuilder.Subgraph main = b.subgraph();
        int a = main.tensor("a", FLOAT32, 1);
        main.op(relu, new int[] {a}, new int[] {main.tensor("b", FLOAT32, 1)});
        b.subgraph();
        b.signature("serving_default", 0, "input", 0, "output", 1);
        TfliteModel m = TfliteReader.read(FILE, b.build());
        assertThat(m.subgraphs()).hasSize(2);
        assertThat(m.ignoredSubgraphs()).containsExactly(1);
        assertThat(m.signatures())
                .containsExactly(new TfliteSignature("serving_default", 0, Map.of("input", 0), Map.of("output", 1)));

        TestModelBuilder w = new TestModelBuilder();
        int loop = w.builtin(BuiltinOperators.WHILE, 1);
        TestModelBuilder.Subgraph wm = w.subgraph();
        int i = wm.tensor("i", INT32, 1);
        wm.op(loop, new int[] {i}, new int[] {wm.tensor("o", INT32, 1)}, OptionsDecoder.WHILE_OPTIONS, fb -> {
            fb.startTable(2);
            fb.addInt(0, 2, 0);
            fb.addInt(1, 1, 0);
            return fb.endTable();
        });
        w.subgraph();
        w.subgraph();
        assertThatThrownBy(() -> TfliteReader.read(FILE, w.build()))
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("m.tflite: the model has 3 subgraphs and operator 0 (WHILE) of subgraph 0 runs"
                        + " subgraph(s) [1, 2]: control flow across subgraphs is not supported");
    }

    @Test
    void signatureNamingAMissingSubgraphOrTensorIsRefused() {
        TestModelBuilder b = new TestModelBuilder();
        b.subgraph().tensor("a", FLOAT32, 1);
        b.signature("s", 3, "in", 0, "out", 0);
        assertThatThrownBy(() -> TfliteReader.read(FILE, b.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("signature def 0 refers to subgraph 3 but the model has 1");
        TestModelBuilder t = new TestModelBuilder();
        t.subgraph().tensor("a", FLOAT32, 1);
        t.signature("s", 0, "in", 0, "out", 9);
        assertThatThrownBy(() -> TfliteReader.read(FILE, t.build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("refers to tensor 9 but the subgraph has 1");
    }

    @Test
    void headerVersionAndEmptyModelsAreChecked() {
        assertThatThrownBy(() -> TfliteReader.read(FILE, new byte[] {1, 2, 3}))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage(
                        "m.tflite: not a TFLite model: 3 bytes is too short for a flatbuffer header (byte offset 0)");
        byte[] onnx = {0x08, 0x07, 0x12, 0x04, 'O', 'N', 'N', 0};
        assertThatThrownBy(() -> TfliteReader.read(FILE, onnx))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage(
                        "m.tflite: not a TFLite model: file identifier is 'ONN\\x00', expected 'TFL3' (byte offset 4)");
        assertThatThrownBy(() -> TfliteReader.read(FILE, addModel().version(2).build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("schema version 2 is not supported");
        assertThatThrownBy(() -> TfliteReader.read(FILE, new TestModelBuilder().build()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("the model has no subgraph");
        assertThat(TfliteReader.looksLikeTflite(addModel().build())).isTrue();
        assertThat(TfliteReader.looksLikeTflite(onnx)).isFalse();
    }

    @Test
    void offsetsOutsideTheFileAndAbsurdLengthsNameTheOffset() {
        byte[] bytes = addModel().build();
        byte[] badRoot = bytes.clone();
        badRoot[0] = (byte) 0xF0;
        badRoot[1] = (byte) 0xFF;
        badRoot[2] = (byte) 0xFF;
        badRoot[3] = (byte) 0x7F;
        assertThatThrownBy(() -> TfliteReader.read(FILE, badRoot))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageMatching(
                        "m\\.tflite: model table spans bytes \\[2147483632, 2147483636\\) outside the file of \\d+ bytes \\(byte offset 2147483632\\)");

        // The description string: make its length absurd.
        int at = indexOf(bytes, "test model".getBytes()) - 4;
        byte[] longString = bytes.clone();
        longString[at + 3] = 0x7F;
        assertThatThrownBy(() -> TfliteReader.read(FILE, longString))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("model description spans bytes")
                .hasMessageContaining("outside the file");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static TfliteModel single(int builtin, int optionsType, TestModelBuilder.TableWriter options) {
        TestModelBuilder b = new TestModelBuilder();
        int code = b.builtin(builtin, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1);
        g.op(code, new int[] {x}, new int[] {g.tensor("y", FLOAT32, 1)}, optionsType, options);
        return TfliteReader.read(FILE, b.build());
    }

    private static BuiltinOptions options(TfliteModel m) {
        return m.mainSubgraph().operators().get(0).options();
    }
}
