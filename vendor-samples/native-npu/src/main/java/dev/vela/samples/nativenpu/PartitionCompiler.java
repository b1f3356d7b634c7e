package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a partition's prepared per-node kernels into one native graph plan: folds a constant spatial Pad into the
 * Conv that alone reads it and an NCHW to NHWC Transpose of an RGB image into the direct stem Conv that alone reads it,
 * fuses a Conv with the same-shape residual Add that alone reads its output (the conv's
 * output then never exists: npu_graph.h runs the pair chunk by chunk), runs an inverted-residual block (1x1 expansion,
 * depthwise, 1x1 projection, each the only reader of the one before) as one step band by band (npu_block.h: the wide
 * intermediates never exist either), binds every value to a slot (boundary input or output, constant, or a range of
 * the arena laid out by {@link ArenaLayout}) and hands the whole to C++ once.
 */
final class PartitionCompiler {

    private static final int SLOT_INPUT = 0;
    private static final int SLOT_OUTPUT = 1;
    private static final int SLOT_ARENA = 2;
    private static final int SLOT_CONSTANT = 3;
    private static final int MAX_BOUNDARY = 64;
    private static final int FUSE_NONE = 0;
    private static final int FUSE_CONV_IS_A = 1;
    private static final int FUSE_CONV_IS_B = 2;
    private static final int NHWC_FIRST = 2; // where N sits in the six right-aligned dimensions of a rank-4 Pad

    private final Subgraph subgraph;
    private final boolean plantedBug;
    private final List<ViewNode> nodes = new ArrayList<>();
    private final List<Kernel> kernels = new ArrayList<>();
    private final List<PadFactory.Spec> pads = new ArrayList<>();
    private final List<TransposeFactory.Spec> transposes = new ArrayList<>();

    /**
     * @param subgraph the partition
     * @param plantedBug whether a Conv reading an Add's output gets its first byte wrong (PlantedBugNpuDelegate)
     */
    PartitionCompiler(Subgraph subgraph, boolean plantedBug) {
        this.subgraph = subgraph;
        this.plantedBug = plantedBug;
    }

    /**
     * @param node the next node in execution order
     * @param kernel its prepared per-node kernel (a {@link NativeKernel})
     * @param pad the resolved Pad if the node is one, else null
     * @param transpose the resolved Transpose if the node is one, else null
     */
    void add(ViewNode node, Kernel kernel, PadFactory.Spec pad, TransposeFactory.Spec transpose) {
        nodes.add(node);
        kernels.add(kernel);
        pads.add(pad);
        transposes.add(transpose);
    }

    void closeAll() {
        kernels.forEach(Kernel::close);
    }

