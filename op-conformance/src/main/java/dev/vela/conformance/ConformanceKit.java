package dev.vela.conformance;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.CaseGenerators;
import dev.vela.conformance.cases.FlavouredCases;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.check.CheckSettings;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.ClaimContext;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.check.GeneratedCheck;
import dev.vela.conformance.check.LatencyBudget;
import dev.vela.conformance.custom.AdmissionCases;
import dev.vela.conformance.custom.AdmissionCheck;
import dev.vela.conformance.custom.DefinitionCases;
import dev.vela.conformance.custom.DefinitionReference;
import dev.vela.conformance.custom.StateCheck;
import dev.vela.conformance.property.Budget;
import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.admission.CertifiedDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs the conformance checks against every (op, dtype, layout) a provider claims, comparing its
 * kernels with the reference kernels for the same nodes (docs/architecture.md D7).
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceKit.forProvider(new MyProvider()).withSeed(42).withTries(200).run();
 * }</pre>
 *
 * <p>{@link #withSystemProperties()} applies {@code -Dvela.conformance.seed}, {@code .tries},
 * {@code .claimThreads}, {@code .profile}, {@code .replay=<seed>:<caseIndex>} and {@code .only=<claim>#<check>}, so a
 * replay line printed in a report reruns exactly the failing case.
 */
public final class ConformanceKit {

    /** The engine version recorded in reports. */
    public static final String ENGINE_VERSION = "0.1.0";

    /** System property: the run's seed. */
    public static final String SEED_PROPERTY = "vela.conformance.seed";
    /** System property: cases per check. */
    public static final String TRIES_PROPERTY = "vela.conformance.tries";
    /** System property: claims checked at once ({@link #withClaimThreads(int)}). */
    public static final String CLAIM_THREADS_PROPERTY = "vela.conformance.claimThreads";
    /** Most claims {@link #withClaimThreads} checks at once. */
    public static final int MAX_CLAIM_THREADS = 64;

    /** System property: the tolerance profile. */
    public static final String PROFILE_PROPERTY = "vela.conformance.profile";

    private final OperatorProvider provider;
    private OperatorProvider reference = new ReferenceProvider();
    private long seed = new SplittableRandom().nextLong();
    private Budget budget = Budget.DEFAULT;
    private TolerancePolicy policy;
    private LatencyBudget latencyBudget = LatencyBudget.DEFAULT;
    private List<ConformanceCheck> checks = Checks.all();
    private CaseGenerators generators;
    private CaseId replay;
    private String only = "";
    private int threads = 4;
    private int concurrencyTries = 20;
    private AdmissionCases admissionCases;
    private int minimumCases = AdmissionCheck.DEFAULT_MINIMUM;
    private int claimThreads = 1;

    private ConformanceKit(OperatorProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * @param provider the plugin under test
     * @return a kit with default settings and a random seed
     */
    public static ConformanceKit forProvider(OperatorProvider provider) {
        return new ConformanceKit(provider);
    }

    /**
     * @param value the seed every case derives from
     * @return this kit
     */
    public ConformanceKit withSeed(long value) {
        seed = value;
        return this;
    }

    /**
     * @param value cases per check (the concurrency check tries at most {@link #withConcurrency(int, int) its own number})
     * @return this kit
     */
    public ConformanceKit withTries(int value) {
        budget = budget.withTries(value);
        return this;
    }

    /**
     * @param value tries, time and shrink budget per check
     * @return this kit
     */
    public ConformanceKit withBudget(Budget value) {
        budget = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value the tolerance policy (default: the bundled one, default profile)
     * @return this kit
     */
    public ConformanceKit withPolicy(TolerancePolicy value) {
        policy = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value the latency budget
     * @return this kit
     */
    public ConformanceKit withLatencyBudget(LatencyBudget value) {
        latencyBudget = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value the checks to run (default {@link Checks#all()})
     * @return this kit
     */
    public ConformanceKit withChecks(List<ConformanceCheck> value) {
        checks = List.copyOf(value);
        return this;
    }

    /**
     * @param value the case generators (default: built-in ones and services)
     * @return this kit
     */
    public ConformanceKit withGenerators(CaseGenerators value) {
        generators = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value the provider whose kernels define correct results (default {@link ReferenceProvider})
     * @return this kit
     */
    public ConformanceKit withReference(OperatorProvider value) {
        reference = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value a case to run alone (and shrink), from a replay line
     * @return this kit
     */
    public ConformanceKit withReplay(CaseId value) {
        replay = value;
        return this;
    }

    /**
     * @param filter {@code <claim>}, {@code <claim>#<check>} or {@code #<check>}, e.g. {@code Add/float32/ANY#numerics}
     * @return this kit
     */
    public ConformanceKit only(String filter) {
        only = Objects.requireNonNull(filter).trim();
        return this;
    }

    /**
     * @param threadCount threads invoking one kernel at once
     * @param tries cases the concurrency check tries at most
     * @return this kit
     */
    public ConformanceKit withConcurrency(int threadCount, int tries) {
        if (threadCount < 2 || tries < 1) {
            throw new IllegalArgumentException("concurrency needs at least 2 threads and 1 try");
        }
        threads = threadCount;
        concurrencyTries = tries;
        return this;
    }

    /**
     * Checks several claims at once, each on its own thread, as a machine with several cores allows: the report is
     * the same as with one thread (claims in the same order, each claim's cases drawn from the run's seed alone),
     * and checks that {@linkplain ConformanceCheck#measuresTime() measure time} still run one at a time, after the
     * others, so that no other claim's work is timed with them. Separately prepared kernels of a provider then run
     * at the same time, as in a runtime with several sessions (the determinism check already does so for one
     * node). Only a check whose wall-time budget runs out ({@link Budget#maxTime()}) may try fewer cases on a
     * busier machine, as it may with one thread.
     *
     * @param value claims checked at once, 1 (the default) to {@value #MAX_CLAIM_THREADS}
     * @return this kit
     */
    public ConformanceKit withClaimThreads(int value) {
        if (value < 1 || value > MAX_CLAIM_THREADS) {
            throw new IllegalArgumentException(
                    "claim threads must be between 1 and " + MAX_CLAIM_THREADS + ", got " + value);
        }
        claimThreads = value;
        return this;
    }

    /**
     * @param value the admission cases of the provider's custom operators (default: those under {@value
     *     AdmissionCases#ROOT} in the jar or class directory the provider class comes from)
     * @return this kit
     */
    public ConformanceKit withAdmissionCases(AdmissionCases value) {
        admissionCases = Objects.requireNonNull(value);
        return this;
    }

    /**
     * @param value valid admission cases a custom operator claim needs to be certified (default 3)
     * @return this kit
     */
    public ConformanceKit withMinimumCases(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the minimum of admission cases must be at least 1, got " + value);
        }
        minimumCases = value;
        return this;
    }

    /** @return the admission cases this kit uses */
    public AdmissionCases admissionCases() {
        if (admissionCases == null) {
            admissionCases = AdmissionCases.of(provider.getClass());
        }
        return admissionCases;
    }

    /**
     * The definitions of the provider's custom operators as a certificate pins them: identity, version, schema hash
     * and the hashes of their admission case files.
     *
     * @return one pin per definition
     */
    public List<CertifiedDefinition> definitionPins() {
        List<CertifiedDefinition> pins = new ArrayList<>();
        for (OperatorDefinition d : definitions()) {
            pins.add(CertifiedDefinition.of(
                    d.op(), d.version(), d.schemaHash(), admissionCases().hashesFor(d.op())));
        }
        return pins;
    }

    private List<OperatorDefinition> definitions() {
        List<OperatorDefinition> defs = provider.definitions();
        return defs == null ? List.of() : defs;
    }

    /**
     * Applies {@code vela.conformance.seed}, {@code .tries}, {@code .claimThreads}, {@code .profile}, {@code .replay}
     * and {@code .only} when set.
     *
     * @return this kit
     */
    public ConformanceKit withSystemProperties() {
        String s = System.getProperty(SEED_PROPERTY);
        if (s != null && !s.isBlank()) {
            withSeed(Long.parseLong(s.trim()));
        }
        String t = System.getProperty(TRIES_PROPERTY);
        if (t != null && !t.isBlank()) {
            withTries(Integer.parseInt(t.trim()));
        }
        String threads = System.getProperty(CLAIM_THREADS_PROPERTY);
        if (threads != null && !threads.isBlank()) {
            withClaimThreads(Integer.parseInt(threads.trim()));
        }
        String p = System.getProperty(PROFILE_PROPERTY);
        if (p != null && !p.isBlank()) {
            withPolicy(TolerancePolicy.load(p.trim()));
        }
        String r = System.getProperty(CaseId.REPLAY_PROPERTY);
        if (r != null && !r.isBlank()) {
            CaseId id = CaseId.parse(r);
            withReplay(id);
            withSeed(id.seed());
        }
        String o = System.getProperty(GeneratedCheck.ONLY_PROPERTY);
        if (o != null && !o.isBlank()) {
            only(o);
        }
        return this;
    }

    /** @return the seed this kit will use */
    public long seed() {
        return seed;
    }

    /** @return every claim of the provider, sorted, with the factory that makes it */
    public Map<KernelClaim, KernelFactory> claims() {
        Map<KernelClaim, KernelFactory> out = new TreeMap<>();
        for (KernelFactory f : provider.factories()) {
            for (KernelClaim c : f.claims()) {
                out.putIfAbsent(c, f);
            }
        }
        return out;
    }

    /** @return the report of checking every claim */
    public ConformanceReport run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        TolerancePolicy pol = policy != null ? policy : TolerancePolicy.load();
        CaseGenerators gens = generators != null ? generators : CaseGenerators.discover();
        Map<OpId, KernelFactory> references = new HashMap<>();
        for (KernelFactory f : reference.factories()) {
            references.putIfAbsent(f.op(), f); // the reference applies fused activations itself
        }
        // a custom operator's reference is the one its definition brings (D12); its cases come from the plugin
        Map<OpId, OperatorDefinition> defined = new HashMap<>();
        for (OperatorDefinition d : definitions()) {
            defined.putIfAbsent(d.op(), d);
            references.putIfAbsent(d.op(), new DefinitionReference(d));
        }
        CheckSettings settings =
                new CheckSettings(seed, budget, Optional.ofNullable(replay), latencyBudget, threads, concurrencyTries);
        String claimFilter = only.contains("#") ? only.substring(0, only.indexOf('#')) : only;
        String checkFilter = only.contains("#") ? only.substring(only.indexOf('#') + 1) : "";
        List<Map.Entry<KernelClaim, KernelFactory>> selected = new ArrayList<>();
        for (Map.Entry<KernelClaim, KernelFactory> e : claims().entrySet()) {
            if (claimFilter.isEmpty() || claimFilter.equals(e.getKey().toString())) {
                selected.add(e);
            }
        }
        if (!defined.isEmpty()) {
            admissionCases(); // read once, before claims may run on several threads
        }
        ClaimSetup setup = new ClaimSetup(pol, gens, references, defined, settings, checkFilter);
        List<ClaimReport> claimReports;
        if (claimThreads == 1) {
            claimReports = new ArrayList<>();
            for (Map.Entry<KernelClaim, KernelFactory> e : selected) {
                claimReports.add(new ClaimReport(e.getKey(), checkClaim(e, setup, false)));
            }
        } else {
            claimReports = ParallelClaims.run(
                    selected, claimThreads, e -> checkClaim(e, setup, true), (e, index) -> timedCheck(e, setup, index));
        }
        ProviderInfo info = provider.info();
        return new ConformanceReport(
                ENGINE_VERSION,
                info.id(),
                info.vendor(),
                info.version(),
                info.spiVersion().toString(),
                seed,
                budget.maxTries(),
                pol.version(),
                pol.profile(),
                started,
                (System.nanoTime() - t0) / 1_000_000,
                claimReports);
    }

    /** What every claim of one run is checked with. */
    private record ClaimSetup(
            TolerancePolicy policy,
            CaseGenerators generators,
            Map<OpId, KernelFactory> references,
            Map<OpId, OperatorDefinition> defined,
            CheckSettings settings,
            String checkFilter) {}

    /**
     * The checks of one claim, in the standard order (the checks, then the state check, then the admission check).
     *
     * @param deferTimed whether to leave the checks that {@linkplain ConformanceCheck#measuresTime() measure time}
     *     as null, to be run once no other claim runs ({@link #timedCheck})
     */
    private List<CheckResult> checkClaim(
            Map.Entry<KernelClaim, KernelFactory> e, ClaimSetup setup, boolean deferTimed) {
        KernelClaim claim = e.getKey();
        List<CheckResult> results = new ArrayList<>();
        KernelFactory ref = setup.references().get(claim.op());
        OperatorDefinition definition = setup.defined().get(claim.op());
        Optional<CaseGenerator> gen = generatorFor(claim, setup);
        String checkFilter = setup.checkFilter();
        for (ConformanceCheck check : checks) {
            if (!checkFilter.isEmpty() && !checkFilter.equals(check.id())) {
                continue;
            }
            if (!claim.op().equals(e.getValue().op())) {
                results.add(CheckResult.skipped(
                        check.id(),
                        check.title(),
                        "factory for " + e.getValue().op() + " claims another operator: " + claim));
            } else if (ref == null) {
                results.add(CheckResult.skipped(check.id(), check.title(), "no reference kernel for " + claim.op()));
            } else if (gen.isEmpty()) {
                results.add(
                        CheckResult.skipped(check.id(), check.title(), "no case generator covers " + claim + " yet"));
            } else if (deferTimed && check.measuresTime()) {
                results.add(null);
            } else {
                ClaimContext ctx =
                        new ClaimContext(claim, e.getValue(), ref, gen.get(), setup.policy(), setup.settings());
                results.add(check.run(ctx));
            }
        }
        if (ref != null
                && gen.isPresent()
                && claim.op().equals(e.getValue().op())
                && checkFilter.isEmpty()
                && keepsState(ref, gen.get(), claim)) {
            results.add(new StateCheck()
                    .run(new ClaimContext(claim, e.getValue(), ref, gen.get(), setup.policy(), setup.settings())));
        }
        if (definition != null && (checkFilter.isEmpty() || checkFilter.equals(AdmissionCheck.ID))) {
            results.add(AdmissionCheck.run(
                    claim,
                    e.getValue(),
                    (DefinitionReference) ref,
                    admissionCases().forOp(claim.op()),
                    admissionCases().errorsFor(claim.op()),
                    minimumCases));
        }
        return results;
    }

    /**
     * Runs a check {@link #checkClaim} deferred.
     *
     * @param index its position among the claim's results, which is its position among the run's checks once
     *     the check filter is applied (the deferred ones come before the state and admission checks)
     */
    private CheckResult timedCheck(Map.Entry<KernelClaim, KernelFactory> e, ClaimSetup setup, int index) {
        List<ConformanceCheck> run = checks.stream()
                .filter(c ->
                        setup.checkFilter().isEmpty() || setup.checkFilter().equals(c.id()))
                .toList();
        KernelClaim claim = e.getKey();
        ClaimContext ctx = new ClaimContext(
                claim,
                e.getValue(),
                setup.references().get(claim.op()),
                generatorFor(claim, setup).orElseThrow(),
                setup.policy(),
                setup.settings());
        return run.get(index).run(ctx);
    }

    private Optional<CaseGenerator> generatorFor(KernelClaim claim, ClaimSetup setup) {
        OperatorDefinition definition = setup.defined().get(claim.op());
        Optional<CaseGenerator> gen = definition == null
                ? setup.generators().find(claim)
                : Optional.<CaseGenerator>of(
                                new DefinitionCases(definition, admissionCases().forOp(claim.op())))
                        .filter(g -> g.covers(claim));
        // quantized cases carry the profile's numerics flavour, so reference and kernel compute the same one (D15)
        return gen.map(g -> FlavouredCases.of(g, setup.policy().numerics()));
    }

    /** Whether the reference keeps state for a sample case of the claim: only then is the state check worth running. */
    private boolean keepsState(KernelFactory ref, CaseGenerator gen, KernelClaim claim) {
        try {
            OpCase sample = gen.validCases(claim).sample(seed);
            try (dev.vela.spi.Kernel k = ref.prepare(sample.node())) {
                return !k.state().isEmpty();
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the budget this kit will use */
    public Budget budget() {
        return budget;
    }

    /**
     * @param maxTime wall time per check for trying cases
     * @return this kit
     */
    public ConformanceKit withMaxTimePerCheck(Duration maxTime) {
        budget = budget.withMaxTime(maxTime);
        return this;
    }
}
