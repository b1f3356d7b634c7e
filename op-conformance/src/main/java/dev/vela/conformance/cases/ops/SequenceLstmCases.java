package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM with its positional inputs: 0 input [B, T, I]
 * (or [T, B, I] with {@code time_major}), 1-4 input weights [S, I], 5-8 recurrent weights [S, S],
 * 9-11 peepholes (absent), 12-15 gate biases [S], 16-17 projection (absent), 18 hidden state and
 * 19 cell state [B, S] (plain inputs: their initial values), 20-23 layer norm (absent, or left off:
 * 20 or 24 inputs). Int8 and int16 follow the DTLN / micro_speech LSTMs: int8 weights per-tensor
 * with a scale of each gate's own,
 * int32 (int8) or int64 (int16) biases at input scale * weight scale, a hidden state quantized like
 * the output (about 1/128, any zero point for int8, 0 for int16), an int16 cell state with a
 * power-of-two scale (2^-11 or 2^-12 in the real models), and intermediates' quantization attributes
 * ({@code intermediate_scales}, {@code intermediate_zero_points}) shaped as the importer gives them.
 * Float32 also tries CIFG (no input gate) and the
 * cell activations Relu, Sigmoid and Clip. Both add cell clipping and time-major inputs. Shrinks
 * toward batch 1, one time step, one unit. Invalid: wrong arity, a missing hidden state, (quantized)
 * a cell state whose scale is not a power of two.
 */
public final class SequenceLstmCases implements CaseGenerator {