    /** @param types the type of every value the partition reads or writes */
    NpuPlan compile(Map<String, TensorType> types) {
        if (subgraph.inputs().size() > MAX_BOUNDARY || subgraph.outputs().size() > MAX_BOUNDARY) {
            throw new InvalidNodeException(
                    subgraph.name(), "more than " + MAX_BOUNDARY + " boundary inputs or outputs");
        }
        Map<String, Integer> producer = new HashMap<>();
        Map<String, List<Integer>> readers = new HashMap<>();
        for (int s = 0; s < nodes.size(); s++) {
            for (String v : nodes.get(s).inputs()) {
                if (!v.isEmpty()) {
                    readers.computeIfAbsent(v, x -> new ArrayList<>()).add(s);
                }
            }
            for (String v : nodes.get(s).outputs()) {
                producer.put(v, s);
            }
        }
        // Pad -> Conv folding: the conv then reads the Pad's input, the Pad runs no step
        Map<String, String> aliased = new HashMap<>();
        boolean[] folded = new boolean[nodes.size()];
        for (int s = 0; s < nodes.size(); s++) {
            if (pads.get(s) != null && foldPad(s, readers)) {
                folded[s] = true;
                aliased.put(nodes.get(s).outputs().get(0), nodes.get(s).inputs().get(0));
            }
        }
        // NCHW -> NHWC Transpose -> direct RGB conv (through a folded Pad too): the conv reads the NCHW planes
        for (int s = 0; s < nodes.size(); s++) {
            if (transposes.get(s) != null && foldTranspose(s, readers, folded)) {
                folded[s] = true;
                aliased.put(nodes.get(s).outputs().get(0), nodes.get(s).inputs().get(0));
            }
        }
        // Conv -> residual Add fusion: the pair runs as one step at the Add's place
        int[] fusedInto = noStep(nodes.size());
        int[] fusedConv = noStep(nodes.size());
        for (int s = 0; s < nodes.size(); s++) {
            int add = folded[s] ? -1 : residualAddOf(s, readers);
            // an Add of two convs' outputs (ResNet's shortcut conv) fuses one of them; the other is materialized
            if (add >= 0 && fusedConv[add] < 0) {
                fusedInto[s] = add;
                fusedConv[add] = s;
            }
        }
        // expansion -> depthwise -> projection: the block runs as one step at the projection's place (or its Add's)
        int[] blockExpand = noStep(nodes.size());
        int[] blockDepthwise = noStep(nodes.size());
        int[] absorbedInto = noStep(nodes.size());
        for (int s = 0; s < nodes.size(); s++) {
            if (!folded[s] && absorbedInto[s] < 0 && blockOf(s, producer, readers, folded, absorbedInto, blockExpand)) {
                blockDepthwise[s] = producer.get(nodes.get(s).inputs().get(0));
                absorbedInto[blockExpand[s]] = s;
                absorbedInto[blockDepthwise[s]] = s;
            }
        }
        // the step at which each value is last read: a fused conv reads its input at the Add's place, a folded
        // Pad's reader reads the Pad's input, a block's expansion reads its input at the block's place
        Map<String, Integer> lastRead = new HashMap<>();
        for (int s = 0; s < nodes.size(); s++) {
            if (folded[s]) {
                continue;
            }
            int runs = absorbedInto[s] >= 0 ? absorbedInto[s] : s;
            int at = fusedInto[runs] >= 0 ? fusedInto[runs] : runs;
            for (String v : dataInputs(nodes.get(s))) {
                lastRead.merge(resolve(aliased, v), at, Math::max);
            }
        }
        Map<String, Integer> slotOf = new LinkedHashMap<>();
        List<Integer> slotKinds = new ArrayList<>();
        List<Long> slotArgs = new ArrayList<>();
        for (int i = 0; i < subgraph.inputs().size(); i++) {
            slotOf.put(subgraph.inputs().get(i), slotKinds.size());
            slotKinds.add(SLOT_INPUT);
            slotArgs.add((long) i);
        }
        List<TensorType> outputTypes = new ArrayList<>();
        for (int k = 0; k < subgraph.outputs().size(); k++) {
            String name = subgraph.outputs().get(k);
            slotOf.put(name, slotKinds.size());
            slotKinds.add(SLOT_OUTPUT);
            slotArgs.add((long) k);
            outputTypes.add(types.get(name));
        }
        // intermediates: produced by a step that runs, neither boundary input nor output
        ArenaLayout arena = new ArenaLayout();
        Map<String, Integer> arenaIndex = new LinkedHashMap<>();
        for (int s = 0; s < nodes.size(); s++) {
            if (folded[s] || fusedInto[s] >= 0 || absorbedInto[s] >= 0) {
                continue;
            }
            for (String v : nodes.get(s).outputs()) {
                if (!v.isEmpty() && !slotOf.containsKey(v)) {
                    int last = lastRead.getOrDefault(v, s);
                    arenaIndex.put(v, arena.place(types.get(v).byteSize(), s, last));
                }
            }
        }
        long[] offsets = arena.offsets();
        arenaIndex.forEach((v, index) -> {
            slotOf.put(v, slotKinds.size());
            slotKinds.add(SLOT_ARENA);
            slotArgs.add(offsets[index]);
        });
        Map<Integer, Tensor> constants = new HashMap<>();
        List<Long> plans = new ArrayList<>();
        List<Long> fusedAdds = new ArrayList<>();
        List<Long> expands = new ArrayList<>();
        List<Long> depthwises = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        for (int s = 0; s < nodes.size(); s++) {
            if (folded[s] || fusedInto[s] >= 0 || absorbedInto[s] >= 0) {
                continue;
            }
            ViewNode n = nodes.get(s);
            int conv = fusedConv[s];
            int fusion = FUSE_NONE;
            List<String> dataInputs = dataInputs(n);
            if (conv >= 0) {
                // the fused pair reads the conv's input and the Add's other input
                String convOut = nodes.get(conv).outputs().get(0);
                fusion = n.inputs().get(0).equals(convOut) ? FUSE_CONV_IS_A : FUSE_CONV_IS_B;
                dataInputs = List.of(nodes.get(conv).inputs().get(0), n.inputs().get(fusion == FUSE_CONV_IS_A ? 1 : 0));
            }
            int project = conv >= 0 ? conv : s;
            int expand = blockExpand[project];
            if (expand >= 0) {
                // a block reads the expansion's input in the projection's place
                List<String> blockInputs = new ArrayList<>(dataInputs);
                blockInputs.set(0, nodes.get(expand).inputs().get(0));
                dataInputs = blockInputs;
            }
            int[] in = {-1, -1};
            for (int i = 0; i < dataInputs.size(); i++) {
                String v = resolve(aliased, dataInputs.get(i));
                Integer slot = slotOf.get(v);
                if (slot == null) {
                    Tensor c = subgraph.constant(v)
                            .orElseThrow(() -> new InvalidNodeException(
                                    subgraph.name(),
                                    "node '" + n.name() + "': value '" + v
                                            + "' is neither a boundary input, a constant nor"
                                            + " produced earlier in the partition"));
                    slot = slotKinds.size();
                    slotOf.put(v, slot);
                    slotKinds.add(SLOT_CONSTANT);
                    slotArgs.add(0L);
                    constants.put(slot, c);
                }
                in[i] = slot;
            }
            ViewNode convNode = nodes.get(expand >= 0 ? expand : project);
            String input0 = convNode.inputs().isEmpty() ? "" : convNode.inputs().get(0);
            boolean addFeedsConv = convNode.op().name().equals("Conv")
                    && producer.containsKey(input0)
                    && nodes.get(producer.get(input0)).op().name().equals("Add");
            plans.add(((NativeKernel) kernels.get(conv >= 0 ? conv : s)).handle());
            fusedAdds.add(conv >= 0 ? ((NativeKernel) kernels.get(s)).handle() : 0L);
            expands.add(expand >= 0 ? ((NativeKernel) kernels.get(expand)).handle() : 0L);
            depthwises.add(expand >= 0 ? ((NativeKernel) kernels.get(blockDepthwise[project])).handle() : 0L);
            steps.add(in[0]);
            steps.add(in[1]);
            steps.add(slotOf.get(n.outputs().get(0)));
            steps.add(plantedBug && addFeedsConv ? 1 : 0);
            steps.add(fusion);
        }
        long graph = NpuNative.npu_graph_create(
                plans.stream().mapToLong(Long::longValue).toArray(),
                fusedAdds.stream().mapToLong(Long::longValue).toArray(),
                expands.stream().mapToLong(Long::longValue).toArray(),
                depthwises.stream().mapToLong(Long::longValue).toArray(),
                plans.size(),
                steps.stream().mapToInt(Integer::intValue).toArray(),
                slotKinds.size(),
                slotKinds.stream().mapToInt(Integer::intValue).toArray(),
                slotArgs.stream().mapToLong(Long::longValue).toArray(),
                subgraph.inputs().size(),
                subgraph.outputs().size(),
                arena.totalBytes());
        if (graph == 0) {
            throw new InvalidNodeException(
                    subgraph.name(),
                    "the native partition plan could not be created"
                            + " (inconsistent steps or native memory exhausted)");
        }
        for (Map.Entry<Integer, Tensor> c : constants.entrySet()) {
            ByteBuffer b = c.getValue().bytes();
            byte[] data = new byte[b.remaining()];
            b.duplicate().get(data);
            if (NpuNative.npu_graph_set_constant(graph, c.getKey(), data, data.length) == 0) {
                NpuNative.npu_plan_free(graph);
                throw new OutOfMemoryError(subgraph.name() + ": native memory for a constant input ran out");
            }
        }
        int foldedCount = 0;
        for (int s = 0; s < nodes.size(); s++) {
            foldedCount += folded[s] && pads.get(s) != null ? 1 : 0;
        }
        int fusedCount = (int) Arrays.stream(fusedInto).filter(a -> a >= 0).count();
        int blockCount = (int) Arrays.stream(blockExpand).filter(e -> e >= 0).count();
        return new NpuPlan(
                graph,
                kernels,
                subgraph.inputTypes(),
                outputTypes,
                new NpuPlan.Counts(plans.size(), foldedCount, fusedCount, blockCount));
    }

