package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * Float32 Add and Mul with numpy broadcasting (any rank) and an optional fused activation. The broadcast is
 * reduced in prepare to at most six output dimensions with each input's element strides, merging neighbouring
 * dimensions that both inputs walk linearly (a same-shape Add becomes one run; a per-channel bias one run per
 * pixel); broadcasts that still need more than six dimensions are refused.
 */
final class BinaryFactory extends Fp32Factory<BinaryFactory.Spec> {

    /** Dimensions the native loop walks. */
    static final int RANK = 6;

    /**
     * @param dims output dimensions, padded to six
     * @param strideA A's element strides
     * @param strideB B's element strides
     * @param activation fused clamp
     * @param output output type
     */
    record Spec(int[] dims, int[] strideA, int[] strideB, FusedActivation activation, TensorType output) {}

    private final boolean mul;

    private BinaryFactory(String op, Isa isa) {
        super(op, isa, Layout.ANY);
        this.mul = op.equals("Mul");
    }

    /** @return the Add factory */
    static BinaryFactory add(Isa isa) {
        return new BinaryFactory("Add", isa);
    }

    /** @return the Mul factory */
    static BinaryFactory mul(Isa isa) {
        return new BinaryFactory("Mul", isa);
    }

    @Override
    Spec analyze(Node node) {
        NodeRules.inputs(node, 2, 2);
        int[] a = NodeRules.float32(node, 0).shape().dims();
        int[] b = NodeRules.float32(node, 1).shape().dims();
        int[] out = Broadcasting.shape(node, a, b);
        int[] sa = Broadcasting.strides(a, out.length);
        int[] sb = Broadcasting.strides(b, out.length);
        // merge dimension i into i+1 when both inputs step through them as one (stride_i = stride_{i+1} * dim_{i+1})
        List<int[]> merged = new ArrayList<>(); // {dim, strideA, strideB}, outermost first
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 1) {
                continue; // a unit dimension moves nothing
            }
            if (!merged.isEmpty()) {
                int[] prev = merged.get(merged.size() - 1);
                if (prev[1] == sa[i] * out[i] && prev[2] == sb[i] * out[i]) {
                    merged.set(merged.size() - 1, new int[] {prev[0] * out[i], sa[i], sb[i]});
                    continue;
                }
            }
            merged.add(new int[] {out[i], sa[i], sb[i]});
        }
        if (merged.size() > RANK) {
            throw new dev.vela.spi.InvalidNodeException(
                    node,
                    "broadcast of " + Shape.of(a) + " and " + Shape.of(b) + " needs " + merged.size()
                            + " loop dimensions; the native kernel walks at most " + RANK);
        }
        int[] dims = new int[RANK];
        int[] strideA = new int[RANK];
        int[] strideB = new int[RANK];
        java.util.Arrays.fill(dims, 1);
        int at = RANK - merged.size();
        for (int[] d : merged) {
            dims[at] = d[0];
            strideA[at] = d[1];
            strideB[at] = d[2];
            at++;
        }
        return new Spec(
                dims,
                strideA,
                strideB,
                NodeRules.clampActivation(node),
                TensorType.of(DataType.FLOAT32, Shape.of(out)));
    }

    @Override
    Kernel build(Node node, Spec s) {
        long plan = Fp32Native.fp32_binary_create(
                isa().code(),
                s.dims(),
                s.strideA(),
                s.strideB(),
                mul ? 1 : 0,
                s.activation().low(),
                s.activation().high());
        return new NativeKernel(
                plan, List.of(node.inputType(0), node.inputType(1)), s.output(), "node '" + node.name() + "'") {
            @Override
            void run(long handle, long[] inputs, long output, long scratch, int threads) {
                Fp32Native.fp32_binary_run(handle, inputs[0], inputs[1], output);
            }
        };
    }
}
