package dev.vela.conformance.cases;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.conformance.property.Tuple2;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/** Generators of tensors, element values and broadcastable shapes, shared by the per-operator case generators. */
public final class TensorGens {

    private TensorGens() {}

    /**
     * @return float values in [-100, 100], biased to edges, with one in 24 a special value (NaN, ±Inf, -0, subnormal, ±MAX)
     */
    public static Gen<Float> floatValues() {
        return Gens.floats(-100f, 100f, 24);
    }

    /**
     * Float values for operators that sum products (Gemm, MatMul): the standard values with ±MAX_VALUE replaced by
     * ±100. A product of MAX_VALUE with anything above 1 overflows the element type, and whether the result is then
     * infinite, NaN (an overflowed product times alpha 0, or meeting an infinity of the other sign) or the exact
     * finite value depends on the precision the kernel accumulates in, which ONNX leaves to the implementation:
     * the reference (accumulating in double) cannot say which is right. NaN, infinities, -0 and subnormals stay.
     *
     * @return the values
     */
    public static Gen<Float> reductionFloatValues() {
        return floatValues().map(v -> Math.abs(v) == Float.MAX_VALUE ? Math.copySign(100f, v) : v);
    }

    /**
     * @param type an integer type
     * @return values of that type: mostly small, one in four anywhere in its range (to reach wrap-around)
     */
    public static Gen<Long> integerValues(DataType type) {
        long min;
        long max;
        switch (type) {
            case INT4 -> {
                min = -8;
                max = 7;
            }
            case UINT4 -> {
                min = 0;
                max = 15;
            }
            case INT8 -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            case UINT8 -> {
                min = 0;
                max = 255;
            }
            case INT16 -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case UINT16 -> {
                min = 0;
                max = 65535;
            }
            case INT32 -> {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            case UINT32 -> {
                min = 0;
                max = 0xffffffffL;
            }
            case BOOL -> {
                min = 0;
                max = 1;
            }
            default -> {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
        }
        long smallMin = Math.max(min, -1000);
        long smallMax = Math.min(max, 1000);
        return Gens.frequency(Gens.weighted(3, Gens.longs(smallMin, smallMax)), Gens.weighted(1, Gens.longs(min, max)));
    }

    /**
     * @param type the tensor type
     * @param values generator of one element (as float)
     * @return float32 tensors of that type
     */
    public static Gen<Tensor> floatTensor(TensorType type, Gen<Float> values) {
        return Gens.floatArrays(values, type.elementCount()).map(v -> {
            Tensor t = Tensor.allocate(type);
            for (int i = 0; i < v.length; i++) {
                t.setDouble(i, v[i]);
            }
            return t;
        });
    }

    /**
     * @param type an integer tensor type
     * @param values generator of one element
     * @return tensors of that type (values keep the low bits that fit)
     */
    public static Gen<Tensor> integerTensor(TensorType type, Gen<Long> values) {
        return Gens.fixedLists(values, type.elementCount()).map(v -> {
            Tensor t = Tensor.allocate(type);
            for (int i = 0; i < v.size(); i++) {
                t.setLong(i, v.get(i));
            }
            return t;
        });
    }

    /** Most distinct values in a {@link #pool(DataType)}. */
    public static final int POOL_SIZE = 64;

    /**
     * A pool of element values, independent of any shape, for {@link #tiled(TensorType, List)}.
     * It shrinks by dropping values anywhere (so the one value that breaks a kernel moves to the
     * front) and then toward simple values.
     *
     * @param type a floating or integer type
     * @return pools of 1..{@value #POOL_SIZE} values of the standard generator for the type
     */
    public static Gen<List<Double>> pool(DataType type) {
        Gen<Double> value = type.isFloatingPoint()
                ? floatValues().map(Float::doubleValue)
                : integerValues(type).map(Long::doubleValue);
        return Gens.lists(value, 1, POOL_SIZE);
    }

    /**
     * A tensor whose elements repeat a pool of values: {@code t[i] = pool[i % pool.size()]}.
     * Combined with a shape by {@code tuples} (not {@code flatMap}), shrinking the shape keeps the
     * values, so a failure caused by one value shrinks to a single element. The data is periodic:
     * use it for elementwise operators only, where that cannot hide an indexing bug.
     *
     * @param type the tensor type
     * @param pool the values (integers exactly representable as doubles)
     * @return the tensor
     */
    public static Tensor tiled(TensorType type, List<Double> pool) {
        Tensor t = Tensor.allocate(type);
        boolean floating = type.dataType().isFloatingPoint();
        for (int i = 0; i < type.elementCount(); i++) {
            double v = pool.get(i % pool.size());
            if (floating) {
                t.setDouble(i, v);
            } else {
                t.setLong(i, (long) v);
            }
        }
        return t;
    }

    /**
     * @param type a floating or integer type
     * @return tensors with the standard value generator of the element type
     */
    public static Gen<Tensor> tensor(TensorType type) {
        return type.dataType().isFloatingPoint()
                ? floatTensor(type, floatValues())
                : integerTensor(type, integerValues(type.dataType()));
    }

    /**
     * Two shapes that broadcast together (ONNX multidirectional broadcasting). Shrinks toward
     * low rank, small dimensions and fewer elements.
     *
     * @param maxRank largest result rank
     * @param maxDim largest dimension
     * @param emptyOdds one dimension in this many is 0; 0 for never
     * @return pairs of operand shapes
     */
    public static Gen<Tuple2<Shape, Shape>> broadcastablePair(int maxRank, int maxDim, int emptyOdds) {
        return Gens.shapes(0, maxRank, maxDim, emptyOdds).flatMap(out -> Gens.tuples(operandOf(out), operandOf(out)));
    }

    /**
     * An operand shape broadcasting to {@code out}: usually all of it, sometimes only its trailing
     * dimensions, some set to 1. Shrinks toward fewer elements: fewer kept dimensions (down to a
     * scalar), more dimensions of 1.
     */
    private static Gen<Shape> operandOf(Shape out) {
        int rank = out.rank();
        Gen<Integer> kept = rank == 0
                ? Gens.constant(0)
                : Gens.frequency(Gens.weighted(1, Gens.ints(0, rank - 1)), Gens.weighted(3, Gens.constant(rank)));
        Gen<Boolean> one =
                Gens.frequency(Gens.weighted(1, Gens.constant(true)), Gens.weighted(3, Gens.constant(false)));
        Gen<List<Boolean>> ones = Gens.fixedLists(one, rank);
        return Gens.tuples(kept, ones).map(t -> {
            int[] dims = out.dims();
            int drop = rank - t.first();
            int[] operand = new int[rank - drop];
            for (int i = drop; i < rank; i++) {
                operand[i - drop] = t.second().get(i) ? 1 : dims[i];
            }
            return Shape.of(operand);
        });
    }

    /**
     * @param tensors some tensors (nulls ignored)
     * @return whether any holds NaN or an infinity
     */
    public static boolean hasSpecialValues(List<Tensor> tensors) {
        for (Tensor t : tensors) {
            if (t == null || !t.dataType().isFloatingPoint()) {
                continue;
            }
            for (int i = 0; i < t.elementCount(); i++) {
                double v = t.getDouble(i);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
