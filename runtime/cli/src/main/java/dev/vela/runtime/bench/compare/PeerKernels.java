package dev.vela.runtime.bench.compare;

import java.util.Locale;

/**
 * Which kernels the comparison engine runs. The default is what an application developer gets from the engine
 * without configuring anything — TFLite with its default XNNPACK delegate (applied by {@code BuiltinOpResolver}
 * since TFLite 2.3), ONNX Runtime with its default session options — because that is the speed users compare us
 * against. TFLite's builtin CPU kernels without a delegate are 1.7–15× slower than XNNPACK on x86 (the samples'
 * models, runtime README "Benchmarks") and are only an explicit choice.
 */
public enum PeerKernels {
    /** The engine's defaults: TFLite with XNNPACK, ONNX Runtime's default execution provider and optimizations. */
    DEFAULT,
    /** TFLite's builtin CPU kernels with no default delegate (no XNNPACK); not defined for ONNX Runtime. */
    BUILTIN;

    /**
     * Parses a command-line value.
     *
     * @param text {@code default} or {@code builtin}, any case
     * @return the choice
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PeerKernels parse(String text) {
        for (PeerKernels k : values()) {
            if (k.name().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown peer kernels '" + text + "': use default or builtin");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
