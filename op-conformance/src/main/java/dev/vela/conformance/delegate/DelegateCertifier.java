package dev.vela.conformance.delegate;

import dev.vela.conformance.delegate.SubgraphSpec.Step;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Certifies a delegate on subgraphs (docs/architecture.md D13): seeded random valid subgraphs of the operators it
 * claims (Conv chains, residual Adds, Adds of a second input, Pad before Conv, two Conv branches joined by an Add, 3x3
 * MaxPool and AveragePool, Softmax over the channels, Conv branches joined by a Concat, and fully connected Gemm
 * tails over 2-D rows), int8 NHWC and, where its claims allow, float32 NHWC and NCHW ({@link SubgraphSpec.Kind}); then
 * subgraphs cut from real models' chains ({@link ModelCut}). Each is checked for partition honesty (it takes only
 * claimed nodes in disjoint convex sets and gives a reason for every node it declines), then every proposed set is
 * compiled on the boundary the runtime would give it ({@code proposal-refused} when compile refuses a set it
 * proposed) and checked: output types, no writes outside the boundary buffers (guard bytes around every input and
 * output), inputs unchanged, outputs fully written and deterministic (two runs over differently prefilled outputs),
 * numerics against the reference execution of the same subgraph (integers bit-exact, floats within the per-node
 * tolerance accumulated over depth, {@link DepthTolerance}), concurrency (two threads at once, when the kernel
 * declares it) and, with a budget, latency per subgraph; once per run, a clean refusal of an invalid subgraph. A
 * failure is shrunk (removing steps, then reducing dimensions; a cut drops end nodes) to a minimal failing subgraph
 * with a one-line replay.
 */
public final class DelegateCertifier {

    /** Invocations per thread of the concurrency check, and timed invocations of the latency check. */
    private static final int REPEATS = 5;

    private final Delegate delegate;
    private final Predicate<KernelClaim> inScope;
    private Double latencyBudgetMs;

    /** @param delegate the delegate to certify */
    public DelegateCertifier(Delegate delegate) {
        this(delegate, claim -> true);
    }

    /**
     * @param delegate the delegate to certify
     * @param inScope the claims the certification covers (a gate's profile): subgraphs use only operators whose
     *     claims it accepts, so the verdict's {@link DelegateVerdict#exercised()} stays inside it
     */
    public DelegateCertifier(Delegate delegate, Predicate<KernelClaim> inScope) {
        this.delegate = delegate;
        this.inScope = inScope;
    }

    private record Failure(String check, String message) {}

    /**
     * Holds every compiled subgraph to a latency budget: the median of a few invocations must not exceed it.
     *
     * @param ms the budget per subgraph invocation, in milliseconds
     * @return this certifier
     */
    public DelegateCertifier withLatencyBudget(double ms) {
        if (!(ms > 0) || Double.isInfinite(ms)) {
            throw new IllegalArgumentException("a latency budget must be a positive number of milliseconds, got " + ms);
        }
        this.latencyBudgetMs = ms;
        return this;
    }

