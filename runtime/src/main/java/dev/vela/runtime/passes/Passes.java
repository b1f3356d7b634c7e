package dev.vela.runtime.passes;

import dev.vela.spi.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The passes by name, and the default list a conversion runs. */
public final class Passes {

    private static final Map<String, Supplier<Pass>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("remove-identity", IdentityRemoval::new);
        ALL.put("fold-constants", ConstantFolding::new);
        ALL.put("fold-batchnorm", ConvBatchNormFolding::new);
        ALL.put("fuse-bias-add", BiasAddFusion::new);
        ALL.put("cancel-transposes", TransposeCancellation::new);
        ALL.put("fuse-activations", ActivationFusion::new);
        ALL.put("fuse-qdq", QdqFusion::new);
        ALL.put("layout-nhwc", () -> new LayoutConversion(Layout.NHWC));
        ALL.put("layout-nchw", () -> new LayoutConversion(Layout.NCHW));
        ALL.put("eliminate-dead-code", DeadCodeElimination::new);
        ALL.put("infer-shapes", ShapeInference::new);
    }

    /**
     * Default order: simplify, declare every value's type (so Shape nodes can fold), fold, cancel, then drop what became
     * dead (with the declarations of removed values). Rewrites keep value names and shapes, so declarations stay true.
     */
    private static final List<String> DEFAULTS = List.of(
            "remove-identity",
            "infer-shapes",
            "fold-constants",
            "fold-batchnorm",
            "fuse-bias-add",
            "cancel-transposes",
            "eliminate-dead-code");

    private Passes() {}

    /** @return every pass name, in registration order */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** @return the names of the default passes, in order */
    public static List<String> defaultNames() {
        return DEFAULTS;
    }

    /** @return the default passes: all but the layout conversions (a provider's choice)
     *     and the opt-in fusions {@code fuse-activations} (see {@link
     *     ActivationFusion}) and {@code fuse-qdq} (see {@link QdqFusion}) */
    public static List<Pass> defaults() {
        return byNames(DEFAULTS);
    }

    /**
     * @param names pass names
     * @return the passes in that order
     * @throws IllegalArgumentException naming an unknown pass and listing the known ones
     */
    public static List<Pass> byNames(List<String> names) {
        List<Pass> passes = new ArrayList<>(names.size());
        for (String n : names) {
            Supplier<Pass> p = ALL.get(n.trim());
            if (p == null) {
                throw new IllegalArgumentException(
                        "unknown pass '" + n + "'; known passes: " + String.join(", ", ALL.keySet()));
            }
            passes.add(p.get());
        }
        return passes;
    }
}
