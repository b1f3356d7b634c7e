package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.BuiltinOperators.*;

import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.graph.QuantizedConstants;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.AutoPad;
import dev.vela.spi.semantics.SpatialWindow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps TFLite operators onto Vela IR nodes (docs/architecture.md D1-D3): layout stays NHWC and spatial
 * nodes say so in {@code data_format}; fused activations become the {@code activation} and
 * {@code activation_params} attributes on quantized nodes and separate Relu/Clip/Tanh nodes after
 * float ones (SVDF and LSTM keep the attribute: it is part of their definition); quantization
 * stays on the value types. Operators without
 * an ONNX counterpart keep their TFLite name in the {@code tflite} domain so the runtime reports
 * them by name.
 */
final class OperatorMapper {

    /** The Gemm attribute of TFLite's FULLY_CONNECTED option {@code asymmetric_quantize_inputs} (hybrid only). */
    static final String HYBRID_ASYMMETRIC_INPUTS = "asymmetric_quantize_inputs";

    /** The domain of operators kept under their TFLite name. */
    static final String TFLITE_DOMAIN = "tflite";

    private static final String NHWC = "NHWC";

    private final GraphAssembly a;

    OperatorMapper(GraphAssembly assembly) {
        this.a = assembly;
    }

    void map(TfliteOperator op) {
        TfliteOperatorCode code = a.model().operatorCode(op);
        String name = code.name() + "_" + op.index();
        Ctx c = new Ctx(op, code, name);
        switch (code.builtinCode()) {
            case CONV_2D -> conv(c, (BuiltinOptions.Conv2D) op.options());
            case DEPTHWISE_CONV_2D -> depthwise(c, (BuiltinOptions.DepthwiseConv2D) op.options());
            case FULLY_CONNECTED -> fullyConnected(c, (BuiltinOptions.FullyConnected) op.options());
            case AVERAGE_POOL_2D -> pool(c, "AveragePool", (BuiltinOptions.Pool2D) op.options());
            case MAX_POOL_2D -> pool(c, "MaxPool", (BuiltinOptions.Pool2D) op.options());
            case ADD -> binary(c, "Add", ((BuiltinOptions.Arithmetic) op.options()).activation());
            case SUB -> binary(c, "Sub", ((BuiltinOptions.Arithmetic) op.options()).activation());
            case MUL -> binary(c, "Mul", ((BuiltinOptions.Arithmetic) op.options()).activation());
            case DIV -> binary(c, "Div", ((BuiltinOptions.Arithmetic) op.options()).activation());
            case MAXIMUM -> binary(c, "Max", FusedActivation.NONE);
            case MINIMUM -> binary(c, "Min", FusedActivation.NONE);
            case MEAN -> mean(c, (BuiltinOptions.Reducer) op.options());
            case SOFTMAX -> softmax(c, (BuiltinOptions.Softmax) op.options());
            case LOGISTIC -> unary(c, "Sigmoid", Attributes.empty());
            case TANH -> unary(c, "Tanh", Attributes.empty());
            case RELU -> unary(c, "Relu", Attributes.empty());
            case RELU6 -> clip(c, 0, 6);
            case RELU_N1_TO_1 -> clip(c, -1, 1);
            case LEAKY_RELU ->
                unary(
                        c,
                        "LeakyRelu",
                        Attributes.builder()
                                .put("alpha", ((BuiltinOptions.LeakyRelu) op.options()).alpha())
                                .build());
            case HARD_SWISH -> unary(c, "HardSwish", Attributes.empty());
            case RESHAPE -> reshape(c, (BuiltinOptions.Reshape) op.options());
            case CONCATENATION -> concat(c, (BuiltinOptions.Concatenation) op.options());
            case PAD, PADV2 -> pad(c);
            case TRANSPOSE -> transpose(c);
            case STRIDED_SLICE -> stridedSlice(c, (BuiltinOptions.StridedSlice) op.options());
            case TRANSPOSE_CONV -> transposeConv(c, (BuiltinOptions.TransposeConv) op.options());
            case QUANTIZE -> quantize(c);
            case DEQUANTIZE -> dequantize(c);
            case CAST -> cast(c);
            case SVDF -> svdf(c, (BuiltinOptions.Svdf) op.options());
            case UNIDIRECTIONAL_SEQUENCE_LSTM -> lstm(c, (BuiltinOptions.UnidirectionalSequenceLstm) op.options());
            case CUSTOM -> custom(c);
            default -> keepTflite(c, "tflite:" + code.name(), Attributes.builder());
        }
    }

    /** What every mapping needs: the operator, its code, the node name. */
    private record Ctx(TfliteOperator op, TfliteOperatorCode code, String name) {
        int in(int i) {
            return op.input(i);
        }

