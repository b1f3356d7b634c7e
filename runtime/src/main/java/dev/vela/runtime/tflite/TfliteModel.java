package dev.vela.runtime.tflite;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A parsed TFLite model: every index in it has been checked (operators name existing operator
 * codes and tensors, tensors name existing buffers, constant data fits the tensor's shape).
 *
 * @param source the file name used in messages
 * @param version schema version (3)
 * @param description converter description, may be empty
 * @param operatorCodes operator codes
 * @param subgraphs subgraphs; only the main one (0) is run, the others are unused by it
 * @param buffers constant data
 * @param signatures signature defs, may be empty
 */
public record TfliteModel(
        String source,
        long version,
        String description,
        List<TfliteOperatorCode> operatorCodes,
        List<TfliteSubgraph> subgraphs,
        List<TfliteBuffer> buffers,
        List<TfliteSignature> signatures) {

    /** The subgraph the model runs. */
    public TfliteSubgraph mainSubgraph() {
        return subgraphs.get(0);
    }

    /** Indices of the subgraphs the model holds besides the main one; the reader checked that it does not run them. */
    public List<Integer> ignoredSubgraphs() {
        return java.util.stream.IntStream.range(1, subgraphs.size()).boxed().toList();
    }

    /** The operator code of an operator. */
    public TfliteOperatorCode operatorCode(TfliteOperator op) {
        return operatorCodes.get(op.opcodeIndex());
    }

    /** The data of a tensor's buffer: empty for activations, the constant's bytes otherwise. */
    public ByteBuffer data(TfliteTensor tensor) {
        return buffers.get((int) tensor.buffer()).view();
    }

    /** Whether a tensor holds constant data. */
    public boolean isConstant(TfliteTensor tensor) {
        return buffers.get((int) tensor.buffer()).size() > 0;
    }

    /**
     * Fails with "unsupported builtin operator code" naming the first operator of the main subgraph whose builtin
     * code this runtime does not know; custom operators pass (they import as {@code tflite:<custom_code>} nodes,
     * which a plugin must define).
     */
    public void requireKnownBuiltins() {
        for (TfliteOperator op : mainSubgraph().operators()) {
            TfliteOperatorCode code = operatorCode(op);
            if (!code.isCustom() && !BuiltinOperators.isKnown(code.builtinCode())) {
                throw new TfliteUnsupportedException(source + ": operator " + op.index()
                        + ": unsupported builtin operator code " + code.builtinCode());
            }
        }
    }

    /**
     * Fails with "unsupported custom op '&lt;name&gt;'" (or "unsupported builtin operator") naming the
     * first operator of the main subgraph whose code is custom or unknown to this runtime.
     */
    public void requireBuiltinOperators() {
        for (TfliteOperator op : mainSubgraph().operators()) {
            TfliteOperatorCode code = operatorCode(op);
            if (code.isCustom()) {
                throw new TfliteUnsupportedException(
                        source + ": operator " + op.index() + ": unsupported custom op '" + code.customCode() + "'");
            }
            if (!BuiltinOperators.isKnown(code.builtinCode())) {
                throw new TfliteUnsupportedException(source + ": operator " + op.index()
                        + ": unsupported builtin operator code " + code.builtinCode());
            }
        }
    }
}
