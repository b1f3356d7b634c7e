package dev.vela.runtime.tflite;

import java.util.Map;

/**
 * A signature def: named entry points onto a subgraph's tensors.
 *
 * @param key the signature key (e.g. {@code serving_default})
 * @param subgraphIndex the subgraph it runs
 * @param inputs input alias to tensor index, in file order
 * @param outputs output alias to tensor index, in file order
 */
public record TfliteSignature(
        String key, int subgraphIndex, Map<String, Integer> inputs, Map<String, Integer> outputs) {}
