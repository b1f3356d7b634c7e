package dev.vela.runtime.store;

import dev.vela.spi.Tensor;
import java.util.Map;

/**
 * The result of one inference through the store: which version ran it, and its outputs.
 *
 * @param model the model's name
 * @param version the version that ran it (during a hot reload, the old or the new one)
 * @param outputs the outputs by name
 */
public record Inference(String model, ModelVersion version, Map<String, Tensor> outputs) {}
