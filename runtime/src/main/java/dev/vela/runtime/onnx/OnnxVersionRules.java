package dev.vela.runtime.onnx;

import dev.vela.runtime.error.InvalidModelException;
import java.util.Map;

/**
 * The IR and opset versions an ONNX model may declare: an IR version from 1 (ONNX's first) to
 * {@value #MAX_IR_VERSION} (the newest this runtime's importer and the node suite it is tested on know), and opset
 * versions from 1 up to the newest release of each ONNX-defined domain ({@value #MAX_DEFAULT_OPSET} for the default
 * domain). Version 0 does not exist; a newer version may change an operator's meaning, so it is refused rather than
 * run with older semantics, as ONNX Runtime does. Domains ONNX does not define accept any version from 1.
 */
final class OnnxVersionRules {

    /** The newest IR version read (ONNX 1.19+). */
    static final long MAX_IR_VERSION = 13;
    /** The newest default-domain opset (ONNX 1.23). */
    static final long MAX_DEFAULT_OPSET = 28;

    private static final Map<String, Long> MAX_OPSETS =
            Map.of("", MAX_DEFAULT_OPSET, "ai.onnx.ml", 5L, "ai.onnx.preview.training", 1L, "ai.onnx.preview", 1L);

    private OnnxVersionRules() {}

    static void check(String source, long irVersion, Map<String, Long> opsets) {
        if (irVersion < 1 || irVersion > MAX_IR_VERSION) {
            throw new InvalidModelException(source + ": ir_version " + irVersion
                    + " is out of range: this runtime reads" + " ONNX IR versions 1 to " + MAX_IR_VERSION);
        }
        for (Map.Entry<String, Long> e : opsets.entrySet()) {
            String domain = e.getKey().isEmpty() ? "the default domain (ai.onnx)" : "domain '" + e.getKey() + "'";
            long version = e.getValue();
            Long max = MAX_OPSETS.get(e.getKey());
            if (version < 1 || max != null && version > max) {
                throw new InvalidModelException(source + ": opset_import of " + domain + " has version " + version
                        + ", out of range: "
                        + (max == null ? "versions start at 1" : "this runtime knows versions 1 to " + max));
            }
        }
    }
}