        int out() {
            return op.outputs()[0];
        }
    }

    // ---- spatial operators ----

    private void conv(Ctx c, BuiltinOptions.Conv2D o) {
        int[] xs = shape(c, c.in(0), 4, "input");
        int[] ws = shape(c, c.in(1), 4, "weights");
        if (ws[3] <= 0 || xs[3] % ws[3] != 0) {
            throw refuse(c, "input has " + xs[3] + " channels, not a multiple of the weights' " + ws[3]);
        }
        Attributes.Builder attrs = spatial(o.padding(), ws[1], ws[2], o.strideH(), o.strideW())
                .put(SpatialWindow.DILATIONS, o.dilationH(), o.dilationW())
                .put("group", xs[3] / ws[3]);
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        // TFLite's hybrid CONV_2D handles neither groups nor dilation: such layers keep dequantized float weights
        boolean hybridKernel = xs[3] == ws[3] && o.dilationH() == 1 && o.dilationW() == 1;
        String w = hybridKernel ? hybridWeightsKept(c, c.in(1)) : weights(c, c.in(1));
        node(c, c.name(), "Conv", attrs, List.of(a.input(c.in(0)), w, a.input(c.in(2))), y);
    }

    /** Depthwise: grouped Conv with group = C and the [1,kH,kW,C*m] weights as a new [C*m,kH,kW,1] constant. */
    private void depthwise(Ctx c, BuiltinOptions.DepthwiseConv2D o) {
        int[] xs = shape(c, c.in(0), 4, "input");
        int[] ws = shape(c, c.in(1), 4, "weights");
        int channels = xs[3];
        if (ws[0] != 1 || channels <= 0 || ws[3] % channels != 0) {
            throw refuse(
                    c,
                    "weights " + Arrays.toString(ws) + " do not fit a depthwise convolution of " + channels
                            + " channels");
        }
        if (!a.isConstant(c.in(1))) {
            throw refuse(c, "depthwise weights must be constant");
        }
        if (a.type(c.in(1)).dataType().isSubByte()) {
            throw refuse(
                    c, "INT4 depthwise weights are not supported (INT4 weights run on FULLY_CONNECTED and CONV_2D)");
        }
        String weights = a.constant(a.name(c.in(1)) + "_ohwi", hybridWeights(c, depthwiseWeights(c, ws)));
        Attributes.Builder attrs = spatial(o.padding(), ws[1], ws[2], o.strideH(), o.strideW())
                .put(SpatialWindow.DILATIONS, o.dilationH(), o.dilationW())
                .put("group", channels);
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        node(c, c.name(), "Conv", attrs, List.of(a.input(c.in(0)), weights, a.input(c.in(2))), y);
    }