    /** @return a per-step index table with no step set (-1 everywhere) */
    private static int[] noStep(int steps) {
        int[] t = new int[steps];
        Arrays.fill(t, -1);
        return t;
    }

    /** @return the value v stands for once folded steps are gone (a folded Transpose's output may feed a folded Pad) */
    private static String resolve(Map<String, String> aliased, String v) {
        String at = v;
        while (aliased.containsKey(at)) {
            at = aliased.get(at);
        }
        return at;
    }

    /** @return the inputs a step reads at run time: Conv and Gemm bake their weights and bias into the plan */
    private static List<String> dataInputs(ViewNode n) {
        return switch (n.op().name()) {
            case "Conv", "Gemm", "Pad", "AveragePool", "MaxPool", "Softmax", "ReduceMean", "Transpose" ->
                n.inputs().subList(0, 1);
            default -> n.inputs();
        };
    }

    /**
     * @return the step of the Add that runs fused with Conv step s, or -1: the Add must be the only reader of the
     *     conv's output (no boundary output either), read it as exactly one of its two inputs, and C++ must accept
     *     the pair (a GEMM conv, a same-shape Add without broadcasting)
     */
    private int residualAddOf(int s, Map<String, List<Integer>> readers) {
        ViewNode conv = nodes.get(s);
        if (!conv.op().name().equals("Conv")) {
            return -1;
        }
        String out = conv.outputs().get(0);
        List<Integer> r = readers.getOrDefault(out, List.of());
        if (r.size() != 1 || subgraph.outputs().contains(out)) {
            return -1;
        }
        int a = r.get(0);
        ViewNode add = nodes.get(a);
        if (!add.op().name().equals("Add")
                || add.inputs().size() != 2
                || add.inputs().get(0).equals(out) == add.inputs().get(1).equals(out)) {
            return -1;
        }
        long convPlan = ((NativeKernel) kernels.get(s)).handle();
        long addPlan = ((NativeKernel) kernels.get(a)).handle();
        return NpuNative.npu_can_fuse_conv_add(convPlan, addPlan) == 1 ? a : -1;
    }

