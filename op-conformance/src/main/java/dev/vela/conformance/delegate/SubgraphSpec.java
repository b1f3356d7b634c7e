package dev.vela.conformance.delegate;

import dev.vela.spi.DataType;
import dev.vela.spi.Layout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A generated subgraph, small enough to replay from one line: a seed (weights, quantization and inputs derive from it
 * and each step's position), the activation dimensions ({@code [1, height, width, channels]} in NHWC, {@code [1,
 * channels, height, width]} in NCHW), the steps, each applied to the value the previous one produced, and the kind
 * (element type and layout, int8 NHWC unless the line names another). Every step keeps the shape, so removing one leaves a
 * valid subgraph. A subgraph holding a {@link Step#GEMM} runs over rows instead: its activations are {@code [height *
 * width, channels]} (2-D, as the fully connected tail of a real model), and it holds only {@link #ROW_STEPS}.
 *
 * @param seed the seed
 * @param height the height
 * @param width the width
 * @param channels the channels
 * @param steps the steps in order, at least one
 * @param kind the activations' element type and layout
 */
public record SubgraphSpec(long seed, int height, int width, int channels, List<Step> steps, Kind kind)
        implements KitCase {

    /**
     * The element type and layout of a generated subgraph's activations: the kinds a delegate's claims allow are
     * generated in turn, so a delegate claiming NHWC and NCHW float Convs gets subgraphs of both layouts.
     */
    public enum Kind {
        /** int8, NHWC (the only kind before float subgraphs; its line form names no kind). */
        INT8_NHWC(DataType.INT8, Layout.NHWC),
        /** float32, NHWC. */
        FLOAT32_NHWC(DataType.FLOAT32, Layout.NHWC),
        /** float32, NCHW (Conv weights OIHW, pools and Pad over the last two axes, Softmax and Concat over axis 1). */
        FLOAT32_NCHW(DataType.FLOAT32, Layout.NCHW);

        private final DataType type;
        private final Layout layout;

        Kind(DataType type, Layout layout) {
            this.type = type;
            this.layout = layout;
        }

        /** @return the activations' element type */
        public DataType type() {
            return type;
        }

        /** @return the layout of Conv, pooling and Pad */
        public Layout layout() {
            return layout;
        }

        /** @return the line form's name, e.g. {@code float32/NCHW} */
        public String label() {
            return type.label() + "/" + layout.name();
        }

        static Kind parse(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "unknown kind '" + label + "', expected one of int8/NHWC," + " float32/NHWC, float32/NCHW");
        }
    }

    /** What one step does to the running value {@code v}. */
    public enum Step {
        /** Conv 3x3, pads 1, stride 1, C to C channels, per-channel weights, int32 bias, sometimes Relu. */
        CONV3X3,
        /** Conv 1x1, C to C channels, per-tensor weights. */
        CONV1X1,
        /** Add of {@code v} and the value before the previous step (a residual connection; the input at first). */
        ADD_RESIDUAL,
        /** Add of {@code v} and the subgraph's second input (a branch from outside). */
        ADD_INPUT,
        /** A constant Pad by one on each spatial side followed by a 3x3 Conv without padding. */
        PAD_CONV,
        /** Two branches from {@code v}, a 1x1 Conv and a 3x3 Conv (each with its own weights and quantization), joined by an Add. */
        BRANCH_ADD,
        /** MaxPool 3x3, stride 1, SAME padding (NHWC): the output keeps the input's quantization. */
        MAXPOOL3X3,
        /** AveragePool 3x3, stride 1, SAME padding excluded from the average (NHWC), input's quantization. */
        AVGPOOL3X3,
        /** Softmax over the channels, output quantized with scale 1/256 and zero point -128 (as TFLite fixes it). */
        SOFTMAX,
        /**
         * Two 1x1 Conv branches from {@code v} (C to C channels each, outputs in one quantization as Concat requires)
         * joined by a Concat over the channels, then a 1x1 Conv from 2C back to C channels.
         */
        CONCAT_CONV,
        /**
         * Gemm (TFLite FULLY_CONNECTED): C to C features, weights [C, C] with {@code transB=1}, symmetric per tensor or
         * per output channel, int32 bias. Makes the whole subgraph run over rows ({@link #rows()}).
         */
        GEMM
    }

    /** The steps defined on 2-D rows, the only ones a subgraph with a {@link Step#GEMM} may hold. */
    public static final Set<Step> ROW_STEPS = EnumSet.of(Step.GEMM, Step.ADD_RESIDUAL, Step.ADD_INPUT, Step.SOFTMAX);

    /**
     * An int8 NHWC subgraph.
     *
     * @param seed the seed
     * @param height the height
     * @param width the width
     * @param channels the channels
     * @param steps the steps in order, at least one
     */
    public SubgraphSpec(long seed, int height, int width, int channels, List<Step> steps) {
        this(seed, height, width, channels, steps, Kind.INT8_NHWC);
    }

    /** Copies the steps. */
    public SubgraphSpec {
        java.util.Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("a subgraph needs a step and positive dimensions");
        }
        if (steps.contains(Step.GEMM) && !ROW_STEPS.containsAll(steps)) {
            throw new IllegalArgumentException(
                    "a subgraph with a GEMM runs over rows and may hold only " + ROW_STEPS + ", got " + steps);
        }
    }

    /**
     * @param other a kind
     * @return the same subgraph with activations of that kind
     */
    public SubgraphSpec as(Kind other) {
        return new SubgraphSpec(seed, height, width, channels, steps, other);
    }

    /**
     * @param fewer other steps
     * @return the same subgraph with those steps
     */
    public SubgraphSpec withSteps(List<Step> fewer) {
        return new SubgraphSpec(seed, height, width, channels, fewer, kind);
    }

    /**
     * @param h the height
     * @param w the width
     * @param c the channels
     * @return the same subgraph with those dimensions
     */
    public SubgraphSpec withDims(int h, int w, int c) {
        return new SubgraphSpec(seed, h, w, c, steps, kind);
    }

    @Override
    public int size() {
        return steps.size();
    }

    /** @return whether the activations are 2-D rows {@code [height * width, channels]} (the subgraph holds a Gemm) */
    public boolean rows() {
        return steps.contains(Step.GEMM);
    }

    /** @return whether the subgraph reads the second input */
    public boolean usesSecondInput() {
        return steps.contains(Step.ADD_INPUT);
    }

    /**
     * @return the one-line form {@link #parse} reads: {@code seed=7 dims=1x5x5x3 steps=CONV3X3,ADD_RESIDUAL}, with
     *     {@code kind=float32/NCHW} after it for a kind other than int8 NHWC
     */
    @Override
    public String toLine() {
        List<String> names = new ArrayList<>();
        steps.forEach(s -> names.add(s.name()));
        return String.format(
                        Locale.ROOT,
                        "seed=%d dims=1x%dx%dx%d steps=%s",
                        seed,
                        height,
                        width,
                        channels,
                        String.join(",", names))
                + (kind == Kind.INT8_NHWC ? "" : " kind=" + kind.label());
    }

    /**
     * @param line the {@link #toLine()} form
     * @return the spec
     * @throws IllegalArgumentException naming what is malformed
     */
    public static SubgraphSpec parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 3
                || parts.length > 4
                || !parts[0].startsWith("seed=")
                || !parts[1].startsWith("dims=1x")
                || !parts[2].startsWith("steps=")
                || (parts.length == 4 && !parts[3].startsWith("kind="))) {
            throw new IllegalArgumentException(
                    "expected 'seed=S dims=1xHxWxC steps=A,B' (and optionally ' kind=float32/NHWC'), got '" + line
                            + "'");
        }
        String[] dims = parts[1].substring("dims=1x".length()).split("x");
        if (dims.length != 3) {
            throw new IllegalArgumentException("dims must be 1xHxWxC, got '" + parts[1] + "'");
        }
        List<Step> steps = new ArrayList<>();
        for (String s : parts[2].substring("steps=".length()).split(",")) {
            steps.add(Step.valueOf(s));
        }
        return new SubgraphSpec(
                Long.parseLong(parts[0].substring(5)),
                Integer.parseInt(dims[0]),
                Integer.parseInt(dims[1]),
                Integer.parseInt(dims[2]),
                steps,
                parts.length == 4 ? Kind.parse(parts[3].substring("kind=".length())) : Kind.INT8_NHWC);
    }
}
