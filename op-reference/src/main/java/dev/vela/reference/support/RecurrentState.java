package dev.vela.reference.support;

import dev.vela.spi.Invocation;
import dev.vela.spi.KernelState;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of TFLite's recurrent operators (LSTM, SVDF): inputs that TFLite marks variable and
 * updates in place, keeping them from one {@code Invoke} to the next until {@code
 * ResetVariableTensors}. Importers turn variable tensors into constant inputs holding the reset
 * value; a kernel of such a node declares them as {@link KernelState} starting at that value, so
 * the runtime keeps them per session. When a state input is not constant (a node built by hand,
 * a conformance case) the node has no state: every invocation starts from the input's value.
 */
public final class RecurrentState {

    private RecurrentState() {}

    /**
     * @param node the node
     * @param names what each state holds, in state order
     * @param inputs the input position of each state
     * @return the declared state, or empty when any of those inputs is not constant
     */
    public static List<KernelState> fromConstantInputs(Node node, List<String> names, int... inputs) {
        List<KernelState> state = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Optional<Tensor> value = node.inputValue(inputs[i]);
            if (value.isEmpty()) {
                return List.of();
            }
            state.add(KernelState.startingAt(names.get(i), value.get()));
        }
        return List.copyOf(state);
    }

    /**
     * @param inv the invocation
     * @param state the state position
     * @param input the input position holding the initial value
     * @return the session's state when the invocation carries it, else the input
     */
    public static Tensor current(Invocation inv, int state, int input) {
        return inv.stateCount() > state ? inv.state(state) : inv.input(input);
    }

    /**
     * Writes the state's new value when the invocation carries state (and does nothing otherwise).
     *
     * @param inv the invocation
     * @param state the state position
     * @param values the new value, as integers
     */
    public static void update(Invocation inv, int state, int[] values) {
        if (inv.stateCount() > state) {
            Tensor t = inv.state(state);
            for (int i = 0; i < values.length; i++) {
                t.setLong(i, values[i]);
            }
        }
    }

    /**
     * @param inv the invocation
     * @param state the state position
     * @param values the new value, as floats
     */
    public static void update(Invocation inv, int state, float[] values) {
        if (inv.stateCount() > state) {
            inv.state(state).floats().put(0, values);
        }
    }
}
