package dev.vela.maven.fork;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.check.GeneratedCheck;
import dev.vela.conformance.check.LatencyBudget;
import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.ReportFiles;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.OperatorProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The forked JVM's entry point: finds the providers declared by the plugin jar (only those are
 * under test, not ones its dependencies declare), runs the conformance kit on each with the gate's
 * settings, writes the reports and the {@link ResultFile}, and exits 0. Any other ending (crash,
 * {@code System.exit} by a kernel, out of memory, kill after a hang) leaves no result file; the
 * gate then names the place from the {@link Progress} file.
 */
public final class CertifyMain {

    /** Exit code when the fork's own setup fails (bad jar, provider that cannot be created). */
    public static final int SETUP_FAILED = 70;

    private static final String SERVICE = "META-INF/services/" + OperatorProvider.class.getName();

    private static volatile boolean finished;

    private CertifyMain() {}

    /**
     * @param args the {@link ForkConfig} file
     */
    public static void main(String[] args) {
        ForkConfig config;
        Progress progress;
        try {
            config = ForkConfig.read(Path.of(args[0]));
            progress = Progress.open(config.progressFile());
        } catch (IOException | RuntimeException e) {
            System.err.println("vela-fork: cannot start: " + e);
            System.exit(SETUP_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> reportEarlyExit(progress), "vela-exit-witness"));
        try {
            run(config, progress);
            finished = true;
        } catch (SetupException e) {
            finished = true;
            System.err.println("vela-fork: " + e.getMessage());
            System.exit(SETUP_FAILED);
        } catch (IOException e) {
            finished = true;
            System.err.println("vela-fork: cannot write results: " + e);
            System.exit(SETUP_FAILED);
        }
        // Threads a hung or careless kernel left running must not keep the fork alive.
        System.exit(0);
    }

    private static void run(ForkConfig config, Progress progress) throws IOException {
        List<OperatorProvider> providers = load(config.jar(), progress);
        TolerancePolicy policy = policy(config);
        Map<String, LatencyBudget> budgets = budgets(config);
        List<ConformanceCheck> checks = new ArrayList<>();
        for (ConformanceCheck c : config.checks().isEmpty()
                ? Checks.all()
                : Checks.only(config.checks().toArray(String[]::new))) {
            checks.add(new TracedCheck(c, progress, budgets, config.ops(), config.dataTypes()));
        }
        List<ResultFile.Provider> found = new ArrayList<>();
        List<ResultFile.Result> results = new ArrayList<>();
        long seed = config.seed();
        long totalMillis = 0;
        List<String> definitionLines = new ArrayList<>();
        List<DelegateResultFile.Verdict> delegateVerdicts = new ArrayList<>();
        List<DelegateResultFile.Finding> delegateFindings = new ArrayList<>();
        String replayLine = System.getProperty(DelegateCertification.REPLAY_PROPERTY);
        boolean delegateReplay = replayLine != null && !replayLine.isBlank();
        dev.vela.conformance.custom.AdmissionCases cases =
                dev.vela.conformance.custom.AdmissionCases.fromLocation(config.jar());
        for (OperatorProvider p : providers) {
            TracingProvider traced = new TracingProvider(p, progress);
            found.add(new ResultFile.Provider(
                    p.info().id(),
                    p.info().spiVersion().toString(),
                    p.getClass().getName()));
            ConformanceKit kit = ConformanceKit.forProvider(traced)
                    .withSeed(seed)
                    .withTries(config.tries())
                    .withMaxTimePerCheck(Duration.ofSeconds(config.secondsPerCheck()))
                    .withPolicy(policy)
                    .withChecks(checks)
                    .withAdmissionCases(cases);
            DelegateCertification.run(traced, seed, config, progress, delegateVerdicts, delegateFindings);
            if (delegateReplay) {
                continue; // replaying one subgraph of the delegate: the per-node kit is not what is being debugged
            }
            ConformanceReport report = withDebugSelection(kit).run();
            for (dev.vela.spi.OperatorDefinition d : p.definitions()) {
                definitionLines.add(p.info().id() + "\t" + d.op() + "\t" + d.version() + "\t" + d.schemaHash());
            }
            totalMillis += report.durationMillis();
            progress.check("writing reports for " + p.info().id());
            ReportFiles.write(report, config.reportDir());
            for (ClaimReport claim : report.claims()) {
                for (CheckResult r : claim.checks()) {
                    double median = r.latency().map(l -> l.medianMillis()).orElse(-1.0);
                    double p90 = r.latency().map(l -> l.p90Millis()).orElse(-1.0);
                    double budget = r.latency().map(l -> l.budgetMillis()).orElse(-1.0);
                    results.add(new ResultFile.Result(
                            p.info().id(),
                            claim.claim().toString(),
                            r.checkId(),
                            r.status().name(),
                            r.casesRun(),
                            median,
                            p90,
                            budget,
                            r.message()));
                }
            }
        }
        // the definitions the certificate pins (their case files are hashed from the jar by the mojo)
        java.nio.file.Files.write(DefinitionsFile.of(config.resultFile()), definitionLines, StandardCharsets.UTF_8);
        DelegateResultFile.write(
                DelegateResultFile.of(config.resultFile()),
                new DelegateResultFile.Content(delegateVerdicts, delegateFindings));
        progress.check("finished");
        ResultFile.write(
                config.resultFile(),
                new ResultFile.Content(
                        found,
                        results,
                        new ResultFile.Run(seed, config.tries(), policy.version(), policy.profile(), totalMillis)));
    }