    private Tensor depthwiseWeights(Ctx c, int[] ws) {
        TensorType type = a.type(c.in(1));
        int taps = ws[1] * ws[2];
        int outChannels = ws[3];
        int element = type.dataType().byteSize();
        ByteBuffer src = a.data(c.in(1));
        byte[] dst = new byte[taps * outChannels * element];
        for (int tap = 0; tap < taps; tap++) {
            for (int ch = 0; ch < outChannels; ch++) {
                src.get((tap * outChannels + ch) * element, dst, (ch * taps + tap) * element, element);
            }
        }
        Shape shape = Shape.of(outChannels, ws[1], ws[2], 1);
        TensorType newType = TensorType.of(type.dataType(), shape);
        if (type.quantization().isPresent()) {
            Quantization q = type.quantization().get();
            if (q.isPerAxis() && q.axis() != 3) {
                throw refuse(c, "depthwise weights are quantized along axis " + q.axis() + ", expected 3");
            }
            newType = TensorType.quantized(
                    type.dataType(), shape, q.isPerAxis() ? Quantization.perAxis(0, q.scales(), q.zeroPoints()) : q);
        }
        return Tensor.wrap(newType, ByteBuffer.wrap(dst).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The weights input of a dynamic-range ("hybrid") operator that a hybrid reference kernel computes as TFLite does
     * (FULLY_CONNECTED, ungrouped undilated CONV_2D: float activations quantized on the fly, int8 weights): int8
     * weights stay int8. Anything else goes through {@link #weights}.
     */
    private String hybridWeightsKept(Ctx c, int tensor) {
        if (isHybrid(c, tensor) && a.type(tensor).dataType() == DataType.INT8) {
            return a.input(tensor);
        }
        if (isHybrid(c, tensor) && a.type(tensor).dataType() == DataType.INT4) {
            return int4AsInt8(c, tensor);
        }
        return weights(c, tensor);
    }

    /**
     * INT4 weights (TFLite 2.20 FULLY_CONNECTED and CONV_2D): TFLite unpacks them to int8 and runs its int8 kernel,
     * so the node gets the unpacked values as an int8 constant with the same quantization; the integer arithmetic
     * is then the int8 kernel's, bit for bit. The values must lie in [-8, 7] (they do, by construction).
     */
    private String int4AsInt8(Ctx c, int tensor) {
        if (!a.isConstant(tensor)) {
            throw refuse(c, "INT4 weights " + a.name(tensor) + " must be constant");
        }
        TensorType type = a.type(tensor);
        Tensor packed = Tensor.wrap(type, a.data(tensor));
        int count = packed.elementCount();
        if (count % 2 == 1 && (packed.bytes().get(count / 2) & 0xf0) != 0) {
            throw new TfliteFormatException(a.source() + ": operator " + c.op().index() + " ("
                    + c.code().name()
                    + "): INT4 weights " + a.name(tensor) + " hold " + count + " elements, an odd count, but the "
                    + "unused high nibble of their last byte is not zero: the packing does not match the shape");
        }
        TensorType unpackedType = type.quantization().isPresent()
                ? TensorType.quantized(
                        DataType.INT8, type.shape(), type.quantization().get())
                : TensorType.of(DataType.INT8, type.shape());
        Tensor unpacked = Tensor.allocate(unpackedType);
        for (int i = 0; i < packed.elementCount(); i++) {
            unpacked.setLong(i, packed.getLong(i));
        }
        return a.constant(a.name(tensor) + "_int8", unpacked);
    }

    /**
     * The weights input of a convolution or fully-connected operator. A dynamic-range ("hybrid") operator that no
     * hybrid kernel computes (grouped, dilated or depthwise convolutions, uint8 weights) gets a float constant
     * holding the weights' real values ({@code (q - zp) * scale}), so the float kernels compute the layer; that
     * differs from a TFLite hybrid kernel by the on-the-fly activation quantization error.
     */
    private String weights(Ctx c, int tensor) {
        if (!isHybrid(c, tensor)) {
            return tensor >= 0 && a.type(tensor).dataType() == DataType.INT4 ? int4AsInt8(c, tensor) : a.input(tensor);
        }
        Tensor q = Tensor.wrap(a.type(tensor), a.data(tensor));
        return a.constant(a.name(tensor) + "_dequantized", QuantizedConstants.realValues(q));
    }

    private Tensor hybridWeights(Ctx c, Tensor reordered) {
        return isHybrid(c, c.in(1)) ? QuantizedConstants.realValues(reordered) : reordered;
    }

    private boolean isHybrid(Ctx c, int weights) {
        return a.type(c.in(0)).dataType().isFloatingPoint()
                && weights >= 0
                && a.isConstant(weights)
                && a.type(weights).isQuantized()
                && !a.type(weights).dataType().isFloatingPoint();
    }

    private void pool(Ctx c, String onnxOp, BuiltinOptions.Pool2D o) {
        shape(c, c.in(0), 4, "input");
        Attributes.Builder attrs = spatial(o.padding(), o.filterH(), o.filterW(), o.strideH(), o.strideW());
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        node(c, c.name(), onnxOp, attrs, List.of(a.input(c.in(0))), y);
    }

    /**
     * TRANSPOSE_CONV inputs are (output_shape, weights [O,kH,kW,I], input, bias). The static output
     * shape fixes explicit pads (TFLite puts the odd pixel at the end) and output_padding.
     */
    private void transposeConv(Ctx c, BuiltinOptions.TransposeConv o) {
        int[] ws = shape(c, c.in(1), 4, "weights");
        int[] xs = shape(c, c.in(2), 4, "input");
        int[] ys = shape(c, c.out(), 4, "output");
        int[] strides = {o.strideH(), o.strideW()};
        int[] pads = new int[4];
        int[] outputPadding = new int[2];
        for (int d = 0; d < 2; d++) {
            int natural = strides[d] * (xs[1 + d] - 1) + ws[1 + d];
            int total = o.padding() == Padding.SAME ? Math.max(natural - ys[1 + d], 0) : 0;
            pads[d] = total / 2;
            pads[d + 2] = total - total / 2;
            outputPadding[d] = ys[1 + d] - (natural - total);
            if (outputPadding[d] < 0) {
                throw refuse(c, "output shape " + Arrays.toString(ys) + " is smaller than the convolution yields");
            }
        }
        Attributes.Builder attrs = Attributes.builder()
                .put("data_format", NHWC)
                .put(SpatialWindow.KERNEL_SHAPE, ws[1], ws[2])
                .put(SpatialWindow.STRIDES, strides)
                .put(SpatialWindow.PADS, pads)
                .put(SpatialWindow.OUTPUT_PADDING, outputPadding)
                .put("group", 1);
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        node(c, c.name(), "ConvTranspose", attrs, List.of(a.input(c.in(2)), a.input(c.in(1)), a.input(c.in(3))), y);
    }

    private Attributes.Builder spatial(Padding padding, int kH, int kW, int sH, int sW) {
        // TFLite SAME puts the odd unit of padding at the end: ONNX SAME_UPPER
        return Attributes.builder()
                .put("data_format", NHWC)
                .put(SpatialWindow.KERNEL_SHAPE, kH, kW)
                .put(SpatialWindow.STRIDES, sH, sW)
                .put(AutoPad.ATTRIBUTE, (padding == Padding.SAME ? AutoPad.SAME_UPPER : AutoPad.VALID).name());
    }

    // ---- dense and elementwise ----

    /** Gemm with transB=1 on a [N, I] view of the input; Reshapes flatten the input and restore kept dims. */
    private void fullyConnected(Ctx c, BuiltinOptions.FullyConnected o) {
        if (o.weightsFormat() != 0) {
            throw refuse(c, "shuffled weights format " + o.weightsFormat() + " is not supported");
        }
        int[] ws = shape(c, c.in(1), 2, "weights");
        int[] xs = a.tensor(c.in(0)).shape();
        long elements = a.tensor(c.in(0)).elementCount();
        int inner = ws[1];
        if (inner <= 0 || elements % inner != 0) {
            throw refuse(c, "input " + Arrays.toString(xs) + " cannot be viewed as rows of " + inner);
        }
        int rows = (int) (elements / inner);
        String x = a.input(c.in(0));
        if (!(xs.length == 2 && xs[1] == inner)) {
            String flat = a.temporary(c.name() + "/flat", a.type(c.in(0)).withShape(Shape.of(rows, inner)));
            node(
                    c,
                    c.name() + "/flatten",
                    "Reshape",
                    Attributes.builder(),
                    List.of(x, int64Constant(c.name() + "/flat_shape", rows, inner)),
                    flat);
            x = flat;
        }
        int[] ys = a.tensor(c.out()).shape();
        Attributes.Builder attrs = Attributes.builder().put("transB", 1L);
        if (isHybrid(c, c.in(1))) {
            attrs.put(HYBRID_ASYMMETRIC_INPUTS, o.asymmetricQuantizeInputs() ? 1L : 0L);
        }
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        boolean restore = !(ys.length == 2 && ys[0] == rows && ys[1] == ws[0]);
        String gemmOut =
                restore ? a.temporary(c.name() + "/rows", a.type(c.out()).withShape(Shape.of(rows, ws[0]))) : y;
        node(c, c.name(), "Gemm", attrs, List.of(x, hybridWeightsKept(c, c.in(1)), a.input(c.in(2))), gemmOut);
        if (restore) {
            node(
                    c,
                    c.name() + "/unflatten",
                    "Reshape",
                    Attributes.builder(),
                    List.of(gemmOut, int64Constant(c.name() + "/out_shape", toLongs(ys))),
                    y);
        }
    }

    private void binary(Ctx c, String onnxOp, FusedActivation activation) {
        Attributes.Builder attrs = Attributes.builder();
        String y = fusedActivation(c, attrs, activation, c.out());
        node(c, c.name(), onnxOp, attrs, List.of(a.input(c.in(0)), a.input(c.in(1))), y);
    }

    private void unary(Ctx c, String onnxOp, Attributes attrs) {
        node(c, c.name(), onnxOp, Attributes.builder().putAll(attrs), List.of(a.input(c.in(0))), a.output(c.out()));
    }

    private void clip(Ctx c, double min, double max) {
        node(
                c,
                c.name(),
                "Clip",
                Attributes.builder(),
                List.of(
                        a.input(c.in(0)),
                        a.constant(c.name() + "/min", scalarLike(c.in(0), min)),
                        a.constant(c.name() + "/max", scalarLike(c.in(0), max))),
                a.output(c.out()));
    }

    private void softmax(Ctx c, BuiltinOptions.Softmax o) {
        Attributes.Builder attrs = Attributes.builder().put("axis", -1L);
        if (o.beta() != 1f) {
            attrs.put("beta", o.beta());
        }
        node(c, c.name(), "Softmax", attrs, List.of(a.input(c.in(0))), a.output(c.out()));
    }

    private void mean(Ctx c, BuiltinOptions.Reducer o) {
        long[] axes = constantInts(c, c.in(1), "axes");
        node(
                c,
                c.name(),
                "ReduceMean",
                Attributes.builder().put("keepdims", o.keepDims() ? 1L : 0L),
                List.of(a.input(c.in(0)), int64Constant(c.name() + "/axes", axes)),
                a.output(c.out()));
    }

    // ---- shape operators ----

    /** The new shape comes from the constant shape input, else the option, else the static output shape. */
    private void reshape(Ctx c, BuiltinOptions.Reshape o) {
        long[] shape;
        if (c.in(1) >= 0 && a.isConstant(c.in(1))) {
            shape = constantInts(c, c.in(1), "shape");
        } else if (o.newShape() != null && c.in(1) < 0) {
            shape = toLongs(o.newShape());
        } else {
            shape = toLongs(a.tensor(c.out()).shape());
        }
        node(
                c,
                c.name(),
                "Reshape",
                Attributes.builder(),
                List.of(a.input(c.in(0)), int64Constant(c.name() + "/shape", shape)),
                a.output(c.out()));
    }

    private void concat(Ctx c, BuiltinOptions.Concatenation o) {
        Attributes.Builder attrs = Attributes.builder().put("axis", (long) o.axis());
        String y = fusedActivation(c, attrs, o.activation(), c.out());
        List<String> inputs = new ArrayList<>();
        for (int i : c.op().inputs()) {
            inputs.add(a.input(i));
        }
        node(c, c.name(), "Concat", attrs, inputs, y);
    }

    /**
     * TFLite paddings are [rank, 2] (before, after per axis); ONNX pads are all befores then all
     * afters. Without PADV2's value a quantized tensor pads with its zero point (real 0), made
     * explicit as the constant_value input.
     */
    private void pad(Ctx c) {
        long[] paddings = constantInts(c, c.in(1), "paddings");
        int rank = a.tensor(c.in(0)).shape().length;
        if (paddings.length != 2 * rank) {
            throw refuse(c, "has " + paddings.length + " padding values for a rank-" + rank + " input");
        }
        long[] pads = new long[2 * rank];
        for (int d = 0; d < rank; d++) {
            pads[d] = paddings[2 * d];
            pads[rank + d] = paddings[2 * d + 1];
        }
        List<String> inputs = new ArrayList<>(List.of(a.input(c.in(0)), int64Constant(c.name() + "/pads", pads)));
        if (c.in(2) >= 0) {
            inputs.add(a.input(c.in(2)));
        } else if (a.type(c.in(0)).isQuantized()) {
            inputs.add(a.constant(c.name() + "/value", scalarLike(c.in(0), 0)));
        }
        node(c, c.name(), "Pad", Attributes.builder().put("mode", "constant"), inputs, a.output(c.out()));
    }

    private void transpose(Ctx c) {
        long[] perm = constantInts(c, c.in(1), "perm");
        node(
                c,
                c.name(),
                "Transpose",
                Attributes.builder().put("perm", perm),
                List.of(a.input(c.in(0))),
                a.output(c.out()));
    }

    /**
     * Slice with constant starts/ends/steps: begin/end masks become open bounds, shrunk axes a
     * one-element slice followed by a Reshape to the output shape.
     */
    private void stridedSlice(Ctx c, BuiltinOptions.StridedSlice o) {
        if (o.ellipsisMask() != 0 || o.newAxisMask() != 0) {
            throw refuse(
                    c,
                    "ellipsis_mask " + o.ellipsisMask() + " / new_axis_mask " + o.newAxisMask() + " are not supported");
        }
        long[] begin = constantInts(c, c.in(1), "begin");
        long[] end = constantInts(c, c.in(2), "end");
        long[] strides = constantInts(c, c.in(3), "strides");
        int[] xs = a.tensor(c.in(0)).shape();
        int n = begin.length;
        if (end.length != n || strides.length != n || n > xs.length) {
            throw refuse(
                    c,
                    "begin/end/strides have lengths " + n + "/" + end.length + "/" + strides.length + " for a rank-"
                            + xs.length + " input");
        }
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] axes = new long[n];
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            long stride = strides[i];
            if (stride == 0) {
                throw refuse(c, "stride of axis " + i + " is 0");
            }
            long start = (o.beginMask() >> i & 1) != 0 ? (stride > 0 ? 0 : Long.MAX_VALUE) : begin[i];
            long stop = o.offset() ? begin[i] + end[i] : end[i];
            if ((o.endMask() >> i & 1) != 0) {
                stop = stride > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
            if ((o.shrinkAxisMask() >> i & 1) != 0) {
                start = start < 0 ? start + xs[i] : start;
                stop = start + 1;
                stride = 1;
            }
            starts[i] = start;
            ends[i] = stop;
            axes[i] = i;
            steps[i] = stride;
        }
        List<String> inputs = List.of(
                a.input(c.in(0)),
                int64Constant(c.name() + "/starts", starts),
                int64Constant(c.name() + "/ends", ends),
                int64Constant(c.name() + "/axes", axes),
                int64Constant(c.name() + "/steps", steps));
        String y = a.output(c.out());
        if (o.shrinkAxisMask() == 0) {
            node(c, c.name(), "Slice", Attributes.builder(), inputs, y);
            return;
        }
        int[] kept = xs.clone();
        for (int i = 0; i < n; i++) {
            kept[i] = sliceLength(xs[i], starts[i], ends[i], steps[i]);
        }
        String sliced = a.temporary(c.name() + "/sliced", a.type(c.out()).withShape(Shape.of(kept)));
        node(c, c.name(), "Slice", Attributes.builder(), inputs, sliced);
        node(
                c,
                c.name() + "/shrink",
                "Reshape",
                Attributes.builder(),
                List.of(
                        sliced,
                        int64Constant(
                                c.name() + "/shape", toLongs(a.tensor(c.out()).shape()))),
                y);
    }

    /** ONNX Slice's element count along one axis (the spec's clamping rules). */
    static int sliceLength(int dim, long start, long end, long step) {
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            s = Math.max(0, Math.min(s, dim));
            e = Math.max(0, Math.min(e, dim));
            return (int) Math.max(0, (e - s + step - 1) / step);
        }
        s = Math.max(-1, Math.min(s, dim - 1));
        e = Math.max(-1, Math.min(e, dim - 1));
        return (int) Math.max(0, (s - e + (-step) - 1) / (-step));
    }

    // ---- quantization and casts ----

    /**
     * A float input becomes ONNX QuantizeLinear with explicit parameters only when quantized per axis; otherwise
     * (and always for an integer input, which TFLite requantizes) the node has the input alone and takes the
     * output's declared type and quantization, the TFLite form of the quantized kernel (TFLite rounds halves away
     * from zero, ONNX to even).
     */
    private void quantize(Ctx c) {
        TensorType out = a.type(c.out());
        Quantization q = out.quantization().orElseThrow(() -> refuse(c, "output has no quantization"));
        if (!q.isPerAxis()) {
            node(c, c.name(), "QuantizeLinear", Attributes.builder(), List.of(a.input(c.in(0))), a.output(c.out()));
            return;
        }
        if (!a.type(c.in(0)).dataType().isFloatingPoint()) {
            throw refuse(c, "requantizing to per-axis parameters is not supported");
        }
        node(
                c,
                c.name(),
                "QuantizeLinear",
                Attributes.builder().put("axis", (long) q.axis()),
                List.of(
                        a.input(c.in(0)),
                        a.constant(c.name() + "/scale", scales(q)),
                        a.constant(c.name() + "/zero_point", zeroPoints(q, out.dataType()))),
                a.output(c.out()));
    }

    /** Quantized input: DequantizeLinear with its parameters; float16 weights: a Cast to float32. */
    private void dequantize(Ctx c) {
        TensorType in = a.type(c.in(0));
        if (in.quantization().isEmpty()) {
            node(
                    c,
                    c.name(),
                    "Cast",
                    Attributes.builder().put("to", (long) TfliteTypes.onnxCode(DataType.FLOAT32)),
                    List.of(a.input(c.in(0))),
                    a.output(c.out()));
            return;
        }
        Quantization q = in.quantization().get();
        Attributes.Builder attrs = Attributes.builder();
        if (q.isPerAxis()) {
            attrs.put("axis", (long) q.axis());
        }
        node(
                c,
                c.name(),
                "DequantizeLinear",
                attrs,
                List.of(
                        a.input(c.in(0)),
                        a.constant(c.name() + "/scale", scales(q)),
                        a.constant(c.name() + "/zero_point", zeroPoints(q, in.dataType()))),
                a.output(c.out()));
    }

    private void cast(Ctx c) {
        node(
                c,
                c.name(),
                "Cast",
                Attributes.builder()
                        .put("to", (long) TfliteTypes.onnxCode(a.type(c.out()).dataType())),
                List.of(a.input(c.in(0))),
                a.output(c.out()));
    }

    private static Tensor scales(Quantization q) {
        return q.isPerAxis()
                ? Tensor.ofFloats(Shape.of(q.count()), q.scales())
                : Tensor.ofFloats(Shape.scalar(), q.scale());
    }

    private static Tensor zeroPoints(Quantization q, DataType type) {
        Tensor t = Tensor.allocate(TensorType.of(type, q.isPerAxis() ? Shape.of(q.count()) : Shape.scalar()));
        for (int i = 0; i < q.count(); i++) {
            t.setLong(i, q.zeroPoint(i));
        }
        return t;
    }

    // ---- operators kept in the tflite domain ----

    private void svdf(Ctx c, BuiltinOptions.Svdf o) {
        Attributes.Builder attrs = Attributes.builder()
                .put("rank", (long) o.rank())
                .put("asymmetric_quantize_inputs", o.asymmetricQuantizeInputs() ? 1L : 0L);
        activation(c, attrs, o.activation());
        keepTflite(c, "tflite:SVDF", attrs);
    }

    /** Inputs stay positional as in TFLite; the intermediates' quantization becomes attributes. */
    private void lstm(Ctx c, BuiltinOptions.UnidirectionalSequenceLstm o) {
        Attributes.Builder attrs = Attributes.builder()
                .put("cell_clip", o.cellClip())
                .put("proj_clip", o.projClip())
                .put("time_major", o.timeMajor() ? 1L : 0L)
                .put("asymmetric_quantize_inputs", o.asymmetricQuantizeInputs() ? 1L : 0L)
                .put("diagonal_recurrent_tensors", o.diagonalRecurrentTensors() ? 1L : 0L);
        activation(c, attrs, o.activation());
        int[] intermediates = c.op().intermediates();
        if (intermediates.length > 0) {
            float[] scales = new float[intermediates.length];
            long[] zeroPoints = new long[intermediates.length];
            for (int i = 0; i < intermediates.length; i++) {
                TfliteTensor t = a.tensor(intermediates[i]);
                scales[i] = t.isQuantized() ? t.quantization().scale()[0] : 0f;
                zeroPoints[i] = t.isQuantized() ? t.quantization().zeroPoint()[0] : 0L;
            }
            attrs.put("intermediate_scales", scales).put("intermediate_zero_points", zeroPoints);
        }
        keepTflite(c, "tflite:UnidirectionalSequenceLSTM", attrs);
    }

    /**
     * A custom operator becomes {@code tflite:<custom_code>} with its opcode version as opset version, positional
     * inputs and outputs as TFLite has them, and its custom_options decoded into typed attributes; which plugin
     * defines it is decided at load.
     */
    private void custom(Ctx c) {
        String customCode = c.code().customCode();
        String where = a.model().source() + ": operator " + c.op().index() + " (CUSTOM:" + customCode + ")";
        if (customCode.isEmpty() || customCode.indexOf(':') >= 0) {
            throw new TfliteFormatException(where + ": custom_code must be a non-empty name without ':'");
        }
        Attributes attrs = CustomOptions.decode(where, c.op().customOptions());
        List<String> inputs = new ArrayList<>();
        for (int i : c.op().inputs()) {
            inputs.add(a.input(i));
        }
        List<String> outputs = new ArrayList<>();
        for (int o : c.op().outputs()) {
            outputs.add(a.output(o));
        }
        a.node(
                customCode + "_" + c.op().index(),
                OpId.of(TFLITE_DOMAIN, customCode),
                c.code().version(),
                attrs,
                inputs,
                outputs);
    }

    private void keepTflite(Ctx c, String op, Attributes.Builder attrs) {
        List<String> inputs = new ArrayList<>();
        for (int i : c.op().inputs()) {
            inputs.add(a.input(i));
        }
        List<String> outputs = new ArrayList<>();
        for (int o : c.op().outputs()) {
            outputs.add(a.output(o));
        }
        a.node(c.name(), OpId.parse(op), c.code().version(), attrs.build(), inputs, outputs);
    }

    // ---- helpers ----

    private void node(Ctx c, String name, String op, Attributes.Builder attrs, List<String> inputs, String output) {
        a.node(name, OpId.of(op), GraphAssembly.ONNX_OPSET, attrs.build(), inputs, List.of(output));
    }

    /**
     * A fused activation. On a quantized output it becomes the {@code activation} attributes, which the quantized
     * kernels apply on the integer accumulator exactly as TFLite clamps it. On a float output it becomes a node of
     * its own after the operator (Relu, Clip, Tanh: exact for float, and no float kernel has to know the
     * attribute); the operator then writes a temporary, whose name this returns.
     *
     * @param output the TFLite output tensor
     * @return the value the operator itself must write
     */
    private String fusedActivation(Ctx c, Attributes.Builder attrs, FusedActivation activation, int output) {
        String y = a.output(output);
        TensorType type = a.type(output);
        if (activation == FusedActivation.NONE) {
            return y;
        }
        if (!type.dataType().isFloatingPoint()) {
            activation(c, attrs, activation);
            return y;
        }
        String raw = a.temporary(c.name() + "/pre_activation", type);
        String op = c.name() + "/" + activation.name().toLowerCase(java.util.Locale.ROOT);
        switch (activation) {
            case RELU -> node(c, op, "Relu", Attributes.builder(), List.of(raw), y);
            case RELU6 ->
                node(
                        c,
                        op,
                        "Clip",
                        Attributes.builder(),
                        List.of(
                                raw,
                                a.constant(op + "/min", floatScalar(type.dataType(), 0)),
                                a.constant(op + "/max", floatScalar(type.dataType(), 6))),
                        y);
            case RELU_N1_TO_1 ->
                node(
                        c,
                        op,
                        "Clip",
                        Attributes.builder(),
                        List.of(
                                raw,
                                a.constant(op + "/min", floatScalar(type.dataType(), -1)),
                                a.constant(op + "/max", floatScalar(type.dataType(), 1))),
                        y);
            case TANH -> node(c, op, "Tanh", Attributes.builder(), List.of(raw), y);
            default -> throw refuse(c, "fused activation " + activation + " is not supported");
        }
        return raw;
    }

    private static Tensor floatScalar(DataType type, double value) {
        Tensor t = Tensor.allocate(TensorType.of(type, Shape.scalar()));
        t.setDouble(0, value);
        return t;
    }

    /** Fused activation as attributes: Relu, Clip with [min, max] (RELU6, RELU_N1_TO_1), Tanh. */
    private void activation(Ctx c, Attributes.Builder attrs, FusedActivation activation) {
        dev.vela.spi.semantics.FusedActivation typed = switch (activation) {
            case NONE -> dev.vela.spi.semantics.FusedActivation.NONE;
            case RELU -> dev.vela.spi.semantics.FusedActivation.RELU;
            case RELU6 -> dev.vela.spi.semantics.FusedActivation.clip(0f, 6f);
            case RELU_N1_TO_1 -> dev.vela.spi.semantics.FusedActivation.clip(-1f, 1f);
            case TANH -> dev.vela.spi.semantics.FusedActivation.TANH;
            case SIGN_BIT -> throw refuse(c, "fused activation SIGN_BIT is not supported");
        };
        typed.writeTo(attrs);
    }

    private int[] shape(Ctx c, int tensor, int rank, String what) {
        if (tensor < 0) {
            throw refuse(c, "has no " + what);
        }
        int[] s = a.tensor(tensor).shape();
        if (s.length != rank) {
            throw refuse(
                    c,
                    what + " " + a.tensor(tensor).describe() + " has shape " + Arrays.toString(s) + ", expected rank "
                            + rank);
        }
        return s;
    }

    /** The values of a constant int32/int64 input. */
    private long[] constantInts(Ctx c, int tensor, String what) {
        if (tensor < 0 || !a.isConstant(tensor)) {
            throw refuse(c, what + " must be a constant");
        }
        TfliteTensor t = a.tensor(tensor);
        ByteBuffer data = a.data(tensor);
        int n = (int) t.elementCount();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.type()) {
                case INT32 -> data.getInt(4 * i);
                case INT64 -> data.getLong(8 * i);
                default -> throw refuse(c, what + " has type " + t.type() + ", expected INT32 or INT64");
            };
        }
        return out;
    }

    private String int64Constant(String hint, long... values) {
        return a.constant(hint, Tensor.ofLongs(Shape.of(values.length), values));
    }

    private String int64Constant(String hint, int a0, int a1) {
        return int64Constant(hint, new long[] {a0, a1});
    }

    /**
     * A scalar of the input's type holding a real value: quantized with the input's parameters
     * (rounded, saturated), else the value itself.
     */
    private Tensor scalarLike(int tensor, double real) {
        TensorType type = a.type(tensor);
        Tensor t = Tensor.allocate(
                type.isQuantized()
                        ? TensorType.quantized(
                                type.dataType(),
                                Shape.scalar(),
                                type.quantization().get())
                        : TensorType.of(type.dataType(), Shape.scalar()));
        if (type.isQuantized()) {
            Quantization q = type.quantization().get();
            long v = Math.round(real / q.scale()) + q.zeroPoint();
            t.setLong(0, Math.max(minOf(type.dataType()), Math.min(maxOf(type.dataType()), v)));
        } else if (type.dataType().isFloatingPoint()) {
            t.setDouble(0, real);
        } else {
            t.setLong(0, (long) real);
        }
        return t;
    }

    private static long minOf(DataType type) {
        return type.isSigned() ? -(1L << (8 * type.byteSize() - 1)) : 0;
    }

    private static long maxOf(DataType type) {
        return type.isSigned()
                ? (1L << (8 * type.byteSize() - 1)) - 1
                : type.byteSize() >= 8 ? Long.MAX_VALUE : (1L << (8 * type.byteSize())) - 1;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private UnsupportedFeatureException refuse(Ctx c, String why) {
        return new UnsupportedFeatureException(
                a.source() + ": operator " + c.op().index() + " (" + c.code().name() + "): " + why);
    }
}
