package dev.vela.conformance.check;

import java.util.List;

/** The standard checks, in the order they are reported. */
public final class Checks {

    private Checks() {}

    /** @return every check of the kit */
    public static List<ConformanceCheck> all() {
        return List.of(
                new OutputTypesCheck(),
                new NumericsCheck(),
                new InputsUnchangedCheck(),
                new OutputBoundsCheck(),
                new OutputCoverageCheck(),
                new DeterminismCheck(),
                new ConcurrencyCheck(),
                new SupportsHonestyCheck(),
                new InvalidNodesCheck(),
                new LatencyCheck());
    }

    /**
     * @param ids check ids
     * @return the standard checks with those ids, in the standard order
     * @throws IllegalArgumentException for an unknown id
     */
    public static List<ConformanceCheck> only(String... ids) {
        List<String> wanted = List.of(ids);
        List<ConformanceCheck> all = all();
        for (String id : wanted) {
            if (all.stream().noneMatch(c -> c.id().equals(id))) {
                throw new IllegalArgumentException("unknown check '" + id + "', known: "
                        + all.stream().map(ConformanceCheck::id).toList());
            }
        }
        return all.stream().filter(c -> wanted.contains(c.id())).toList();
    }
}