    /**
     * The gate passes a debugging run's replay line and claim/check filter as the kit's own system properties
     * (only those two: the seed, tries and profile come from the gate's configuration).
     */
    private static ConformanceKit withDebugSelection(ConformanceKit kit) {
        String replay = System.getProperty(CaseId.REPLAY_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            CaseId id = CaseId.parse(replay);
            kit.withReplay(id).withSeed(id.seed());
        }
        String only = System.getProperty(GeneratedCheck.ONLY_PROPERTY);
        if (only != null && !only.isBlank()) {
            kit.only(only);
        }
        return kit;
    }

    /** Instantiates the providers the jar itself declares as services. */
    private static List<OperatorProvider> load(Path jar, Progress progress) {
        List<String> names = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            JarEntry entry = jf.getJarEntry(SERVICE);
            if (entry != null) {
                try (InputStream in = jf.getInputStream(entry);
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SetupException("cannot read plugin jar " + jar + ": " + e);
        }
        List<OperatorProvider> providers = new ArrayList<>();
        for (String name : names) {
            progress.enter("constructor of provider " + name);
            try {
                Class<?> type = Class.forName(name, true, CertifyMain.class.getClassLoader());
                providers.add((OperatorProvider) type.getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new SetupException("cannot create provider " + name + " declared in " + SERVICE + ": " + e);
            } finally {
                progress.exit();
            }
        }
        return providers;
    }

    /** The bundled policy with the configured profile and the gate's tightened overrides applied. */
    static TolerancePolicy policy(ForkConfig config) throws IOException {
        String base;
        try (InputStream in = TolerancePolicy.class.getResourceAsStream(TolerancePolicy.RESOURCE)) {
            if (in == null) {
                throw new SetupException("tolerance policy resource " + TolerancePolicy.RESOURCE + " is missing");
            }
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(base).append('\n');
        // Profile-scoped op overrides are the most specific rules, so a tightened value always applies
        // (the default profile reads no profile-scoped keys: there op-level keys are the most specific).
        String prefix = TolerancePolicy.DEFAULT_PROFILE.equals(config.policyProfile())
                ? "op."
                : "profile." + config.policyProfile() + ".op.";
        config.toleranceOverrides()
                .forEach((key, value) -> text.append(prefix)
                        .append(key)
                        .append('=')
                        .append(value)
                        .append('\n'));
        return TolerancePolicy.read(new StringReader(text.toString()), config.policyProfile());
    }

    static Map<String, LatencyBudget> budgets(ForkConfig config) {
        Map<String, LatencyBudget> out = new LinkedHashMap<>();
        config.budgets().forEach((key, spec) -> {
            String[] f = spec.split(":");
            out.put(
                    key,
                    switch (f[0]) {
                        case "abs" -> LatencyBudget.absolute(Double.parseDouble(f[1]));
                        case "ratio" ->
                            LatencyBudget.relativeToReference(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
                        default -> throw new SetupException("bad latency budget '" + spec + "' for " + key);
                    });
        });
        return out;
    }

    /** Runs at JVM exit: if the run had not finished, something in the plugin ended the JVM. */
    private static void reportEarlyExit(Progress progress) {
        if (finished) {
            return;
        }
        StringBuilder sb = new StringBuilder("vela-fork: the JVM is exiting before the run finished, during ")
                .append(progress.describe());
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = e.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().equals("java.lang.Runtime")
                        && frames[i].getMethodName().equals("exit")) {
                    sb.append("\nvela-fork: System.exit was called by thread ")
                            .append(e.getKey().getName());
                    for (int j = i + 1; j < Math.min(frames.length, i + 6); j++) {
                        sb.append("\n    at ").append(frames[j]);
                    }
                }
            }
        }
        System.err.println(sb);
        System.err.flush();
    }

    /** A problem with the jar or its providers, reported without a stack trace. */
    private static final class SetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }
}
