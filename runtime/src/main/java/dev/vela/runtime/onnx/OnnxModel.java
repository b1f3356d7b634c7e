package dev.vela.runtime.onnx;

import dev.vela.runtime.graph.Graph;
import java.util.Map;

/**
 * An imported ONNX model.
 *
 * @param graph the validated main graph
 * @param irVersion the file's IR version
 * @param opsets opset version per domain (the default domain is {@code ""})
 * @param producer producer name and version, for information
 */
public record OnnxModel(Graph graph, long irVersion, Map<String, Long> opsets, String producer) {}
