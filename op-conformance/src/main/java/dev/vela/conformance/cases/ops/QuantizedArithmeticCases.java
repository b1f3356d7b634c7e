package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for Add, Sub and Mul on int8 / int16: half quantized as TFLite's ADD / SUB / MUL
 * (broadcasting operands with their own scales and zero points at the extremes, a declared output
 * quantization that may saturate, fused Relu / Clip; int16 Mul and int16 zero points 0), half
 * plain integer arithmetic (no quantization, wrap-around), since the reference implements both
 * under the same claim. The Add layers of the real models are mixed in. One Add / Sub case in four, and eight of the
 * first of every run (one per edge), takes scales at a requantization edge (output scale twice an input's, input
 * scales in a ratio that is inexact in binary, an output multiplier at the top of its range) with small data, so that rounding ties decide outputs on purpose.
 * Mul likewise, one case in four and the first seven of every run ({@link #MUL_EDGES}).
 */
public final class QuantizedArithmeticCases implements CaseGenerator {

    private static final float[] SCALES = {0.0625f, 0.05f, 0.5f, 0.0078125f, 0.3f};
    private static final float[] OUTPUT_FACTORS = {2f, 1f, 0.1f, 8f};

    private final OpId op;

    /** @param op "Add", "Sub" or "Mul" */
    public QuantizedArithmeticCases(String op) {
        this.op = OpId.of(op);
    }

    /** @return the generators of Add, Sub and Mul */
    public static List<CaseGenerator> all() {
        return List.of(
                new QuantizedArithmeticCases("Add"),
                new QuantizedArithmeticCases("Sub"),
                new QuantizedArithmeticCases("Mul"));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.INT16);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<OpCase> quantized = Gens.tuples(
                        TensorGens.broadcastablePair(4, 5, 0),
                        Gens.tuples(
                                Knobs.of(0, 4, 0, 4, 0, 3, 0, 2),
                                Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type))),
                        Gens.tuples(QuantGens.zeroPoint(type), QuantGens.seeds()))
                .map(t -> quantized(
                        type,
                        t.first().first(),
                        t.first().second(),
                        t.second().first(),
                        t.second().second().first(),
                        t.second().second().second(),
                        t.third().first(),
                        t.third().second()));
        Gen<OpCase> plain = Gens.tuples(
                        TensorGens.broadcastablePair(4, 6, 24), TensorGens.pool(type), TensorGens.pool(type))
                .map(t -> {
                    TensorType a = TensorType.of(type, t.first().first());
                    TensorType b = TensorType.of(type, t.first().second());
                    Node node = Node.builder(op)
                            .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                            .input(a)
                            .input(b)
                            .build();
                    return new OpCase(
                            node,
                            List.of(TensorGens.tiled(a, t.second()), TensorGens.tiled(b, t.third())),
                            Set.of("plain integer"));
                });
        Gen<OpCase> both = Gens.oneOf(quantized, plain);
        if (op.toString().equals("Mul")) {
            List<Gen<OpCase>> first = scheduleAfterBinaryCases();
            for (int e = 0; e < MUL_EDGES.length; e++) {
                first.add(mulEdgeCases(type, Gens.constant(e)));
            }
            return Gens.firstCases(
                    Gens.frequency(
                            Gens.weighted(3, both),
                            Gens.weighted(1, mulEdgeCases(type, Gens.ints(0, MUL_EDGES.length - 1)))),
                    first);
        }
        Gen<OpCase> withEdges = Gens.frequency(
                Gens.weighted(3, both), Gens.weighted(1, edgeCases(type, Gens.ints(0, EDGES.length - 1))));
        Gen<OpCase> rest = op.toString().equals("Add") ? ModelLayers.mixedInto(withEdges, claim) : withEdges;
        List<Gen<OpCase>> first = scheduleAfterBinaryCases();
        for (int e = 0; e < EDGES.length; e++) {
            first.add(edgeCases(type, Gens.constant(e)));
        }
        return Gens.firstCases(rest, first);
    }

    /**
     * The requantization edges of Add and Sub as {input a scale, input b scale, output scale, data range} (scales
     * relative to a base scale; data within the range of the zero points). An output scale twice the larger
     * input's halves the sum, so an odd sum lands on a rounding tie; an input scale 0.3, 0.7 or 1/3 of the other
     * makes that input's rescaling inexact. An output scale 2^-13 of the inputs' puts the output multiplier
     * ({@code 2 * max(s_a, s_b) / (2^15 * s_y)} for int16) at 0.5 and 0.75, the top of its range, where the
     * output keeps the low bits of the rescaled inputs and a rounding in any step shows; its data is within 2 of
     * the zero point so the output stays in range (int8, which shifts by 20 bits, saturates there: an edge too).
     */
    private static final double[][] EDGES = {
        {1, 0.3, 2, 40},
        {1, 0.7, 2, 40},
        {0.3, 1, 2, 40},
        {1, 1.0 / 3, 2.0 / 3, 40},
        {1, 1, 2, 40},
        {1, 0.3, 0x1p-13, 2},
        {0.7, 1, 0x1p-13 * 2 / 3, 2},
        {1, 1.0 / 3, 0x1p-13, 2}
    };

    /**
     * The start of a schedule of first cases: the plain integer claims of these operators are also covered by
     * {@link BinaryCases}, whose broadcasting cases take the first {@value #BINARY_SCHEDULED} indices of a run when
     * the two are mixed, so the edges come after them.
     */
    private static List<Gen<OpCase>> scheduleAfterBinaryCases() {
        List<Gen<OpCase>> first = new ArrayList<>();
        for (int i = 0; i < BINARY_SCHEDULED; i++) {
            first.add(null);
        }
        return first;
    }

    /** Indices of a run's first cases that {@link BinaryCases} schedules (index 0 and its broadcasting pairs). */
    private static final int BINARY_SCHEDULED = 5;

    /**
     * The requantization edges of Mul as {effective multiplier s_a * s_b / s_y, data range around the zero points}:
     * 0.5 and 0.25 put odd products on rounding ties, 1/3 is inexact in binary, 0.999 sits at the top of the
     * fixed-point multiplier's range (one step below a shift change), 1.5 and 3 need a left shift (the multiplier
     * above one), and 2^-9 a long right shift of full-range products. The ranges keep most outputs inside the
     * type, so the rounding shows instead of saturation, and their ends saturate on purpose.
     */
    private static final double[][] MUL_EDGES = {
        {0.5, 12}, {0.25, 16}, {1.0 / 3, 16}, {0.999, 11}, {1.5, 9}, {3, 6}, {0x1p-9, 255}
    };

    /** Mul cases at a requantization edge: a tensor times the same shape, a row or a column. */
    private Gen<OpCase> mulEdgeCases(DataType type, Gen<Integer> edges) {
        Gen<dev.vela.conformance.property.Tuple2<Shape, Shape>> shapes = Knobs.of(0, 6, 0, 24, 0, 2)
                .map(k -> {
                    Shape out = Shape.of(2 + k[0], 8 + k[1]);
                    Shape other = k[2] == 0 ? out : k[2] == 1 ? Shape.of(out.dim(1)) : Shape.of(out.dim(0), 1);
                    return new dev.vela.conformance.property.Tuple2<>(out, other);
                });
        return Gens.tuples(
                        shapes,
                        Gens.tuples(QuantGens.scale(), edges),
                        Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type), QuantGens.seeds()))
                .map(t -> {
                    boolean int16 = type == DataType.INT16;
                    double sa = t.second().first() / (int16 ? 256.0 : 1.0);
                    double sb = 0.5 / (int16 ? 256.0 : 1.0);
                    double[] e = MUL_EDGES[t.second().second()];
                    double sy = sa * sb / e[0];
                    long range = (long) e[1];
                    long za = int16 ? 0 : t.third().first();
                    long zb = int16 ? 0 : t.third().second();
                    long zy = int16 ? 0 : Math.max(QuantGens.min(type) + 64, Math.min(QuantGens.max(type) - 64, za));
                    TensorType a =
                            TensorType.quantized(type, t.first().first(), Quantization.perTensor((float) sa, za));
                    TensorType b =
                            TensorType.quantized(type, t.first().second(), Quantization.perTensor((float) sb, zb));
                    Node node = Node.builder(op)
                            .name("mul")
                            .input(a)
                            .input(b)
                            .outputQuantization(0, Quantization.perTensor((float) sy, zy))
                            .build();
                    long seed = t.third().third();
                    return new OpCase(
                            node,
                            List.of(nearZeroPoint(a, seed, za, range), nearZeroPoint(b, seed + 1, zb, range)),
                            Set.of("quantized", "requantization edge", "multiplier " + e[0]));
                });
    }

    /** Data within {@code range} of the zero point, clipped to the type: small, so rounding shows, not saturation. */
    private static dev.vela.spi.Tensor nearZeroPoint(TensorType t, long seed, long zeroPoint, long range) {
        DataType type = t.dataType();
        return QuantGens.fill(
                t,
                seed,
                zeroPoint,
                Math.max(QuantGens.min(type), zeroPoint - range),
                Math.min(QuantGens.max(type), zeroPoint + range));
    }

    /** Add / Sub cases at a requantization edge with small data. */
    private Gen<OpCase> edgeCases(DataType type, Gen<Integer> edges) {
        // 16 to 256 output elements whatever the run's size (a tie is met by a fraction of the elements); b the
        // same shape, a row or a column
        Gen<dev.vela.conformance.property.Tuple2<Shape, Shape>> shapes = Knobs.of(0, 6, 0, 24, 0, 2)
                .map(k -> {
                    Shape out = Shape.of(2 + k[0], 8 + k[1]);
                    Shape other = k[2] == 0 ? out : k[2] == 1 ? Shape.of(out.dim(1)) : Shape.of(out.dim(0), 1);
                    return new dev.vela.conformance.property.Tuple2<>(out, other);
                });
        return Gens.tuples(
                        shapes,
                        Gens.tuples(QuantGens.scale(), edges),
                        Gens.tuples(QuantGens.zeroPoint(type), QuantGens.zeroPoint(type), QuantGens.seeds()))
                .map(t -> {
                    double base = t.second().first() / (type == DataType.INT16 ? 256.0 : 1.0);
                    double[] e = EDGES[t.second().second()];
                    long range = (long) e[3];
                    long za = type == DataType.INT16 ? 0 : t.third().first();
                    long zb = type == DataType.INT16 ? 0 : t.third().second();
                    long zy = type == DataType.INT16
                            ? 0
                            : Math.max(QuantGens.min(type) + 40, Math.min(QuantGens.max(type) - 40, za));
                    TensorType a = TensorType.quantized(
                            type, t.first().first(), Quantization.perTensor((float) (base * e[0]), za));
                    TensorType b = TensorType.quantized(
                            type, t.first().second(), Quantization.perTensor((float) (base * e[1]), zb));
                    Node node = Node.builder(op)
                            .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                            .input(a)
                            .input(b)
                            .outputQuantization(0, Quantization.perTensor((float) (base * e[2]), zy))
                            .build();
                    long seed = t.third().third();
                    return new OpCase(
                            node,
                            List.of(nearZeroPoint(a, seed, za, range), nearZeroPoint(b, seed + 1, zb, range)),
                            Set.of("quantized", "requantization edge"));
                });
    }

    private OpCase quantized(DataType type, Shape as, Shape bs, int[] k, long za, long zb, long zy, long seed) {
        boolean symmetric = type == DataType.INT16;
        float sa = SCALES[k[0]];
        float sb = SCALES[k[1]];
        float sy = op.toString().equals("Mul")
                ? sa * sb * 128 * OUTPUT_FACTORS[k[2]]
                : Math.max(sa, sb) * OUTPUT_FACTORS[k[2]];
        if (symmetric) {
            sa /= 256;
            sb /= 256;
            sy /= op.toString().equals("Mul") ? 65536 : 256;
            za = 0;
            zb = 0;
            zy = 0;
        }
        TensorType a = TensorType.quantized(type, as, Quantization.perTensor(sa, za));
        TensorType b = TensorType.quantized(type, bs, Quantization.perTensor(sb, zb));
        Node.Builder nb = Node.builder(op)
                .name(op.toString().toLowerCase(java.util.Locale.ROOT))
                .input(a)
                .input(b)
                .outputQuantization(0, Quantization.perTensor(sy, zy));
        String activation = QuantGens.ACTIVATIONS.get(k[3]);
        QuantGens.applyActivation(nb, activation);
        List<String> labels = new ArrayList<>(List.of("quantized", as.equals(bs) ? "same shapes" : "broadcast"));
        if (!activation.equals("None")) {
            labels.add("fused " + activation);
        }
        return new OpCase(
                nb.build(), List.of(QuantGens.fill(a, seed, za), QuantGens.fill(b, seed + 1, zb)), Set.copyOf(labels));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.tuples(Gens.ints(2, 5), Gens.ints(1, 3))
                .map(t -> new InvalidNode(
                        Node.builder(op)
                                .name("bad")
                                .input(TensorType.of(type, Shape.of(t.first())))
                                .input(TensorType.of(type, Shape.of(t.first() + t.second())))
                                .build(),
                        "shapes do not broadcast")));
    }
}