    private static final OpId OP = OpId.parse("tflite:UnidirectionalSequenceLSTM");
    private static final int HIDDEN = 18;
    /** Input scales: DTLN's LSTM inputs have 0.069 and 0.0077, micro_speech's 0.61, trained_lstm's 1/255. */
    private static final float[] INPUT_SCALES = {0.0625f, 0.0077f, 0.61f, 0.0039f};
    /** Weight scales (each gate scales its own about these): the real models' lie in 0.0035..0.044. */
    private static final float[] WEIGHT_SCALES = {0.0078125f, 0.0035f, 0.025f, 0.044f};
    /** Hidden state (= output) scales near the 1/128 of a [-1, 1] tanh output, as in the real models. */
    private static final float[] HIDDEN_SCALES = {0.0078125f, 0.0073633f, 0.004f, 0.015f};
    /** Cell state scale exponents (powers of two): the real models use 2^-11 and 2^-12. */
    private static final int[] CELL_POWERS = {-11, -12, -10, -15};
    /** Cell clips tried, shrinking toward none; the converter writes 10. */
    private static final float[] CELL_CLIPS = {0f, 10f, 0.5f};
    /** Each gate's weight scale relative to the case's, since every gate has its own. */
    private static final float[] GATE_FACTORS = {1f, 0.8f, 1.2f, 1.9f};
    /** Cell activations of the float path, shrinking toward the default. */
    private static final List<String> FLOAT_ACTIVATIONS = List.of("Tanh", "Relu", "Sigmoid", "Clip");

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.INT16, DataType.FLOAT32);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // batch, steps, input, state, time-major, trailing layer-norm slots, cell clip, input scale,
        // weight scale, hidden scale, cell power, activation (float: Tanh..Clip; quantized: Tanh or Sigmoid), CIFG
        Gen<int[]> knobs = Knobs.of(1, 2, 1, 4, 1, 8, 1, 8, 0, 1, 0, 1, 0, 2, 0, 3, 0, 3, 0, 3, 0, 3, 0, 3, 0, 1);
        Gen<Long> zeroPoints = type == DataType.FLOAT32 ? Gens.constant(0L) : QuantGens.zeroPoint(type);
        return Gens.tuples(knobs, Gens.tuples(zeroPoints, zeroPoints), QuantGens.seeds())
                .map(t -> build(type, t.first(), t.second().first(), t.second().second(), t.third()));
    }

    private static OpCase build(DataType type, int[] k, long inputZero, long hiddenZero, long seed) {
        int batch = k[0];
        int steps = k[1];
        int inputSize = k[2];
        int state = k[3];
        boolean timeMajor = k[4] == 1;
        boolean quantized = type != DataType.FLOAT32;
        boolean cifg = !quantized && k[12] == 1;
        List<String> labels = new ArrayList<>(List.of(
                batch > 1 ? "batched" : "batch 1",
                steps > 1 ? "sequence" : "one step",
                timeMajor ? "time-major" : "batch-major"));
        Shape xs = timeMajor ? Shape.of(steps, batch, inputSize) : Shape.of(batch, steps, inputSize);
        Gates g = quantized ? new QuantizedGates(type, k, inputZero, hiddenZero) : new FloatGates();
        TensorType xt = g.activation(xs);
        Node.Builder b = Node.builder(OP).name("lstm").input(xt);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(g.fill(xt, seed));
        for (int gate = 0; gate < 4; gate++) {
            constantOrAbsent(
                    b, inputs, cifg && gate == 0 ? null : g.weights(Shape.of(state, inputSize), gate, seed + 1 + gate));
        }
        for (int gate = 0; gate < 4; gate++) {
            constantOrAbsent(
                    b, inputs, cifg && gate == 0 ? null : g.weights(Shape.of(state, state), 3 - gate, seed + 5 + gate));
        }
        absent(b, inputs, 3); // 9-11 peepholes
        for (int gate = 0; gate < 4; gate++) {
            constantOrAbsent(b, inputs, cifg && gate == 0 ? null : g.bias(state, gate, seed + 12 + gate));
        }
        absent(b, inputs, 2); // 16-17 projection
        TensorType ht = g.hidden(Shape.of(batch, state));
        TensorType ct = g.cell(Shape.of(batch, state));
        b.input(ht).input(ct);
        inputs.add(g.fill(ht, seed + 18));
        inputs.add(g.fill(ct, seed + 19));
        if (k[5] == 1) {
            absent(b, inputs, 4); // 20-23 layer norm
            labels.add("24 inputs");
        }
        if (timeMajor) {
            b.attr("time_major", 1L);
        }
        float clip = CELL_CLIPS[k[6]];
        if (clip > 0) {
            b.attr("cell_clip", clip);
            labels.add("cell clip");
        }
        String activation = quantized ? (k[11] == 1 ? "Sigmoid" : "Tanh") : FLOAT_ACTIVATIONS.get(k[11]);
        if (!activation.equals("Tanh")) {
            // the cell activation's Clip keeps to [-1, 1], the range of the Tanh it replaces
            (activation.equals("Clip") ? FusedActivation.clip(-1f, 1f) : QuantGens.activation(activation))
                    .writeTo(b.attributes());
            labels.add("cell activation " + activation);
        }
        if (cifg) {
            labels.add("CIFG");
        }
        if (quantized) {
            // the output is quantized like the hidden state it copies, as in the converted models
            Quantization hq = ht.quantization().orElseThrow();
            b.outputQuantization(0, hq);
            // the five intermediates as the importer gives them for the real models: four unset, the last
            // the hidden state's; the reference ignores them (Q3.12 gates, the hidden state's own quantization)
            b.attributes()
                    .put("intermediate_scales", 0f, 0f, 0f, 0f, hq.scale())
                    .put("intermediate_zero_points", 0L, 0L, 0L, 0L, hq.zeroPoint());
            labels.add(
                    hiddenZero == QuantGens.min(type) || hiddenZero == QuantGens.max(type)
                            ? "extreme hidden zero point"
                            : "hidden zero point inside");
        }
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    private static void constantOrAbsent(Node.Builder b, List<Tensor> inputs, Tensor value) {
        if (value == null) {
            b.absentInput();
        } else {
            b.constantInput(value);
        }
        inputs.add(value);
    }

    private static void absent(Node.Builder b, List<Tensor> inputs, int count) {
        for (int i = 0; i < count; i++) {
            b.absentInput();
            inputs.add(null);
        }
    }

    /** Types and data of one case's tensors. */
    private interface Gates {
        TensorType activation(Shape shape);

        TensorType hidden(Shape shape);

        TensorType cell(Shape shape);

        /** @param gate picks the gate's own weight scale */
        Tensor weights(Shape shape, int gate, long seed);

        /** @param gate the gate whose input weights' scale the bias scale follows */
        Tensor bias(int state, int gate, long seed);

        Tensor fill(TensorType type, long seed);
    }

    /** Float32: weights in [-0.8, 0.8], activations and states in [-2, 2]. */
    private static final class FloatGates implements Gates {
        @Override
        public TensorType activation(Shape shape) {
            return TensorType.of(DataType.FLOAT32, shape);
        }

        @Override
        public TensorType hidden(Shape shape) {
            return activation(shape);
        }

        @Override
        public TensorType cell(Shape shape) {
            return activation(shape);
        }

        @Override
        public Tensor weights(Shape shape, int gate, long seed) {
            return QuantGens.fillFloats(activation(shape), seed, 0.8f);
        }

        @Override
        public Tensor bias(int state, int gate, long seed) {
            return QuantGens.fillFloats(activation(Shape.of(state)), seed, 1f);
        }

        @Override
        public Tensor fill(TensorType type, long seed) {
            return QuantGens.fillFloats(type, seed, 2f);
        }
    }

    /** Int8 / int16 activations with int8 weights and an int16 cell state. */
    private static final class QuantizedGates implements Gates {
        private final DataType type;
        private final Quantization input;
        private final Quantization hidden;
        private final Quantization cell;
        private final float weightScale;

        QuantizedGates(DataType type, int[] k, long inputZero, long hiddenZero) {
            boolean wide = type == DataType.INT16;
            this.type = type;
            // int16 activations are symmetric with scales 2^8 finer
            float narrowing = wide ? 1f / 256 : 1f;
            this.input = Quantization.perTensor(INPUT_SCALES[k[7]] * narrowing, wide ? 0 : inputZero);
            this.hidden = Quantization.perTensor(HIDDEN_SCALES[k[9]] * narrowing, wide ? 0 : hiddenZero);
            this.cell = Quantization.perTensor((float) Math.scalb(1.0, CELL_POWERS[k[10]]), 0);
            this.weightScale = WEIGHT_SCALES[k[8]];
        }

        @Override
        public TensorType activation(Shape shape) {
            return TensorType.quantized(type, shape, input);
        }

        @Override
        public TensorType hidden(Shape shape) {
            return TensorType.quantized(type, shape, hidden);
        }

        @Override
        public TensorType cell(Shape shape) {
            return TensorType.quantized(DataType.INT16, shape, cell);
        }

        @Override
        public Tensor weights(Shape shape, int gate, long seed) {
            return QuantGens.fill(
                    TensorType.quantized(
                            DataType.INT8, shape, Quantization.perTensor(weightScale * GATE_FACTORS[gate], 0)),
                    seed,
                    0,
                    -127,
                    127);
        }

        @Override
        public Tensor bias(int state, int gate, long seed) {
            DataType bt = type == DataType.INT16 ? DataType.INT64 : DataType.INT32;
            return QuantGens.fill(
                    TensorType.quantized(
                            bt,
                            Shape.of(state),
                            Quantization.perTensor(input.scale() * weightScale * GATE_FACTORS[gate], 0)),
                    seed,
                    0,
                    -4_000,
                    4_000);
        }

        @Override
        public Tensor fill(TensorType t, long seed) {
            return QuantGens.fill(
                    t, seed, t.quantization().map(Quantization::zeroPoint).orElse(0L));
        }
    }

    @Override
    public int reductionSize(OpCase c) {
        // each gate sums input and recurrent products; the steps chain them
        Shape x = c.node().inputType(0).shape();
        int state = c.node().inputType(HIDDEN).shape().dim(1);
        int steps = c.node().attributes().getLong("time_major", 0) != 0 ? x.dim(0) : x.dim(1);
        return (x.dim(2) + state) * steps;
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Knobs.of(0, 2, 1, 3).map(k -> {
            int units = k[1];
            Gates g = type == DataType.FLOAT32
                    ? new FloatGates()
                    : new QuantizedGates(type, new int[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 0);
            Node.Builder b = Node.builder(OP).name("lstm").input(g.activation(Shape.of(1, 2, 2)));
            if (k[0] == 0) {
                for (int i = 1; i < 8; i++) {
                    b.constantInput(g.weights(Shape.of(units, 2), 0, i));
                }
                return new InvalidNode(b.build(), "wrong arity: 8 inputs");
            }
            for (int i = 1; i <= 4; i++) {
                b.constantInput(g.weights(Shape.of(units, 2), i - 1, i));
            }
            for (int i = 5; i <= 8; i++) {
                b.constantInput(g.weights(Shape.of(units, units), i - 5, i));
            }
            b.absentInput().absentInput().absentInput();
            for (int i = 12; i <= 15; i++) {
                b.constantInput(g.bias(units, i - 12, i));
            }
            b.absentInput().absentInput();
            if (k[0] == 1) {
                b.absentInput().input(g.cell(Shape.of(1, units)));
                return new InvalidNode(b.build(), "hidden state (input 18) missing");
            }
            if (type == DataType.FLOAT32) {
                b.input(g.hidden(Shape.of(1, units + 1))).input(g.cell(Shape.of(1, units)));
                return new InvalidNode(b.build(), "hidden state of " + (units + 1) + " units for " + units + " units");
            }
            b.input(g.hidden(Shape.of(1, units)))
                    .input(TensorType.quantized(DataType.INT16, Shape.of(1, units), Quantization.perTensor(0.001f, 0)));
            return new InvalidNode(b.build(), "cell state scale 0.001 is not a power of two");
        }));
    }
}
