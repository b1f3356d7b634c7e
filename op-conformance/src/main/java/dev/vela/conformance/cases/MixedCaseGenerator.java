package dev.vela.conformance.cases;

import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.conformance.property.ScheduledGen;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Several generators covering the same claim, drawn from uniformly per case, except the first cases of a run
 * that a part schedules ({@link ScheduledGen}). Shrinking moves toward the first generator's cases, so register
 * the simplest form first.
 */
final class MixedCaseGenerator implements CaseGenerator {

    private final List<CaseGenerator> parts;

    MixedCaseGenerator(List<CaseGenerator> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public OpId op() {
        return parts.get(0).op();
    }

    @Override
    public Set<DataType> dataTypes() {
        Set<DataType> all = EnumSet.noneOf(DataType.class);
        parts.forEach(p -> all.addAll(p.dataTypes()));
        return all;
    }

    @Override
    public boolean covers(KernelClaim claim) {
        return parts.stream().anyMatch(p -> p.covers(claim));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Gen<OpCase> validCases(KernelClaim claim) {
        List<Gen<OpCase>> gens = new ArrayList<>();
        for (CaseGenerator p : parts) {
            if (p.covers(claim)) {
                gens.add(p.validCases(claim));
            }
        }
        Gen<OpCase> any = Gens.oneOf(gens.toArray(new Gen[0]));
        // an early case a part schedules (Gens.firstCases) comes from that part, so its schedule holds when mixed
        return (random, size) -> {
            int index = CaseId.earlyIndex(size);
            for (Gen<OpCase> g : gens) {
                if (g instanceof ScheduledGen<OpCase> s && s.schedules(index)) {
                    return g.generate(random, size);
                }
            }
            return any.generate(random, size);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        List<Gen<InvalidNode>> gens = new ArrayList<>();
        for (CaseGenerator p : parts) {
            if (p.covers(claim)) {
                p.invalidNodes(claim).ifPresent(gens::add);
            }
        }
        return gens.isEmpty() ? Optional.empty() : Optional.of(Gens.oneOf(gens.toArray(new Gen[0])));
    }

    @Override
    public boolean sumsOfTerms(OpCase c) {
        return parts.stream().anyMatch(p -> p.sumsOfTerms(c));
    }

    /** The reduction size of a case, from the generator that made it (by operator, which all parts share). */
    @Override
    public int reductionSize(OpCase c) {
        int k = 1;
        for (CaseGenerator p : parts) {
            k = Math.max(k, p.reductionSize(c));
        }
        return k;
    }
}
