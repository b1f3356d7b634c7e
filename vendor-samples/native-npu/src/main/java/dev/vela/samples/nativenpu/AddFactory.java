package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * int8 Add with numpy broadcasting (up to rank 6), TFLite's quantized ADD: both inputs shifted
 * left by 20 bits and rescaled to twice the larger input scale, summed, rescaled to the output.
 *
 * @since 0.1
 */
final class AddFactory extends NpuFactory<AddFactory.Spec> {

    private static final int MAX_RANK = 6;
    private static final int LEFT_SHIFT = 20;

    /** Resolved Add: broadcast loops and the 12 fixed-point parameters. */
    record Spec(int[] dims, int[] strideA, int[] strideB, int[] params, List<TensorType> inputs, TensorType output) {}

    AddFactory(Isa isa) {
        super("Add", Layout.ANY, isa);
    }

    @Override
    Spec analyze(Node node) {
        Int8Types.inputCount(node, 2, 2);
        Quantization qa = Int8Types.activation(node, 0);
        Quantization qb = Int8Types.activation(node, 1);
        Shape a = node.inputType(0).shape();
        Shape b = node.inputType(1).shape();
        Shape y = broadcast(node, a, b);
        if (y.rank() > MAX_RANK) {
            throw new InvalidNodeException(node, "rank " + y.rank() + " is above the supported " + MAX_RANK);
        }
        TensorType out = Int8Types.output(node, y, null);
        Quantization qy = out.quantization().orElseThrow();
        // TFLite add.cc: the ratios in double
        double twiceMax = 2 * (double) Math.max(qa.scale(), qb.scale());
        int[] ma = smallerThanOne(node, (double) qa.scale() / twiceMax);
        int[] mb = smallerThanOne(node, (double) qb.scale() / twiceMax);
        int[] my = smallerThanOne(node, twiceMax / ((1 << LEFT_SHIFT) * (double) qy.scale()));
        ActivationRange range = QuantMath.int8ActivationRange(node, qy);
        int[] params = {
            (int) -qa.zeroPoint(),
            (int) -qb.zeroPoint(),
            (int) qy.zeroPoint(),
            LEFT_SHIFT,
            ma[0],
            ma[1],
            mb[0],
            mb[1],
            my[0],
            my[1],
            range.min(),
            range.max()
        };
        int[] dims = new int[MAX_RANK];
        java.util.Arrays.fill(dims, 1);
        int offset = MAX_RANK - y.rank();
        for (int i = 0; i < y.rank(); i++) {
            dims[offset + i] = y.dim(i);
        }
        return new Spec(
                dims, strides(a, dims), strides(b, dims), params, List.of(node.inputType(0), node.inputType(1)), out);
    }

    private static int[] smallerThanOne(Node node, double real) {
        int[] q = QuantMath.quantizeMultiplier(real);
        if (q[1] > 0) {
            throw new InvalidNodeException(node, "scale ratio " + real + " must be below one (output scale too small)");
        }
        return q;
    }

    static Shape broadcast(Node node, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new InvalidNodeException(node, "shapes " + a + " and " + b + " do not broadcast");
            }
            dims[i] = da == 1 ? db : da;
        }
        return Shape.of(dims);
    }

    /** Element strides of {@code s} aligned to the six output dims, 0 where it broadcasts. */
    private static int[] strides(Shape s, int[] dims) {
        int[] strides = new int[MAX_RANK];
        int offset = MAX_RANK - s.rank();
        int stride = 1;
        for (int i = s.rank() - 1; i >= 0; i--) {
            strides[offset + i] = s.dim(i) == 1 && dims[offset + i] != 1 ? 0 : stride;
            stride *= s.dim(i);
        }
        return strides;
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_add_create(isa.code(), spec.dims(), spec.strideA(), spec.strideB(), spec.params());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_add_run(handle, inputs[0], inputs[1], output);
            }
        };
    }
}
