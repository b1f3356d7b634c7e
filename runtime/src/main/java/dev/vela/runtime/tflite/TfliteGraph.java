package dev.vela.runtime.tflite;

import dev.vela.runtime.graph.Graph;
import dev.vela.spi.TensorType;
import java.util.Map;

/**
 * A TFLite model imported into the Vela IR.
 *
 * @param graph the graph (NHWC, quantization on the initializers' tensor types)
 * @param valueTypes the full type of every value, including the quantization of activations,
 *     which the graph's {@code ValueSpec}s cannot carry
 * @param model the parsed TFLite model
 * @param tensorValues the value name of every tensor of the main subgraph, by TFLite tensor index (names are made
 *     unique, so they differ from the tensor names where those repeat)
 */
public record TfliteGraph(
        Graph graph, Map<String, TensorType> valueTypes, TfliteModel model, java.util.List<String> tensorValues) {}
