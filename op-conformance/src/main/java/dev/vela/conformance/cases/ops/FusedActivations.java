package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.semantics.FusedActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * Float cases carrying a fused activation ({@link FusedActivation}, defined by the reference), the form the TFLite importer and the
 * runtime's activation fusion give Conv, Gemm, MatMul and the arithmetic operators: one case in
 * {@value #ONE_IN} gets {@code Relu} or {@code Clip} with bounds that clip from below, from above, both, or to a
 * single value. A vendor that does not fuse activations declines those cases in {@code supports()}; one that
 * does is held to the reference on the plain node followed by the clamp. Shrinks toward no activation.
 */
final class FusedActivations {

    /** One generated float case in this many carries an activation. */
    static final int ONE_IN = 6;

    /** Clip bounds: ReLU6, a symmetric band, an asymmetric one, a single value, and an upper bound of 0. */
    private static final float[][] CLIP_BOUNDS = {{0f, 6f}, {-1f, 1f}, {-0.5f, 2.25f}, {1.5f, 1.5f}, {-3f, 0f}};

    private FusedActivations() {}

    /**
     * @param cases plain cases
     * @param type the claim's element type
     * @return the cases, one in {@value #ONE_IN} with a fused activation when the type is floating point
     */
    static Gen<OpCase> sometimes(Gen<OpCase> cases, DataType type) {
        if (!type.isFloatingPoint()) {
            return cases;
        }
        // 0: none; 1: Relu; 2..: Clip with CLIP_BOUNDS[k - 2]
        Gen<Integer> kind = Gens.frequency(
                Gens.weighted(ONE_IN - 1, Gens.constant(0)), Gens.weighted(1, Gens.ints(1, CLIP_BOUNDS.length + 1)));
        return Gens.keepingSchedule(cases, Gens.tuples(cases, kind).map(t -> fuse(t.first(), t.second())));
    }

    private static OpCase fuse(OpCase c, int kind) {
        if (kind == 0) {
            return c;
        }
        FusedActivation act = kind == 1
                ? FusedActivation.RELU
                : FusedActivation.clip(CLIP_BOUNDS[kind - 2][0], CLIP_BOUNDS[kind - 2][1]);
        Node node = with(c.node(), act::writeTo);
        List<String> labels = new ArrayList<>(c.labels());
        labels.add(kind == 1 ? "fused Relu" : "fused Clip");
        return new OpCase(node, c.inputs(), java.util.Set.copyOf(labels));
    }

    /**
     * @param valid a valid float node of the operator
     * @return invalid nodes: that node with a fused Clip whose bounds are missing, one number, or reversed
     */
    static Gen<InvalidNode> invalid(Node valid) {
        return Gens.elements(0, 1, 2).map(k -> switch (k) {
            case 0 -> new InvalidNode(malformedClip(valid, null), "fused Clip without " + FusedActivation.PARAMS);
            case 1 -> new InvalidNode(malformedClip(valid, new float[] {0f}), "fused Clip with one bound");
            default -> new InvalidNode(malformedClip(valid, new float[] {6f, 0f}), "fused Clip with min > max");
        });
    }

    /** A fused Clip with bounds FusedActivation would refuse to hold, written attribute by attribute. */
    private static Node malformedClip(Node valid, float[] params) {
        return with(valid, b -> {
            b.put(FusedActivation.ATTRIBUTE, FusedActivation.Kind.CLIP.attributeValue());
            if (params != null) {
                b.put(FusedActivation.PARAMS, params);
            }
        });
    }

    /** @return a copy of the node (inputs, their constant values, declared outputs) with its attributes changed */
    private static Node with(Node node, java.util.function.Consumer<dev.vela.spi.Attributes.Builder> change) {
        Node.Builder b = Node.builder(node.op()).name(node.name()).opset(node.opsetVersion());
        for (int i = 0; i < node.inputCount(); i++) {
            if (!node.hasInput(i)) {
                b.absentInput();
            } else if (node.inputValue(i).isPresent()) {
                b.constantInput(node.inputValue(i).get());
            } else {
                b.input(node.inputType(i));
            }
        }
        b.attributes().putAll(node.attributes());
        change.accept(b.attributes());
        b.outputs(node.outputCount());
        for (int i = 0; i < node.outputCount(); i++) {
            int o = i;
            node.outputQuantization(o).ifPresent(q -> b.outputQuantization(o, q));
            node.outputDataType(o).ifPresent(t -> b.outputDataType(o, t));
        }
        return b.build();
    }
}
