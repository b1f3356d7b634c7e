package dev.vela.runtime;

import dev.vela.runtime.error.MemoryLimitException;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.VelaException;

/**
 * Names the model in the errors of a run. Kernels, the executor and the planner name the node and the tensor;
 * an application running several models (or a fleet log) also needs the file the node belongs to. The exception
 * keeps its type and its cause, with the model's source put before its message once.
 */
final class RunFailures {

    private RunFailures() {}

    /**
     * @param source the model's file or name
     * @param e an error of a run
     * @return the same kind of error, its message starting with the source
     */
    static VelaException inModel(String source, VelaException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith(source)) {
            return e;
        }
        String named = source + ": " + message;
        VelaException renamed;
        Class<?> kind = e.getClass();
        if (kind == NodeExecutionException.class) {
            renamed = new NodeExecutionException(named);
        } else if (kind == UnsupportedOperatorException.class) {
            renamed = new UnsupportedOperatorException(named);
        } else if (kind == MemoryLimitException.class) {
            renamed = new MemoryLimitException(named);
        } else if (kind == InvalidGraphException.class) {
            renamed = new InvalidGraphException(named);
        } else if (kind == InvalidNodeException.class) {
            renamed = new InvalidNodeException(source, message);
        } else {
            // a subclass (a policy refusal, a vendor's own type) keeps its type and message: it is rethrown as it is
            return e;
        }
        if (e.getCause() != null) {
            renamed.initCause(e.getCause());
        }
        renamed.setStackTrace(e.getStackTrace());
        return renamed;
    }
}