    /**
     * Runs the generated subgraphs, then the subgraphs cut from real models ({@link ModelCut}) whose chains hold a
     * node of a claim in scope.
     *
     * @param seed the seed of the generated subgraphs and of the cuts' weights and inputs
     * @param cases how many subgraphs to generate
     * @return the verdict; its findings are shrunk
     */
    public DelegateVerdict certify(long seed, int cases) {
        Set<KernelClaim> claims = new HashSet<>(delegate.claims());
        claims.removeIf(inScope.negate());
        Set<KernelClaim> exercised = new HashSet<>();
        List<SubgraphSpec.Kind> kinds = new ArrayList<>();
        Map<SubgraphSpec.Kind, List<Step>> usable = new LinkedHashMap<>();
        for (SubgraphSpec.Kind kind : SubgraphSpec.Kind.values()) {
            List<Step> steps = usableSteps(claims, kind, exercised);
            if (!steps.isEmpty()) {
                kinds.add(kind);
                usable.put(kind, steps);
            }
        }
        List<DelegateFinding> findings = new ArrayList<>();
        if (usable.isEmpty()) {
            return new DelegateVerdict(Set.of(), 0, 0, findings);
        }
        if (usable.getOrDefault(SubgraphSpec.Kind.INT8_NHWC, List.of()).contains(Step.CONV3X3)) {
            invalidRefused()
                    .ifPresent(f -> findings.add(new DelegateFinding(
                            f.check(), f.message(), new SubgraphSpec(seed, 1, 1, 1, List.of(Step.CONV1X1)))));
        }
        Map<String, Boolean> failedChecks = new LinkedHashMap<>();
        for (int i = 0; i < cases; i++) {
            // an int8-only delegate gets the same cases as before float and NCHW kinds existed
            SubgraphSpec.Kind kind = kinds.get(i % kinds.size());
            SubgraphSpec spec = generate(seed, i, usable.get(kind)).as(kind);
            Optional<Failure> f = check(spec);
            if (f.isPresent() && failedChecks.putIfAbsent(f.get().check(), true) == null) {
                findings.add(shrunk(spec, f.get()));
            }
        }
        int cuts = 0;
        List<String> chains = ModelChains.names();
        for (int c = 0; c < chains.size(); c++) {
            if (!holdsAClaimedNode(chains.get(c), claims)) {
                continue;
            }
            ModelCut cut = new ModelCut(
                    seed ^ (0xC2B2AE3D27D4EB4FL * (c + 1)),
                    chains.get(c),
                    0,
                    ModelChains.ops(chains.get(c)).size() - 1);
            cuts++;
            Set<KernelClaim> ranOnCut = new HashSet<>();
            Optional<Failure> f = check(cut, ranOnCut);
            if (f.isEmpty()) {
                // a claim only a real model's layers reach (a Reshape in a classifier tail) is certified too
                exercised.addAll(ranOnCut);
            }
            // one finding per check: a cut adds one only for a check no generated subgraph failed
            if (f.isPresent() && failedChecks.putIfAbsent(f.get().check(), true) == null) {
                findings.add(shrunk(cut, f.get()));
            }
        }
        return new DelegateVerdict(exercised, cases, cuts, findings);
    }

    /** @return the steps the claims allow for subgraphs of that kind; adds the claims they exercise */
    private static List<Step> usableSteps(Set<KernelClaim> claims, SubgraphSpec.Kind kind, Set<KernelClaim> exercised) {
        Optional<KernelClaim> conv = matching(claims, new KernelClaim(OpId.of("Conv"), kind.type(), kind.layout()));
        Optional<KernelClaim> add = matching(claims, KernelClaim.of(OpId.of("Add"), kind.type()));
        Optional<KernelClaim> pad = matching(claims, KernelClaim.of(OpId.of("Pad"), kind.type()));
        Optional<KernelClaim> concat = matching(claims, KernelClaim.of(OpId.of("Concat"), kind.type()));
        Optional<KernelClaim> gemm = matching(claims, KernelClaim.of(OpId.of("Gemm"), kind.type()));
        Set<Step> usable = EnumSet.noneOf(Step.class);
        if (conv.isPresent()) {
            usable.addAll(List.of(Step.CONV3X3, Step.CONV1X1));
            exercised.add(conv.get());
        }
        if (add.isPresent()) {
            usable.addAll(List.of(Step.ADD_RESIDUAL, Step.ADD_INPUT));
            exercised.add(add.get());
        }
        if (add.isPresent() && conv.isPresent()) {
            usable.add(Step.BRANCH_ADD);
        }
        for (Map.Entry<KernelClaim, Step> e : Map.of(
                        new KernelClaim(OpId.of("MaxPool"), kind.type(), kind.layout()),
                        Step.MAXPOOL3X3,
                        new KernelClaim(OpId.of("AveragePool"), kind.type(), kind.layout()),
                        Step.AVGPOOL3X3,
                        KernelClaim.of(OpId.of("Softmax"), kind.type()),
                        Step.SOFTMAX)
                .entrySet()) {
            Optional<KernelClaim> m = matching(claims, e.getKey());
            if (m.isPresent()) {
                usable.add(e.getValue());
                exercised.add(m.get());
            }
        }
        if (pad.isPresent() && conv.isPresent()) {
            usable.add(Step.PAD_CONV);
            exercised.add(pad.get());
        }
        if (concat.isPresent() && conv.isPresent()) {
            usable.add(Step.CONCAT_CONV);
            exercised.add(concat.get());
        }
        if (gemm.isPresent()) {
            usable.add(Step.GEMM);
            exercised.add(gemm.get());
        }
        return List.copyOf(usable);
    }

