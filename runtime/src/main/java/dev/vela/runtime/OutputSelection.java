package dev.vela.runtime;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.graph.ValueSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks the outputs a caller selects against the model's outputs. */
final class OutputSelection {

    private OutputSelection() {}

    /**
     * @param source the model, for messages
     * @param declared the model's outputs
     * @param asked the names asked for
     * @return the names, without repeats, in the order asked
     * @throws InvalidInputException when none is asked or a name is not a model output
     */
    static List<String> check(String source, List<ValueSpec> declared, Collection<String> asked) {
        List<String> names = declared.stream().map(ValueSpec::name).toList();
        if (asked == null || asked.isEmpty()) {
            throw new InvalidInputException(source + ": no output selected; outputs are " + names);
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String name : asked) {
            if (!names.contains(name)) {
                throw new InvalidInputException(
                        source + ": '" + name + "' is not an output of the model; outputs are " + names);
            }
            selected.add(name);
        }
        return new ArrayList<>(selected);
    }
}
