package dev.vela.runtime.partition;

import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator definitions the admitted providers contribute (docs/architecture.md D12), by operator and version: which
 * definition, from which provider, a custom node follows. Where two providers define the same (operator, version)
 * the first in admission order wins and the other is named in a warning.
 */
public final class DefinedOperators {

    /**
     * One admitted definition.
     *
     * @param providerId the provider that contributes it
     * @param definition the definition
     */
    public record Defined(String providerId, OperatorDefinition definition) {

        /** @return e.g. {@code com.acme:Scale v1 by acme-dsp, schema 1a2b3c4d} */
        public String describe() {
            return definition + " by " + providerId + ", schema "
                    + definition.schemaHash().substring(0, 12);
        }
    }

    private static final DefinedOperators NONE = new DefinedOperators(Map.of(), List.of());

    private final Map<OpId, List<Defined>> byOp;
    private final List<String> warnings;

    private DefinedOperators(Map<OpId, List<Defined>> byOp, List<String> warnings) {
        this.byOp = byOp;
        this.warnings = List.copyOf(warnings);
    }

    /** @return no definitions */
    public static DefinedOperators none() {
        return NONE;
    }

    /**
     * @param admitted the admitted providers, in admission order
     * @return their definitions
     */
    public static DefinedOperators of(List<AdmittedProvider> admitted) {
        Map<OpId, List<Defined>> byOp = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (AdmittedProvider a : admitted) {
            List<OperatorDefinition> definitions;
            try {
                definitions = a.provider().definitions();
            } catch (RuntimeException | LinkageError e) {
                warnings.add("provider '" + a.id() + "' (" + a.origin()
                        + "): definitions() failed, its custom operators" + " are ignored: " + e);
                continue;
            }
            for (OperatorDefinition d : definitions == null ? List.<OperatorDefinition>of() : definitions) {
                List<Defined> versions = byOp.computeIfAbsent(d.op(), k -> new ArrayList<>());
                Optional<Defined> same = versions.stream()
                        .filter(v -> v.definition().version() == d.version())
                        .findFirst();
                if (same.isPresent()) {
                    warnings.add(d + " is defined by both '" + same.get().providerId() + "' and '" + a.id()
                            + "': using '" + same.get().providerId() + "'s");
                    continue;
                }
                versions.add(new Defined(a.id(), d));
            }
        }
        byOp.values()
                .forEach(v -> v.sort(
                        Comparator.comparingInt((Defined d) -> d.definition().version())));
        return new DefinedOperators(Map.copyOf(byOp), warnings);
    }

    /**
     * @param op an operator
     * @return whether some admitted provider defines any version of it
     */
    public boolean defines(OpId op) {
        return byOp.containsKey(op);
    }

    /**
     * The definition a node follows: of its operator, the highest version not above the node's opset version.
     *
     * @param op the node's operator
     * @param opsetVersion the opset version the model declares for the operator's domain
     * @return the definition, or empty when none applies
     */
    public Optional<Defined> forNode(OpId op, int opsetVersion) {
        List<Defined> versions = byOp.getOrDefault(op, List.of());
        Defined found = null;
        for (Defined d : versions) {
            if (d.definition().version() <= opsetVersion) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * @param op an operator
     * @return the versions defined, ascending
     */
    public List<Defined> versions(OpId op) {
        return byOp.getOrDefault(op, List.of());
    }

    /** @return every admitted definition, by operator then version */
    public List<Defined> all() {
        List<Defined> list = new ArrayList<>();
        byOp.keySet().stream().sorted().forEach(op -> list.addAll(byOp.get(op)));
        return List.copyOf(list);
    }

    /** @return conflicts and failures met while collecting the definitions */
    public List<String> warnings() {
        return warnings;
    }
}
