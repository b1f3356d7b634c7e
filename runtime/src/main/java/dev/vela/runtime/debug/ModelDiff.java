package dev.vela.runtime.debug;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Runs a model two ways on the same inputs, records every intermediate value of both runs and compares them: the
 * core of {@code vela diff}. The two models may differ in their providers (plugins vs the reference) or in their
 * graph (an optimised graph against the imported one: values the baseline never wrote are listed, not judged).
 */
public final class ModelDiff {

    private ModelDiff() {}

    /**
     * @param subject the run under suspicion
     * @param baseline the run taken as right
     * @param inputs the inputs both runs take
     * @param threads threads a kernel may use, on both sides
     * @param tolerance when elements agree
     * @return one entry per value the subject wrote, in its execution order
     */
    public static List<ValueDiff> run(
            Model subject, Model baseline, Map<String, Tensor> inputs, int threads, DiffTolerance tolerance) {
        return DivergenceCheck.compare(record(subject, inputs, threads), record(baseline, inputs, threads), tolerance);
    }

    /**
     * @param model the model
     * @param inputs its inputs
     * @param threads threads a kernel may use
     * @return every value one run of the model wrote
     */
    public static ValueRecording record(Model model, Map<String, Tensor> inputs, int threads) {
        ValueRecording recording = new ValueRecording();
        try (Session session = model.newSession().withThreads(threads).withValueObserver(recording)) {
            session.run(inputs);
        }
        return recording;
    }
}
