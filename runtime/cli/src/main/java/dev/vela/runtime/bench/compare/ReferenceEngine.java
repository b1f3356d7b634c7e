package dev.vela.runtime.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * Another inference engine running the same model on the same inputs, for {@code bench --compare}. Inputs are fixed
 * when the engine is opened, so a run measures the engine's inference and the copy of its outputs, as a Vela run
 * does.
 */
public interface ReferenceEngine extends AutoCloseable {

    /** @return the engine's name and version, for reports */
    String name();

    /**
     * What the engine's accelerators took, so a reader can tell the comparison was against the engine users run
     * (for TFLite: how many operators its XNNPACK delegate runs).
     *
     * @return a one-line description, empty when the engine has nothing to say
     */
    default String placement() {
        return "";
    }

    /**
     * Runs the model once on the inputs given at opening.
     *
     * @return the raw bytes of every output (machine byte order), in the model's output order
     */
    List<byte[]> run();

    /**
     * @return every tensor the last run left in the engine, by the engine's tensor index, when it was opened to keep
     *     them ({@link ReferenceEngines#openKeepingTensors}); empty otherwise
     */
    default Map<Integer, byte[]> keptTensors() {
        return Map.of();
    }

    @Override
    void close();
}
