package dev.vela.maven;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.property.Budget;
import dev.vela.maven.fork.DelegateResultFile;
import dev.vela.maven.fork.ForkConfig;
import dev.vela.maven.fork.ResultFile;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateVerifier;
import dev.vela.spi.admission.CertifiedDelegate;
import dev.vela.spi.admission.CertifiedEntry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * The admission gate (docs/architecture.md D7): runs the conformance kit on the project's jar in a forked
 * JVM, prints a summary table, writes JSON, JUnit XML and HTML reports, and on success writes a
 * signed certificate attached to the build with classifier {@value #CLASSIFIER}.
 *
 * <p>A certifying run derives its seed ({@link RunSeed}); {@code -Dvela.*} properties on the command line
 * win over the pom ({@link CommandLineOverrides}); {@code -Dvela.profile=FILE} replaces the pom's profile
 * ({@link ProfileFile}).
 */
public abstract class AbstractCertifyMojo extends AbstractMojo {

    /** The classifier of the attached certificate. */
    public static final String CLASSIFIER = "vela-cert";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The project as the forked {@code package} lifecycle of {@code vela:certify} left it (holds the jar). */
    @Parameter(defaultValue = "${executedProject}", readonly = true)
    private MavenProject executedProject;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Inject
    private MavenProjectHelper projectHelper;

    /** The certification profile: operators, data types, checks, tolerance profile. Default: everything. */
    @Parameter
    private CertificationProfile profile;

    /**
     * A profile file ({@link ProfileFile}) that replaces {@code <profile>}, {@code <latencyBudgets>} and
     * {@code <toleranceOverrides>}: the admission authority's profile, applied without editing the pom.
     */
    @Parameter(property = "vela.profile")
    private File profileFile;

    /** Generated cases per check. */
    @Parameter(property = "vela.tries", defaultValue = "" + Budget.GATE_TRIES)
    private int tries;

    /** Wall time per check for trying cases; a check that runs out of time stops early, passing. */
    @Parameter(property = "vela.secondsPerCheck", defaultValue = "" + Budget.GATE_SECONDS_PER_CHECK)
    private int secondsPerCheck;

    /**
     * The seed policy: a number is an exploration run's seed (it replays or tries cases and issues no certificate);
     * {@value RunSeed#DERIVED} derives the seed from the jar, the profile and the signing key, as a certificate
     * requires ({@link RunSeed}). Not set: derived with a signing key, random without one. {@code -Dvela.seed=derived}
     * is how an authority overrides a seed a vendor's pom fixes. Recorded in the reports and the certificate.
     */
    @Parameter(property = "vela.seed")
    private String seed;

    /** Latency budgets per operator, data type and workload. */
    @Parameter
    private List<LatencyBudgetSpec> latencyBudgets;

    /** Tighter tolerances per operator and data type (never looser than the policy). */
    @Parameter
    private List<ToleranceOverride> toleranceOverrides;

    /** Ed25519 private key (PKCS#8 PEM) that signs the certificate. Without it no certificate is issued. */
    @Parameter(property = "vela.signingKey")
    private File signingKey;

    /**
     * Days a certificate is valid from its issue: the runtime refuses it as EXPIRED afterwards, so a plugin is
     * re-certified against the current kit at least this often.
     */
    @Parameter(property = "vela.validityDays", defaultValue = "365")
    private int validityDays;

    /** Where reports and the certificate go. */
    @Parameter(property = "vela.outputDirectory", defaultValue = "${project.build.directory}/vela")
    private File outputDirectory;

    /** Fail when a claim is not certified for a reason other than a failure (no generator, outside profile, no key). */
    @Parameter(property = "vela.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Longest a single call into the plugin (supports, prepare, invoke) may take before the run is failed as hung. */
    @Parameter(property = "vela.caseTimeoutSeconds", defaultValue = "20")
    private int caseTimeoutSeconds;

    /** Longest the whole forked run may take. */
    @Parameter(property = "vela.totalTimeoutSeconds", defaultValue = "900")
    private int totalTimeoutSeconds;

    /** JVM options of the forked run, space-separated. */
    @Parameter(property = "vela.forkJvmArgs", defaultValue = "-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    private String forkJvmArgs;

    /** Whether to attach the certificate to the build (so install and deploy publish it). */
    @Parameter(property = "vela.attach", defaultValue = "true")
    private boolean attach;

    /** Above this many claims the console table shows certified claims one row per operator. */
    @Parameter(property = "vela.summaryMaxRows", defaultValue = "60")
    private int summaryMaxRows;

    /** A report's replay line {@code <seed>:<case>}: every generated check runs that one case (no certificate). */
    @Parameter(property = "vela.conformance.replay")
    private String replay;

    /** {@code <claim>}, {@code <claim>#<check>} or {@code #<check>}: run only those (no certificate). */
    @Parameter(property = "vela.conformance.only")
    private String only;

    /**
     * Generated subgraphs per delegate: a provider offering a delegate (SPI 1.1) has it certified on this many
     * subgraphs of its claimed operators within the profile; the certificate lists what it passed.
     */
    @Parameter(property = "vela.delegate.subgraphs", defaultValue = "60")
    private int delegateSubgraphs;

    /**
     * A latency budget per delegate subgraph invocation, in milliseconds: a compiled subgraph whose median invocation
     * takes longer fails the delegate's {@code latency} check. Not set: latency is not checked.
     */
    @Parameter(property = "vela.delegate.budgetMs")
    private Double delegateBudgetMs;

    /**
     * A delegate finding's replay line ({@code seed=... dims=... steps=...}, or {@code seed=... cut=... nodes=A..B} for
     * a subgraph cut from a real model): the run replays only that subgraph on each provider's delegate and fails if it
     * still fails (no certificate).
     */
    @Parameter(property = "vela.delegate.replay")
    private String delegateReplay;

    /** Skip certification. */
    @Parameter(property = "vela.certify.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> problems = new ArrayList<>();
        applyCommandLine(problems);
        if (skip) {
            getLog().info("vela:certify skipped");
            return;
        }
        DebugSelection debug = DebugSelection.parse(replay, only, problems);
        CertificateSigner signer = readSigner(problems);
        GateSettings settings = validate(problems);
        Path jar = jarToCertify();
        Path out = outputDirectory.toPath();
        String jarSha256 = sha256(jar);
        String[] gav = coordinates(jar);
        RunSeed run = RunSeed.of(RunSeed.parsePolicy(seed).orElse(null), signer, jarSha256, settings.profileName());
        // a replay runs the replayed case's seed; such a narrowed run issues no certificate (see decide)
        long runSeed = debug.seed(run.seed());
        ResultFile.Content content;
        DelegateResultFile.Content delegates;
        try {
            Files.createDirectories(out);
            removeStaleOutputs(out);
            Path config = out.resolve("fork.properties");
            Path progress = out.resolve("progress");
            Path results = out.resolve("results.tsv");
            new ForkConfig(
                            jar,
                            out,
                            progress,
                            results,
                            runSeed,
                            tries,
                            secondsPerCheck,
                            settings.toleranceProfile(),
                            settings.checks(),
                            settings.ops(),
                            settings.dataTypes(),
                            settings.budgets(),
                            settings.toleranceOverrides())
                    .write(config);
            if (debug.active()) {
                getLog().info("vela:certify: " + debug.describe() + ": a debugging run, no certificate is issued");
            }
            getLog().info("Certifying " + jar.getFileName() + " (profile " + settings.profileName() + ", seed "
                    + runSeed
                    + " " + (runSeed != run.seed() ? "(replayed)" : run.origin().description()) + ", " + tries
                    + " tries per check) in a forked JVM; reports in " + out);
            ForkRunner runner = new ForkRunner(
                    Path.of(System.getProperty("java.home"), "bin", "java"),
                    jvmArgs(debug),
                    forkClassPath(jar),
                    Duration.ofSeconds(caseTimeoutSeconds),
                    Duration.ofSeconds(totalTimeoutSeconds),
                    where -> getLog().debug("vela: " + where));
            long t0 = System.nanoTime();
            ForkOutcome outcome = runner.run(config, progress, results, out);
            getLog().info("Forked run took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            if (outcome.kind() != ForkOutcome.Kind.COMPLETED) {
                FailureReport.write(out, outcome, runSeed);
                getLog().error("vela:certify: " + outcome.describe());
                throw new MojoFailureException("Certification failed: "
                        + outcome.describe().lines().findFirst().orElse("") + " (see " + out.resolve(FailureReport.TEXT)
                        + ")");
            }
            content = ResultFile.read(results);
            delegates = DelegateResultFile.read(DelegateResultFile.of(results));
        } catch (IOException e) {
            throw new MojoExecutionException("vela:certify could not run the forked JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("vela:certify interrupted", e);
        }
        if (delegateReplayed()) {
            reportDelegateReplay(delegates);
            return;
        }
        decide(
                settings,
                debug.active() ? null : signer,
                new CertifiedJar(jar, jarSha256, run, gav),
                out,
                content,
                debug,
                delegates);
    }

    private boolean delegateReplayed() {
        return delegateReplay != null && !delegateReplay.isBlank();
    }

    /** A delegate replay: fails when the subgraph still fails on some provider's delegate. */
    private void reportDelegateReplay(DelegateResultFile.Content delegates) throws MojoFailureException {
        if (delegates.verdicts().isEmpty()) {
            throw new MojoFailureException(
                    "vela:certify: -Dvela.delegate.replay was given but no provider of the jar" + " offers a delegate");
        }
        if (!delegates.findings().isEmpty()) {
            delegates
                    .findings()
                    .forEach(f -> getLog().error(
                                    "delegate of provider " + f.providerId() + ": " + f.check() + ": " + f.message()));
            DelegateResultFile.Finding first = delegates.findings().get(0);
            throw new MojoFailureException("Delegate replay reproduces the failure: delegate of provider "
                    + first.providerId() + " fails " + first.check() + " on " + delegateReplay.trim()
                    + " (a debugging run: no certificate is issued)");
        }
        getLog().info("Delegate replay: " + delegateReplay.trim() + " passes on the delegates of "
                + delegates.verdicts().stream()
                        .map(DelegateResultFile.Verdict::providerId)
                        .toList()
                + " (a debugging run: no certificate is issued)");
    }

    /** The jar under certification, its hash when the run began, the run's seed and the jar's coordinates. */
    private record CertifiedJar(Path path, String sha256, RunSeed seed, String[] gav) {}

    private static String sha256(Path jar) throws MojoExecutionException {
        try {
            return CertificateVerifier.sha256Hex(jar);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    private void decide(
            GateSettings settings,
            CertificateSigner signer,
            CertifiedJar certified,
            Path out,
            ResultFile.Content content,
            DebugSelection debug,
            DelegateResultFile.Content delegates)
            throws MojoFailureException, MojoExecutionException {
        Path jar = certified.path();
        if (content.providers().isEmpty()) {
            throw new MojoFailureException("Certification failed: " + jar.getFileName() + " declares no provider in "
                    + "META-INF/services/dev.vela.spi.OperatorProvider");
        }
        List<ClaimVerdict> verdicts = verdicts(content, settings);
        if (verdicts.isEmpty() && debug.active()) {
            throw new MojoFailureException(
                    "Certification failed: -D" + dev.vela.conformance.check.GeneratedCheck.ONLY_PROPERTY + "="
                            + debug.only() + " matches no claim of " + jar.getFileName());
        }
        List<String> summary = new ArrayList<>(SummaryTable.render(verdicts, settings.checks(), summaryMaxRows));
        List<String> findings = SummaryTable.findings(verdicts);
        List<String> errors = new ArrayList<>();
        Map<String, Integer> uncertified = new TreeMap<>();
        for (ClaimVerdict v : verdicts) {
            if (v.status() == ClaimVerdict.Status.FAILED) {
                errors.add(v.claim() + " failed");
            } else if (!v.status().certified()) {
                uncertified.merge(v.status().label(), 1, Integer::sum);
            }
        }
        // Counted, not listed: the summary names the claims, and a plugin may claim hundreds.
        List<String> warnings = new ArrayList<>();
        uncertified.forEach(
                (label, n) -> warnings.add(n + (n == 1 ? " claim " : " claims ") + label + " (see the summary)"));
        errors.addAll(unclaimedRequirements(settings, verdicts));
        Map<KernelClaim, CertifiedEntry> entries = certifiedEntries(verdicts);
        if (entries.isEmpty() && errors.isEmpty()) {
            errors.add("no claim was certified");
        }
        if (debug.active()) {
            warnings.add(debug.describe() + " is a debugging run: no certificate is issued");
        } else if (signer == null) {
            warnings.add("no <signingKey> configured: no certificate is issued");
        } else if (!certified.seed().certifying()) {
            warnings.add("the seed was chosen (<seed>/-Dvela.seed): this is an exploration run and no certificate is "
                    + "issued; a certifying run derives its seed from the jar, the profile and the signing key");
        }
        summary.add("");
        String tally = debug.active()
                ? entries.size() + " of " + verdicts.size() + " claims passed (" + debug.describe()
                        + "; nothing certified)"
                : entries.size() + " of " + verdicts.size() + " claims certified";
        summary.add(tally + "; seed " + content.run().seed() + " ("
                + (content.run().seed() != certified.seed().seed()
                        ? "replayed"
                        : certified.seed().origin().name().toLowerCase(java.util.Locale.ROOT))
                + "), "
                + content.run().tries() + " tries per check, tolerance policy " + settings.policyDescription());
        summary.add(SummaryTable.legend(settings.checks()));
        findings.forEach(f -> summary.add("  " + f));
        List<CertifiedDelegate> certifiedDelegates = DelegateSummary.add(delegates, summary, errors, warnings);
        print(summary, !errors.isEmpty());
        try {
            Files.write(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + out.resolve("summary.txt") + ": " + e.getMessage(), e);
        }
        warnings.forEach(w -> getLog().warn("vela:certify: " + w));
        if (!errors.isEmpty()) {
            throw new MojoFailureException(
                    "Certification failed: " + String.join("; ", errors) + " (reports in " + out + ")");
        }
        if (failOnWarning && !warnings.isEmpty()) {
            throw new MojoFailureException(
                    "Certification failed on warnings (failOnWarning): " + String.join("; ", warnings));
        }
        if (signer != null && certified.seed().certifying()) {
            issue(settings, signer, certified, out, content, entries, certifiedDelegates);
        }
    }

    /** One decision per (provider, claim), in the order the kit reported them. */
    private static List<ClaimVerdict> verdicts(ResultFile.Content content, GateSettings settings) {
        Map<String, List<ResultFile.Result>> byClaim = new LinkedHashMap<>();
        for (ResultFile.Result r : content.results()) {
            byClaim.computeIfAbsent(r.providerId() + "\t" + r.claim(), k -> new ArrayList<>())
                    .add(r);
        }
        List<ClaimVerdict> verdicts = new ArrayList<>();
        byClaim.forEach((key, results) -> verdicts.add(ClaimVerdict.decide(
                key.substring(0, key.indexOf('\t')),
                key.substring(key.indexOf('\t') + 1),
                results,
                settings.checks())));
        return verdicts;
    }

    /** With {@code requireAll}: every (op, dtype) of the profile some provider must claim. */
    private static List<String> unclaimedRequirements(GateSettings settings, List<ClaimVerdict> verdicts) {
        List<String> errors = new ArrayList<>();
        if (!settings.requireAll()) {
            return errors;
        }
        Set<String> claimed = new LinkedHashSet<>();
        verdicts.forEach(v -> claimed.add(v.claim().substring(0, v.claim().lastIndexOf('/'))));
        for (String op : settings.ops()) {
            for (String dt : settings.dataTypes()) {
                if (!claimed.contains(op + "/" + dt)) {
                    errors.add("the profile requires " + op + "/" + dt + " but no provider claims it");
                }
            }
        }
        return errors;
    }

    /** The certificate's entries: certified claims with their case counts and latencies. */
    private static Map<KernelClaim, CertifiedEntry> certifiedEntries(List<ClaimVerdict> verdicts) {
        Map<KernelClaim, CertifiedEntry> entries = new TreeMap<>();
        for (ClaimVerdict v : verdicts) {
            if (v.status().certified()) {
                KernelClaim claim = KernelClaim.parse(v.claim());
                var lat = v.result("latency").filter(r -> r.medianMs() >= 0);
                entries.put(
                        claim,
                        new CertifiedEntry(
                                claim,
                                v.cases(),
                                lat.map(ResultFile.Result::medianMs).orElse(0.0),
                                lat.map(ResultFile.Result::p90Ms).orElse(0.0),
                                lat.map(ResultFile.Result::budgetMs).orElse(null)));
            }
        }
        return entries;
    }

    private void issue(
            GateSettings settings,
            CertificateSigner signer,
            CertifiedJar certified,
            Path out,
            ResultFile.Content content,
            Map<KernelClaim, CertifiedEntry> entries,
            List<CertifiedDelegate> delegates)
            throws MojoExecutionException {
        try {
            // The seed was derived from the hash taken before the run: a jar that changed since is not the one tested.
            String now = CertificateVerifier.sha256Hex(certified.path());
            if (!now.equals(certified.sha256())) {
                throw new MojoExecutionException(certified.path() + " changed while it was being certified (SHA-256 "
                        + certified.sha256() + " before, " + now + " after): no certificate is issued");
            }
            SpiVersion spi = content.providers().stream()
                    .map(p -> SpiVersion.parse(p.spiVersion()))
                    .max(SpiVersion::compareTo)
                    .orElse(SpiVersion.CURRENT);
            String[] gav = certified.gav();
            Instant issued = Instant.now();
            Certificate.Builder b = Certificate.builder()
                    .plugin(gav[0], gav[1], gav[2])
                    .jarSha256(certified.sha256())
                    .spiVersion(spi)
                    .kitVersion(ConformanceKit.ENGINE_VERSION)
                    .profile(settings.profileName())
                    .tolerancePolicy(settings.policyDescription())
                    .seed(content.run().seed())
                    .seedDerivation(certified.seed().derivation().orElseThrow())
                    .machine(MachineFingerprint.describe())
                    .issuedAt(issued)
                    .expires(issued.plus(Duration.ofDays(validityDays)));
            content.providers().forEach(p -> b.providerId(p.id()));
            entries.values().forEach(b::entry);
            delegates.forEach(b::delegate);
            // the flavour the fork's kit stamped on every quantized case (the tolerance profile's numerics, D15)
            b.numerics(dev.vela.conformance.tolerance.TolerancePolicy.load(settings.toleranceProfile())
                    .numerics());
            // custom operator definitions: identity, version, schema hash and the hashes of their case files (D12)
            dev.vela.maven.fork.DefinitionsFile.read(out.resolve("results.tsv"), certified.path())
                    .forEach(b::definition);
            Certificate signed = signer.sign(b.build());
            Path file = out.resolve(gav[1] + "-" + gav[2] + "-" + CLASSIFIER + ".json");
            Files.writeString(file, signed.toJson(), StandardCharsets.UTF_8);
            getLog().info("Certificate " + file + " signed by key " + signer.keyId() + " for " + entries.size()
                    + " entries"
                    + (delegates.isEmpty()
                            ? ""
                            : " and the delegates of "
                                    + delegates.stream()
                                            .map(CertifiedDelegate::providerId)
                                            .toList())
                    + " (seed " + content.run().seed() + ", derived)");
            if (attach && attachesToProject()) {
                projectHelper.attachArtifact(project, "json", CLASSIFIER, file.toFile());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the certificate: " + e.getMessage(), e);
        }
    }

    /** Reports and certificates of an earlier run must not be mistaken for this run's. */
    private static void removeStaleOutputs(Path out) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("conformance-")
                        || n.startsWith("TEST-")
                        || n.startsWith("certification-failure.")
                        || n.endsWith("-" + CLASSIFIER + ".json")
                        || n.equals("summary.txt")
                        || n.equals("results.tsv")
                        || n.equals("results.tsv.definitions.tsv")
                        || n.equals("results.tsv.delegates.tsv")) {
                    Files.delete(f);
                }
            }
        }
    }

    private void print(List<String> lines, boolean failed) {
        for (String line : lines) {
            if (failed) {
                getLog().error(line);
            } else {
                getLog().info(line);
            }
        }
    }

    private GateSettings validate(List<String> keyProblems) throws MojoExecutionException {
        List<String> problems = new ArrayList<>(keyProblems);
        if (validityDays < 1 || validityDays > 36_500) {
            problems.add("<validityDays> must be in 1..36500, got " + validityDays);
        }
        try {
            Optional<Long> chosen = RunSeed.parsePolicy(seed);
            if (chosen.isEmpty() && seed != null && signingKey == null) {
                problems.add(
                        "<seed>" + seed + "</seed> derives the seed from the signing key, but no <signingKey> is set");
            }
        } catch (IllegalArgumentException e) {
            problems.add("<seed>: " + e.getMessage());
        }
        if (delegateBudgetMs != null && !(delegateBudgetMs > 0 && !delegateBudgetMs.isInfinite())) {
            problems.add("<delegateBudgetMs> must be a positive number of milliseconds, got " + delegateBudgetMs);
        }
        if (delegateSubgraphs < 1) {
            problems.add("<delegateSubgraphs> must be at least 1, got " + delegateSubgraphs);
        }
        if (tries < 1) {
            problems.add("<tries> must be at least 1, got " + tries);
        }
        if (secondsPerCheck < 1) {
            problems.add("<secondsPerCheck> must be at least 1, got " + secondsPerCheck);
        }
        if (caseTimeoutSeconds < 1 || totalTimeoutSeconds < caseTimeoutSeconds) {
            problems.add("timeouts must be positive and <totalTimeoutSeconds> at least <caseTimeoutSeconds>, got "
                    + caseTimeoutSeconds + " and " + totalTimeoutSeconds);
        }
        try {
            if (profileFile != null) {
                CertificationProfile fromFile = ProfileFile.read(profileFile.toPath(), problems);
                getLog().info("Profile from " + profileFile + " (replacing the pom's <profile>, <latencyBudgets> and "
                        + "<toleranceOverrides>)");
                return GateSettings.validate(fromFile, List.of(), List.of(), problems);
            }
            return GateSettings.validate(profile, latencyBudgets, toleranceOverrides, problems);
        } catch (ConfigurationProblem e) {
            throw new MojoExecutionException("vela:certify configuration error: " + e.getMessage(), e);
        }
    }

    private CertificateSigner readSigner(List<String> problems) {
        if (signingKey == null) {
            return null;
        }
        if (!signingKey.isFile()) {
            problems.add("<signingKey> " + signingKey
                    + " does not exist (create a development key pair with mvn vela:keygen)");
            return null;
        }
        try {
            return CertificateSigner.read(signingKey.toPath());
        } catch (IOException | IllegalArgumentException e) {
            problems.add("<signingKey> is not usable: " + e.getMessage());
            return null;
        }
    }

    /**
     * Applies {@code -Dvela.*} from the command line over the pom's values (see {@link CommandLineOverrides}).
     */
    private void applyCommandLine(List<String> problems) {
        Properties cli = session == null ? new Properties() : session.getUserProperties();
        File base = project.getBasedir() != null ? project.getBasedir() : new File(".").getAbsoluteFile();
        CommandLineOverrides o = new CommandLineOverrides(cli, base, problems, getLog()::info);
        profileFile = o.apply("vela.profile", "profileFile", profileFile, o.files());
        tries = o.apply("vela.tries", "tries", tries, CommandLineOverrides.integers());
        secondsPerCheck =
                o.apply("vela.secondsPerCheck", "secondsPerCheck", secondsPerCheck, CommandLineOverrides.integers());
        seed = o.apply("vela.seed", "seed", seed, text -> {
            RunSeed.parsePolicy(text);
            return text;
        });
        signingKey = o.apply("vela.signingKey", "signingKey", signingKey, o.files());
        outputDirectory = o.apply("vela.outputDirectory", "outputDirectory", outputDirectory, o.files());
        failOnWarning = o.apply("vela.failOnWarning", "failOnWarning", failOnWarning, CommandLineOverrides.booleans());
        caseTimeoutSeconds = o.apply(
                "vela.caseTimeoutSeconds", "caseTimeoutSeconds", caseTimeoutSeconds, CommandLineOverrides.integers());
        totalTimeoutSeconds = o.apply(
                "vela.totalTimeoutSeconds",
                "totalTimeoutSeconds",
                totalTimeoutSeconds,
                CommandLineOverrides.integers());
        forkJvmArgs = o.apply("vela.forkJvmArgs", "forkJvmArgs", forkJvmArgs, s -> s);
        attach = o.apply("vela.attach", "attach", attach, CommandLineOverrides.booleans());
        delegateSubgraphs = o.apply(
                "vela.delegate.subgraphs", "delegateSubgraphs", delegateSubgraphs, CommandLineOverrides.integers());
        delegateBudgetMs = o.apply("vela.delegate.budgetMs", "delegateBudgetMs", delegateBudgetMs, Double::valueOf);
        delegateReplay = o.apply("vela.delegate.replay", "delegateReplay", delegateReplay, text -> text);
        summaryMaxRows =
                o.apply("vela.summaryMaxRows", "summaryMaxRows", summaryMaxRows, CommandLineOverrides.integers());
        skip = o.apply("vela.certify.skip", "skip", skip, CommandLineOverrides.booleans());
    }

    /** @return the project the goal runs in (a stand-in project when it runs without a pom) */
    protected MavenProject project() {
        return project;
    }

    /**
     * @return the jar to certify: the project's own by default
     * @throws MojoExecutionException if there is none
     */
    protected Path jarToCertify() throws MojoExecutionException {
        return projectJar();
    }

    /**
     * @param jar the certified jar
     * @return groupId, artifactId and version recorded in the certificate: the project's by default
     * @throws MojoExecutionException if they cannot be determined
     */
    protected String[] coordinates(Path jar) throws MojoExecutionException {
        return new String[] {project.getGroupId(), project.getArtifactId(), project.getVersion()};
    }

    /** @return whether the certificate is attached to the project (only when the project's own jar was certified) */
    protected boolean attachesToProject() {
        return true;
    }

    /** @return the artifacts whose runtime-scoped ones join the plugin jar on the forked class path: the project's */
    protected Set<Artifact> pluginArtifacts() {
        return project.getArtifacts();
    }

    /** @return more class path entries for the plugin jar, after its artifacts: none by default */
    protected List<Path> extraClassPath() {
        return List.of();
    }

    private Path projectJar() throws MojoExecutionException {
        File file = project.getArtifact().getFile();
        if ((file == null || !file.isFile()) && executedProject != null) {
            file = executedProject.getArtifact().getFile();
        }
        if (file == null || !file.isFile() || !file.getName().endsWith(".jar")) {
            throw new MojoExecutionException("vela:certify needs the project's jar, but the project is not packaged"
                    + " (packaging '" + project.getPackaging() + "'): run 'mvn vela:certify', which packages first, or"
                    + " bind 'certify-no-fork' to a phase after package");
        }
        return file.toPath();
    }

    private List<String> jvmArgs(DebugSelection debug) {
        List<String> args = new ArrayList<>(debug.forkJvmArgs());
        args.add("-Dvela.delegate.subgraphs=" + delegateSubgraphs);
        if (delegateBudgetMs != null) {
            args.add("-Dvela.delegate.budgetMs=" + delegateBudgetMs);
        }
        if (delegateReplayed()) {
            args.add("-Dvela.delegate.replay=" + delegateReplay.trim());
        }
        for (String a : forkJvmArgs.trim().split("\\s+")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        return args;
    }

    /**
     * The gate's own jar and dependencies first (so the SPI and kit are the gate's), then the plugin
     * jar and its runtime dependencies other than those.
     */
    private List<Path> forkClassPath(Path jar) {
        List<Path> cp = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        cp.add(plugin.getPluginArtifact().getFile().toPath());
        for (Artifact a : plugin.getArtifacts()) {
            if (a.getFile() != null && taken.add(a.getGroupId() + ":" + a.getArtifactId())) {
                cp.add(a.getFile().toPath());
            }
        }
        cp.add(jar);
        for (Artifact a : pluginArtifacts()) {
            String scope = a.getScope();
            boolean runtime = Artifact.SCOPE_COMPILE.equals(scope)
                    || Artifact.SCOPE_RUNTIME.equals(scope)
                    || Artifact.SCOPE_PROVIDED.equals(scope)
                    || Artifact.SCOPE_SYSTEM.equals(scope);
            if (runtime && a.getFile() != null && taken.add(a.getGroupId() + ":" + a.getArtifactId())) {
                cp.add(a.getFile().toPath());
            }
        }
        cp.addAll(extraClassPath());
        return cp;
    }
}