    /**
     * Whether Conv step p is the projection of an inverted-residual block, recording its expansion in blockExpand[p]:
     * p reads (as input 0) the output of a depthwise Conv that it alone reads, which reads (as input 0, directly or
     * through a Pad folded into it) the output of an expansion Conv that it alone reads; none of them is folded or
     * already part of another block, no intermediate is a boundary output, and C++ accepts the three plans (1x1
     * GEMM convs around a depthwise of multiplier 1 on one path, see npu_block.h).
     */
    private boolean blockOf(
            int p,
            Map<String, Integer> producer,
            Map<String, List<Integer>> readers,
            boolean[] folded,
            int[] absorbedInto,
            int[] blockExpand) {
        if (!nodes.get(p).op().name().equals("Conv")) {
            return false;
        }
        int d = onlyConvFeeding(nodes.get(p), producer, readers);
        if (d < 0 || folded[d] || absorbedInto[d] >= 0 || blockExpand[d] >= 0) {
            return false;
        }
        String dIn = nodes.get(d).inputs().get(0);
        Integer padStep = producer.get(dIn);
        ViewNode dwView = nodes.get(d);
        if (padStep != null && folded[padStep] && pads.get(padStep) != null) {
            if (onlyReader(dIn, readers) != d) {
                return false;
            }
            dwView = nodes.get(padStep); // the folded Pad reads the expansion's output for the depthwise
        }
        int e = onlyConvFeeding(dwView, producer, readers);
        if (e < 0 || folded[e] || absorbedInto[e] >= 0 || blockExpand[e] >= 0) {
            return false;
        }
        long expand = ((NativeKernel) kernels.get(e)).handle();
        long depthwise = ((NativeKernel) kernels.get(d)).handle();
        long project = ((NativeKernel) kernels.get(p)).handle();
        if (NpuNative.npu_can_fuse_block(expand, depthwise, project) != 1) {
            return false;
        }
        blockExpand[p] = e;
        return true;
    }

