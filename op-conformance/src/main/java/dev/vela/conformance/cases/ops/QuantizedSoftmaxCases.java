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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for quantized Softmax as TFLite's (int8, uint8, int16): rank 1 to 3 over the last axis,
 * beta 1, 0.5 or 2, input scales from fine to coarse, zero points at the extremes (int16: 0),
 * every output TFLite defines (int8 -> int8 1/256 zp -128 or int16 1/65536 zp -32768, uint8 ->
 * uint8 1/256, int16 -> int16 2^-15), plus the Softmax layers of the real models. One case in six, and one per
 * edge among the first of every run, sits at an edge of the fixed-point arithmetic ({@link #EDGES}).
 */
public final class QuantizedSoftmaxCases implements CaseGenerator {

    private static final OpId OP = OpId.of("Softmax");
    private static final float[] INPUT_SCALES = {0.0625f, 0.1f, 0.5f, 0.02f, 1f};
    private static final float[] BETAS = {1f, 0.5f, 2f};

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        // rank, dims x3, input scale, beta, int16 output (int8 input)
        Gen<OpCase> generated = Gens.tuples(
                        Knobs.of(1, 3, 1, 4, 1, 4, 1, 12, 0, 4, 0, 2, 0, 1),
                        QuantGens.zeroPoint(type),
                        QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    Shape shape = Shape.of(java.util.Arrays.copyOfRange(k, 1, 1 + k[0]));
                    float scale = type == DataType.INT16 ? INPUT_SCALES[k[4]] / 256 : INPUT_SCALES[k[4]];
                    TensorType xt = TensorType.quantized(type, shape, Quantization.perTensor(scale, t.second()));
                    Tensor x = QuantGens.fill(xt, t.third(), t.second());
                    Node.Builder b = Node.builder(OP).name("softmax").input(xt).attr("beta", BETAS[k[5]]);
                    String out;
                    if (type == DataType.INT16) {
                        b.outputQuantization(0, Quantization.perTensor(1f / 32768f, 0));
                        out = "int16 out";
                    } else if (type == DataType.INT8 && k[6] == 1) {
                        b.outputDataType(0, DataType.INT16)
                                .outputQuantization(0, Quantization.perTensor(1f / 65536f, -32768));
                        out = "int16 out";
                    } else {
                        b.outputQuantization(0, Quantization.perTensor(1f / 256f, type == DataType.INT8 ? -128 : 0));
                        out = type.label() + " out";
                    }
                    return new OpCase(b.build(), List.of(x), Set.of("rank " + k[0], out, "beta " + BETAS[k[5]]));
                });
        Gen<OpCase> withEdges = Gens.frequency(
                Gens.weighted(5, generated), Gens.weighted(1, edgeCases(type, Gens.ints(0, EDGES.length - 1))));
        List<Gen<OpCase>> first = new java.util.ArrayList<>();
        for (int e = 0; e < EDGES.length; e++) {
            first.add(edgeCases(type, Gens.constant(e)));
        }
        return Gens.firstCases(ModelLayers.mixedInto(withEdges, claim), first);
    }

    /** Rows of one repeated value. */
    private static final int EQUAL = 0;
    /** Rows spanning the whole range of the type. */
    private static final int FULL = 1;
    /** Rows of the maximum and the value one below it. */
    private static final int TWO_VALUES = 2;

    /**
     * The edges of TFLite's fixed-point Softmax as {input scale (int16: times 1/256), beta, data, row length}:
     * equal values (each output exactly 1/n, rounded); input scale x beta of 32 and more, where the input
     * multiplier {@code beta * s * 2^26} is clamped to 2^31 - 1 and almost every difference falls below
     * {@code diff_min} (the comparison there is inclusive); the whole range at scale 1, where the differences
     * cross diff_min; a tiny scale (all exponentials near 1); two adjacent values; and a row of 1000, a long
     * fixed-point accumulation.
     */
    private static final double[][] EDGES = {
        {0.1, 1, EQUAL, 7},
        {16, 2, FULL, 10},
        {1, 1, FULL, 33},
        {0.001, 1, FULL, 16},
        {0.5, 1, TWO_VALUES, 9},
        {0.0625, 1, FULL, 1000}
    };

    private static Gen<OpCase> edgeCases(DataType type, Gen<Integer> edges) {
        return Gens.tuples(edges, Gens.ints(1, 3), Gens.tuples(QuantGens.zeroPoint(type), QuantGens.seeds()))
                .map(t -> {
                    double[] e = EDGES[t.first()];
                    int rows = t.second();
                    int n = (int) e[3];
                    long zp = type == DataType.INT16 ? 0 : t.third().first();
                    float scale = (float) (type == DataType.INT16 ? e[0] / 256 : e[0]);
                    TensorType xt = TensorType.quantized(type, Shape.of(rows, n), Quantization.perTensor(scale, zp));
                    long seed = t.third().second();
                    long min = QuantGens.min(type);
                    long max = QuantGens.max(type);
                    Tensor x = switch ((int) e[2]) {
                        case EQUAL -> {
                            long v = Math.floorMod(seed, max - min + 1) + min;
                            yield QuantGens.fill(xt, seed, v, v, v);
                        }
                        case TWO_VALUES -> QuantGens.fill(xt, seed, max, max - 1, max);
                        default -> QuantGens.fill(xt, seed, zp, min, max);
                    };
                    Node.Builder b = Node.builder(OP).name("softmax").input(xt).attr("beta", (float) e[1]);
                    if (type == DataType.INT16) {
                        b.outputQuantization(0, Quantization.perTensor(1f / 32768f, 0));
                    } else {
                        b.outputQuantization(0, Quantization.perTensor(1f / 256f, type == DataType.INT8 ? -128 : 0));
                    }
                    return new OpCase(
                            b.build(), List.of(x), Set.of("requantization edge", "softmax edge " + t.first()));
                });
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        return s.dim(s.rank() - 1);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(2, 4)
                .map(n -> new InvalidNode(
                        Node.builder(OP)
                                .name("softmax")
                                .input(TensorType.quantized(type, Shape.of(n, 3), Quantization.perTensor(0.1f, 0)))
                                .attr("axis", 0L)
                                .outputQuantization(
                                        0,
                                        Quantization.perTensor(
                                                type == DataType.INT16 ? 1f / 32768f : 1f / 256f,
                                                type == DataType.INT8 ? -128 : 0))
                                .build(),
                        "axis 0 (TFLite: last axis only)")));
    }
}