    /**
     * @return the claim among {@code claims} that covers {@code wanted}: itself, or its operator and type for any
     *     layout (as the runtime matches claims)
     */
    private static Optional<KernelClaim> matching(Set<KernelClaim> claims, KernelClaim wanted) {
        if (claims.contains(wanted)) {
            return Optional.of(wanted);
        }
        KernelClaim anyLayout = KernelClaim.of(wanted.op(), wanted.dataType());
        return claims.contains(anyLayout) ? Optional.of(anyLayout) : Optional.empty();
    }

    private static boolean holdsAClaimedNode(String chain, Set<KernelClaim> claims) {
        List<OpId> ops = ModelChains.ops(chain);
        List<DataType> types = ModelChains.inputTypes(chain);
        for (int i = 0; i < ops.size(); i++) {
            if (matching(claims, claimOf(ops.get(i), types.get(i))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private DelegateFinding shrunk(KitCase failing, Failure f) {
        KitCase minimal = shrink(failing, f.check());
        Failure last = check(minimal).orElse(f);
        return new DelegateFinding(last.check(), last.message(), minimal);
    }

    /**
     * Runs the checks on one subgraph again.
     *
     * @param line the replay line of a generated subgraph ({@code seed=... dims=... steps=...}) or of one cut from a
     *     real model ({@code seed=... cut=... nodes=A..B}), with or without a leading {@code replay:}
     * @return the finding, empty when the subgraph passes
     */
    public Optional<DelegateFinding> replay(String line) {
        KitCase c = KitCase.parse(line.replaceFirst("^replay:\\s*", ""));
        return check(c).map(f -> new DelegateFinding(f.check(), f.message(), c));
    }

    private static SubgraphSpec generate(long seed, int index, List<Step> usable) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
        int count = 1 + r.nextInt(5);
        List<Step> steps = new ArrayList<>();
        List<Step> rowSteps =
                usable.stream().filter(SubgraphSpec.ROW_STEPS::contains).toList();
        List<Step> imageSteps = usable.stream().filter(s -> s != Step.GEMM).toList();
        // a Gemm makes the subgraph 2-D rows: one case in three (every case when nothing else is usable) is a
        // fully connected tail of row steps with a Gemm at a random place; the draw happens only when Gemm is
        // claimed, so the cases of a delegate without it stay as they were
        boolean rows = usable.contains(Step.GEMM) && (imageSteps.isEmpty() || r.nextInt(3) == 0);
        List<Step> from = usable.contains(Step.GEMM) ? (rows ? rowSteps : imageSteps) : usable;
        for (int i = 0; i < count; i++) {
            steps.add(from.get(r.nextInt(from.size())));
        }
        if (rows && !steps.contains(Step.GEMM)) {
            steps.set(r.nextInt(count), Step.GEMM);
        }
        return new SubgraphSpec(r.nextLong(), 1 + r.nextInt(8), 1 + r.nextInt(8), 1 + r.nextInt(8), steps);
    }

    /** Removes steps (or a cut's end nodes), then reduces dimensions, while the same check still fails. */
    private KitCase shrink(KitCase start, String check) {
        KitCase current = start;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (KitCase c : smaller(current)) {
                Optional<Failure> f = check(c);
                if (f.isPresent() && f.get().check().equals(check)) {
                    current = c;
                    changed = true;
                    break;
                }
            }
        }
        return current;
    }

    /** @return the candidates one shrinking step smaller: a cut keeps the model's shapes and drops an end node */
    private static List<KitCase> smaller(KitCase c) {
        List<KitCase> candidates = new ArrayList<>();
        if (c instanceof ModelCut cut) {
            if (cut.size() > 1) {
                candidates.add(new ModelCut(cut.seed(), cut.chain(), cut.first() + 1, cut.last()));
                candidates.add(new ModelCut(cut.seed(), cut.chain(), cut.first(), cut.last() - 1));
            }
            return candidates;
        }
        SubgraphSpec spec = (SubgraphSpec) c;
        for (int i = 0; i < spec.steps().size() && spec.steps().size() > 1; i++) {
            List<Step> fewer = new ArrayList<>(spec.steps());
            fewer.remove(i);
            candidates.add(spec.withSteps(fewer));
        }
        for (int[] d : List.of(
                new int[] {spec.height() / 2, spec.width(), spec.channels()},
                new int[] {spec.height() - 1, spec.width(), spec.channels()},
                new int[] {spec.height(), spec.width() / 2, spec.channels()},
                new int[] {spec.height(), spec.width() - 1, spec.channels()},
                new int[] {spec.height(), spec.width(), spec.channels() / 2},
                new int[] {spec.height(), spec.width(), spec.channels() - 1})) {
            if (d[0] >= 1 && d[1] >= 1 && d[2] >= 1) {
                SubgraphSpec smaller = spec.withDims(d[0], d[1], d[2]);
                if (!smaller.equals(spec)) {
                    candidates.add(smaller);
                }
            }
        }
        return candidates;
    }

    private static SubgraphBuilder.Built build(KitCase c) {
        return c instanceof ModelCut cut ? ModelChains.build(cut) : SubgraphBuilder.build((SubgraphSpec) c);
    }

    private Optional<Failure> check(KitCase c) {
        return check(c, null);
    }

    /**
     * @param c a subgraph
     * @param ran where to add the claims of the nodes of every proposed set that compiled and passed, or null
     * @return the first failure
     */
    private Optional<Failure> check(KitCase c, Set<KernelClaim> ran) {
        SubgraphBuilder.Built built = build(c);
        KitSubgraph g = built.subgraph();
        DelegateProposal proposal;
        try {
            proposal = delegate.propose(g);
        } catch (RuntimeException e) {
            return Optional.of(new Failure("propose", "propose() threw " + e));
        }
        Set<Integer> taken = new HashSet<>();
        for (Set<Integer> set : proposal.nodeSets()) {
            for (int i : set) {
                if (i < 0 || i >= g.nodes().size()) {
                    return Optional.of(new Failure(
                            "partition-honesty", "proposed node index " + i + " outside the" + " subgraph"));
                }
                ViewNode n = g.nodes().get(i);
                if (matching(delegate.claims(), claimOf(n, g)).isEmpty()) {
                    return Optional.of(new Failure(
                            "partition-honesty",
                            "proposed node '" + n.name() + "' whose claim " + claimOf(n, g) + " it does not make"));
                }
                if (!taken.add(i)) {
                    return Optional.of(
                            new Failure("partition-honesty", "proposed node '" + n.name() + "' in two sets"));
                }
            }
            Optional<String> escape = Convexity.escape(g, set);
            if (escape.isPresent()) {
                return Optional.of(new Failure(
                        "partition-honesty",
                        "proposed a set that is not convex: a path leaves" + " it through node '" + escape.get()
                                + "' and comes back"));
            }
        }
        for (ViewNode n : g.nodes()) {
            if (!taken.contains(n.index()) && !proposal.declined().containsKey(n.index())) {
                return Optional.of(new Failure(
                        "partition-honesty", "node '" + n.name() + "' neither taken nor" + " declined with a reason"));
            }
        }
        if (proposal.nodeSets().isEmpty()) {
            return Optional.empty(); // it declines every node (with reasons): nothing to run
        }
        Map<String, Tensor> values = SubgraphRun.values(g, built.inputs());
        for (Set<Integer> set : proposal.nodeSets()) {
            if (set.stream()
                    .anyMatch(i -> !matching(
                                    delegate.claims(), claimOf(g.nodes().get(i), g))
                            .map(inScope::test)
                            .orElse(false))) {
                continue; // a set with a node outside the certification's scope: the runtime would not admit it
            }
            // every proposed set, not only a whole subgraph: what the delegate proposes is what the runtime compiles
            Optional<Failure> f = compileAndRun(
                    ProposedSet.cut(g, set), values, set.size() == g.nodes().size());
            if (f.isPresent()) {
                return f;
            }
            if (ran != null) {
                set.forEach(i -> matching(delegate.claims(), claimOf(g.nodes().get(i), g))
                        .ifPresent(ran::add));
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> compileAndRun(KitSubgraph part, Map<String, Tensor> values, boolean whole) {
        Kernel kernel;
        try {
            kernel = delegate.compile(part);
        } catch (InvalidNodeException e) {
            String what = whole
                    ? "the whole subgraph"
                    : "nodes " + part.nodes().stream().map(ViewNode::name).toList();
            return Optional.of(new Failure(
                    "proposal-refused", "proposed " + what + " but compile() refused it: " + e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of(new Failure("compile", "compile() threw " + e));
        }
        List<Tensor> inputs = part.inputs().stream().map(values::get).toList();
        List<Tensor> expected = part.outputs().stream().map(values::get).toList();
        try (kernel) {
            return run(kernel, part, inputs, expected);
        } catch (RuntimeException e) {
            return Optional.of(new Failure("invoke", "invoke() threw " + e));
        }
    }

    private Optional<Failure> run(Kernel kernel, KitSubgraph g, List<Tensor> inputs, List<Tensor> expected) {
        List<TensorType> types = kernel.outputTypes();
        if (types.size() != expected.size()
                || !types.equals(expected.stream().map(Tensor::type).toList())) {
            return Optional.of(new Failure(
                    "output-types",
                    "outputs " + types + ", the reference's "
                            + expected.stream().map(Tensor::type).toList()));
        }
        List<byte[]> before = inputs.stream().map(Tensor::toByteArray).toList();
        List<ByteBuffer> guardedInputs = new ArrayList<>();
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : inputs) {
            ByteBuffer b = GuardedBuffers.allocate(t.type().byteSize());
            Tensor view = Tensor.wrap(t.type(), b.duplicate().position(GuardedBuffers.GUARD_BYTES));
            view.copyFrom(t);
            guardedInputs.add(b);
            in.add(view.asReadOnly());
        }
        GuardedBuffers.Result first = GuardedBuffers.invoke(kernel, in, types, (byte) 0x55);
        GuardedBuffers.Result second = GuardedBuffers.invoke(kernel, in, types, (byte) 0xAA);
        for (GuardedBuffers.Result r : List.of(first, second)) {
            for (int k = 0; k < types.size(); k++) {
                int damage =
                        GuardedBuffers.damage(r.buffers().get(k), types.get(k).byteSize());
                if (damage != Integer.MIN_VALUE) {
                    return Optional.of(new Failure(
                            "writes-outside",
                            "invoke() wrote outside output '" + g.outputs().get(k) + "': guard byte "
                                    + GuardedBuffers.describe(
                                            damage, types.get(k).byteSize()) + " changed"));
                }
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            int size = inputs.get(i).type().byteSize();
            int damage = GuardedBuffers.damage(guardedInputs.get(i), size);
            byte[] now = new byte[size];
            guardedInputs.get(i).get(GuardedBuffers.GUARD_BYTES, now);
            if (damage != Integer.MIN_VALUE) {
                return Optional.of(new Failure(
                        "writes-outside",
                        "invoke() wrote outside boundary input '" + g.inputs().get(i) + "': guard byte "
                                + GuardedBuffers.describe(damage, size) + " changed"));
            }
            if (!Arrays.equals(before.get(i), now)) {
                return Optional.of(new Failure(
                        "inputs-unchanged",
                        "boundary input '" + g.inputs().get(i) + "' was modified (first difference at byte "
                                + Arrays.mismatch(before.get(i), now) + ")"));
            }
        }
        for (int k = 0; k < types.size(); k++) {
            if (!Arrays.equals(first.bytes().get(k), second.bytes().get(k))) {
                return Optional.of(new Failure(
                        "outputs-written",
                        "output '" + g.outputs().get(k) + "' differs between"
                                + " two runs over differently prefilled outputs: not every element is written, or the"
                                + " result is not deterministic (first difference at byte "
                                + Arrays.mismatch(
                                        first.bytes().get(k), second.bytes().get(k))
                                + ")"));
            }
        }
        Map<String, Integer> depths = DepthTolerance.depths(g);
        for (int k = 0; k < types.size(); k++) {
            Optional<String> wrong = numerics(
                    first.outputs().get(k),
                    expected.get(k),
                    depths.get(g.outputs().get(k)),
                    g);
            if (wrong.isPresent()) {
                return Optional.of(
                        new Failure("numerics", "output '" + g.outputs().get(k) + "' " + wrong.get()));
            }
        }
        if (kernel.isConcurrent()) {
            Optional<Failure> f = concurrently(kernel, g, in, types, first.bytes());
            if (f.isPresent()) {
                return f;
            }
        }
        return latencyBudgetMs == null ? Optional.empty() : latency(kernel, in, types);
    }

    /** Integers bit-exact; floating point within the per-node tolerance accumulated over the output's depth. */
    private static Optional<String> numerics(Tensor got, Tensor want, int depth, KitSubgraph g) {
        if (want.dataType().isFloatingPoint()) {
            return DepthTolerance.outside(got, want, depth, DepthTolerance.perNode(g, want.dataType()));
        }
        byte[] a = got.toByteArray();
        byte[] e = want.toByteArray();
        int at = Arrays.mismatch(a, e);
        if (at < 0) {
            return Optional.empty();
        }
        int element = at / Math.max(1, want.dataType().byteSize());
        return Optional.of("element " + element + " is " + got.getLong(element) + ", the reference's "
                + want.getLong(element) + " (" + want.dataType().label() + ": bit-exact required)");
    }

    /** A kernel that declares itself concurrent runs from two threads at once, each result the single run's. */
    private static Optional<Failure> concurrently(
            Kernel kernel, KitSubgraph g, List<Tensor> in, List<TensorType> types, List<byte[]> want) {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vela-delegate-concurrency");
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < REPEATS; i++) {
                        List<byte[]> got = GuardedBuffers.invoke(kernel, in, types, (byte) i)
                                .bytes();
                        for (int k = 0; k < got.size(); k++) {
                            int at = Arrays.mismatch(got.get(k), want.get(k));
                            if (at >= 0) {
                                return "output '" + g.outputs().get(k) + "' byte " + at + " is " + got.get(k)[at]
                                        + " instead of " + want.get(k)[at];
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            // both threads finish before the verdict: one still invoking would overlap the next subgraph's runs
            List<String> wrong = new ArrayList<>();
            for (Future<String> f : runs) {
                String w = f.get(30, TimeUnit.SECONDS);
                if (w != null) {
                    wrong.add(w);
                }
            }
            return wrong.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Failure(
                            "concurrency",
                            "the kernel declares"
                                    + " isConcurrent() but two threads invoking it at once get a wrong output: "
                                    + wrong.get(0)));
        } catch (TimeoutException e) {
            return Optional.of(new Failure(
                    "concurrency", "two threads invoking the kernel at once did not finish" + " within 30 s"));
        } catch (ExecutionException e) {
            return Optional.of(new Failure("concurrency", "invoke() from two threads at once threw " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failure("concurrency", "interrupted"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The median of a few invocations (after the ones above warmed it) against the budget. */
    private Optional<Failure> latency(Kernel kernel, List<Tensor> in, List<TensorType> types) {
        long[] nanos = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            GuardedBuffers.invoke(kernel, in, types, (byte) 0);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[REPEATS / 2] / 1e6;
        if (medianMs > latencyBudgetMs) {
            return Optional.of(new Failure(
                    "latency",
                    String.format(
                            java.util.Locale.ROOT,
                            "median invocation %.3f ms exceeds the budget of %.3f ms",
                            medianMs,
                            latencyBudgetMs)));
        }
        return Optional.empty();
    }

    private static KernelClaim claimOf(ViewNode n, KitSubgraph g) {
        DataType t = g.valueType(n.inputs().get(0)).map(TensorType::dataType).orElse(DataType.INT8);
        if (!Set.of("Conv", "MaxPool", "AveragePool").contains(n.op().name())) {
            return KernelClaim.of(n.op(), t);
        }
        return new KernelClaim(
                n.op(), t, Layout.valueOf(n.attributes().getString(Layout.ATTRIBUTE, Layout.NCHW.name())));
    }

    /** The claim of a chain's node: the kit's chains are NHWC, as their models. */
    private static KernelClaim claimOf(OpId op, DataType t) {
        return Set.of("Conv", "MaxPool", "AveragePool").contains(op.name())
                ? new KernelClaim(op, t, Layout.NHWC)
                : KernelClaim.of(op, t);
    }

    /** A Conv whose weights have the wrong number of input channels: compile must refuse it cleanly. */
    private Optional<Failure> invalidRefused() {
        SubgraphBuilder.Built built = SubgraphBuilder.build(new SubgraphSpec(1, 3, 3, 2, List.of(Step.CONV1X1)));
        KitSubgraph g = built.subgraph();
        Map<String, Tensor> constants = new LinkedHashMap<>(g.constants());
        String weights = g.nodes().get(0).inputs().get(1);
        Tensor w = constants.get(weights);
        constants.put(
                weights,
                Tensor.allocate(TensorType.quantized(
                        DataType.INT8,
                        dev.vela.spi.Shape.of(2, 1, 1, 3),
                        w.type().quantization().orElseThrow())));
        KitSubgraph invalid = new KitSubgraph(g.name(), g.nodes(), g.types(), constants, g.inputs(), g.outputs());
        try (Kernel k = delegate.compile(invalid)) {
            return Optional.of(new Failure(
                    "invalid-refused",
                    "compile() accepted a Conv whose weights have 3 input" + " channels for a 2-channel input"));
        } catch (InvalidNodeException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(new Failure(
                    "invalid-refused",
                    "compile() refused an invalid Conv with " + e + " instead of an InvalidNodeException naming it"));
        }
    }

    static Attributes none() {
        return Attributes.empty();
    }
}