    /**
     * @return the Conv step whose output node reads as input 0 and nothing else reads (nor is it a boundary output),
     *     or -1
     */
    private int onlyConvFeeding(ViewNode node, Map<String, Integer> producer, Map<String, List<Integer>> readers) {
        if (node.inputs().isEmpty()) {
            return -1;
        }
        String in = node.inputs().get(0);
        Integer from = producer.get(in);
        if (from == null
                || !nodes.get(from).op().name().equals("Conv")
                || onlyReader(in, readers) < 0
                || node.inputs().subList(1, node.inputs().size()).contains(in)) {
            return -1;
        }
        return from;
    }

    /**
     * Folds step s (a Pad) into its only reader if that is a Conv reading it as input 0, the Pad is no boundary
     * output and pads only height and width by non-negative amounts with the Conv's input zero point (C++ checks
     * the fill value and sizes, and refuses otherwise).
     */
    private boolean foldPad(int s, Map<String, List<Integer>> readers) {
        ViewNode pad = nodes.get(s);
        String out = pad.outputs().get(0);
        List<Integer> r = readers.getOrDefault(out, List.of());
        if (r.size() != 1 || subgraph.outputs().contains(out)) {
            return false;
        }
        ViewNode conv = nodes.get(r.get(0));
        if (!conv.op().name().equals("Conv")
                || !conv.inputs().get(0).equals(out)
                || conv.inputs().subList(1, conv.inputs().size()).contains(out)) {
            return false;
        }
        PadFactory.Spec spec = pads.get(s);
        int[] in = spec.in();
        int[] size = spec.out();
        int[] begin = spec.begin();
        for (int d = 0; d < NHWC_FIRST; d++) {
            if (in[d] != 1 || size[d] != 1) {
                return false; // rank above 4
            }
        }
        int n = NHWC_FIRST;
        int h = NHWC_FIRST + 1;
        int w = NHWC_FIRST + 2;
        int c = NHWC_FIRST + 3;
        if (begin[n] != 0 || size[n] != in[n] || begin[c] != 0 || size[c] != in[c]) {
            return false;
        }
        int bottom = size[h] - in[h] - begin[h];
        int right = size[w] - in[w] - begin[w];
        long convPlan = ((NativeKernel) kernels.get(r.get(0))).handle();
        return NpuNative.npu_conv_fold_pad(convPlan, in[h], in[w], begin[h], begin[w], bottom, right, spec.value())
                == 1;
    }

    /**
     * Folds step s (a Transpose) into the direct conv that alone reads its output, directly or through a folded Pad,
     * if it turns a 1x3xHxW image into 1xHxWx3 (output dims [1, H, W, 3] read at input strides [3HW, W, 1, HW]) and
     * its output is no boundary output; C++ refuses unless the conv runs direct over that image.
     */
    private boolean foldTranspose(int s, Map<String, List<Integer>> readers, boolean[] folded) {
        TransposeFactory.Spec spec = transposes.get(s);
        int[] d = spec.outDims();
        long[] st = spec.inStride();
        if (d.length != 4 || d[0] != 1 || d[3] != 3 || st[1] != d[2] || st[2] != 1 || st[3] != (long) d[1] * d[2]) {
            return false;
        }
        String out = nodes.get(s).outputs().get(0);
        int reader = onlyReader(out, readers);
        if (reader >= 0 && folded[reader]) {
            out = nodes.get(reader).outputs().get(0); // a folded Pad: the conv reads the Transpose's image padded
            reader = onlyReader(out, readers);
        }
        if (reader < 0) {
            return false;
        }
        ViewNode conv = nodes.get(reader);
        if (!conv.op().name().equals("Conv")
                || !conv.inputs().get(0).equals(out)
                || conv.inputs().subList(1, conv.inputs().size()).contains(out)) {
            return false;
        }
        long convPlan = ((NativeKernel) kernels.get(reader)).handle();
        return NpuNative.npu_conv_fold_nchw_transpose(convPlan, d[1], d[2]) == 1;
    }

    /** @return the only step reading value v, or -1 if v is a boundary output or has no or several readers */
    private int onlyReader(String v, Map<String, List<Integer>> readers) {
        List<Integer> r = readers.getOrDefault(v, List.of());
        return r.size() == 1 && !subgraph.outputs().contains(v) ? r.get(0) : -1;
    }
}
