package dev.vela.runtime;

import dev.vela.runtime.exec.Executor;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.Map;

/**
 * Runs a {@link Model}. Holds the kernels prepared for the input types seen so far, so repeated runs with the
 * same shapes prepare nothing. Not thread-safe: use one session per thread.
 */
public final class Session implements AutoCloseable {

    private final Model model;
    private final Executor executor;

    Session(Model model) {
        this.model = model;
        this.executor = new Executor(model.graph(), model.registry());
    }

    /**
     * Runs the model.
     *
     * @param inputs a tensor for every model input, by name
     * @return the model outputs by name, in the model's order
     * @throws InvalidInputException when inputs are missing, unknown, or of the wrong type or shape
     * @throws NodeExecutionException when a kernel fails (the message names the node)
     * @throws UnsupportedOperatorException when no kernel handles a node's input type
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return executor.run(
                InputValidation.check(model.source(), model.inputs(), model.graph().initializers().keySet(), inputs));
    }

    /** @return the model this session runs */
    public Model model() {
        return model;
    }

    /** @return the declared model inputs */
    public java.util.List<ValueSpec> inputs() {
        return model.inputs();
    }

    @Override
    public void close() {
        executor.close();
    }
}
