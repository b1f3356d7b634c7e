package dev.vela.conformance.cases;

import dev.vela.conformance.cases.ops.AddCases;
import dev.vela.conformance.cases.ops.NnQuantizedCases;
import dev.vela.conformance.cases.ops.ReluCases;
import dev.vela.spi.KernelClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the case generator for a claim among the built-in ones and those registered as services. */
public final class CaseGenerators {

    private final List<CaseGenerator> generators;

    private CaseGenerators(List<CaseGenerator> generators) {
        this.generators = List.copyOf(generators);
    }

    /** @return the generators shipped with the kit; add one line per new operator generator */
    public static List<CaseGenerator> builtIn() {
        List<CaseGenerator> all = new ArrayList<>(List.of(new AddCases(), new ReluCases()));
        // nn, quantized
        all.addAll(NnQuantizedCases.all());
        return List.copyOf(all);
    }

    /** @return the built-in generators followed by those found with {@link ServiceLoader} */
    public static CaseGenerators discover() {
        List<CaseGenerator> all = new ArrayList<>(builtIn());
        for (CaseGenerator g : ServiceLoader.load(CaseGenerator.class)) {
            all.add(g);
        }
        return new CaseGenerators(all);
    }

    /**
     * @param generators the generators to search, first match wins
     * @return the registry
     */
    public static CaseGenerators of(List<CaseGenerator> generators) {
        return new CaseGenerators(generators);
    }

    /**
     * @param claim a claim
     * @return the first generator covering it
     */
    public Optional<CaseGenerator> find(KernelClaim claim) {
        return generators.stream().filter(g -> g.covers(claim)).findFirst();
    }

    /** @return all generators */
    public List<CaseGenerator> all() {
        return generators;
    }
}
