package dev.vela.conformance.delegate;

import dev.vela.conformance.cases.ops.LayerText;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The chains of real models' layers in the resource {@value #RESOURCE} (VWW and MobileNetV2 depthwise and pointwise
 * blocks, ResNet residual blocks with their Add, KWS DS-CNN blocks, AD fully connected stacks, classifier tails), and
 * the subgraph a {@link ModelCut} of one of them builds: the model's shapes, quantization and attributes, with
 * weights, biases and inputs drawn from the cut's seed (no model file or weight is in the kit).
 */
final class ModelChains {

    /** The resource, see its header for the format. */
    static final String RESOURCE = "/dev/vela/conformance/delegate/model-chains.csv";

    /** One row: a node of a chain; {@code inputs} in the resource's form. */
    private record Row(String chain, String node, OpId op, String attributes, List<String> inputs, String output) {}

    private static final Map<String, List<Row>> CHAINS = load();

    private ModelChains() {}

    /** @return the chains' names, in the resource's order */
    static List<String> names() {
        return List.copyOf(CHAINS.keySet());
    }

    /**
     * @param chain a chain's name
     * @return the operators its nodes run, in order
     */
    static List<OpId> ops(String chain) {
        return rows(chain).stream().map(Row::op).toList();
    }

    /**
     * @param chain a chain's name
     * @return the data type of each node's first input, in order
     */
    static List<DataType> inputTypes(String chain) {
        return rows(chain).stream()
                .map(r -> type(activation(r.inputs().get(0))[1], r).dataType())
                .toList();
    }

    private static List<Row> rows(String chain) {
        List<Row> rows = CHAINS.get(chain);
        if (rows == null) {
            throw new IllegalArgumentException("no chain '" + chain + "' in " + RESOURCE + "; chains: " + names());
        }
        return rows;
    }

    /** @return the cut's subgraph and one set of inputs for it */
    static SubgraphBuilder.Built build(ModelCut cut) {
        List<Row> chain = rows(cut.chain());
        if (cut.last() >= chain.size()) {
            throw new IllegalArgumentException("chain '" + cut.chain() + "' has " + chain.size() + " nodes, the cut "
                    + cut.toLine() + " ends after it");
        }
        List<Row> rows = chain.subList(cut.first(), cut.last() + 1);
        Set<String> inside = new HashSet<>();
        rows.forEach(r -> inside.add(r.node()));
        Map<String, TensorType> types = new HashMap<>();
        Map<String, Tensor> constants = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<ViewNode> nodes = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            SplittableRandom random = new SplittableRandom(cut.seed() * 1_000_003L + 31L * (cut.first() + i));
            List<String> names = new ArrayList<>();
            TensorType activation = null;
            for (int k = 0; k < r.inputs().size(); k++) {
                String in = r.inputs().get(k);
                String[] a = activation(in);
                if (a != null) {
                    TensorType t = type(a[1], r);
                    activation = activation == null ? t : activation;
                    if (!produced.contains(a[0]) && !inputs.contains(a[0])) {
                        inputs.add(a[0]);
                        types.put(a[0], t);
                    }
                    names.add(a[0]);
                    continue;
                }
                String name = r.node() + "_in" + k;
                constants.put(name, constant(in, k, activation, constants, names, random, r));
                names.add(name);
            }
            TensorType out = type(r.output(), r);
            types.put(r.node(), out);
            produced.add(r.node());
            nodes.add(new KitNode(i, r.node(), r.op(), opset(r.op()), attributes(r), names, List.of(r.node())));
        }
        List<String> outputs = new ArrayList<>();
        for (Row r : rows) {
            boolean readInside = rows.stream().anyMatch(o -> reads(o, r.node()));
            boolean readOutside = chain.stream().anyMatch(o -> !inside.contains(o.node()) && reads(o, r.node()));
            if (readOutside || !readInside) {
                outputs.add(r.node());
            }
        }
        KitSubgraph g = new KitSubgraph("cut " + cut.chain(), nodes, types, constants, inputs, outputs);
        SplittableRandom data = new SplittableRandom(cut.seed());
        List<Tensor> values = new ArrayList<>();
        for (String in : inputs) {
            values.add(random(types.get(in), data, 4f));
        }
        return new SubgraphBuilder.Built(g, values);
    }

    private static boolean reads(Row r, String value) {
        return r.inputs().stream().map(ModelChains::activation).anyMatch(a -> a != null && a[0].equals(value));
    }

    /** @return {@code [name, type]} of an activation input ({@code name=type}), null for a constant */
    private static String[] activation(String input) {
        int eq = input.indexOf('=');
        int bracket = input.indexOf('[');
        return eq > 0 && eq < bracket ? new String[] {input.substring(0, eq), input.substring(eq + 1)} : null;
    }

    /**
     * A constant: its recorded values when the resource gives them, otherwise random weights (symmetric int8), biases
     * (int32, quantized with the input scale times each weight scale, as TFLite requires) or float values.
     */
    private static Tensor constant(
            String text,
            int index,
            TensorType activation,
            Map<String, Tensor> constants,
            List<String> names,
            SplittableRandom r,
            Row row) {
        // recorded values follow the type, after its quantization's braces if it has any
        int eq = text.indexOf('=', Math.max(text.indexOf(']'), text.lastIndexOf('}')));
        TensorType t = type(eq < 0 ? text : text.substring(0, eq), row);
        if (eq >= 0) {
            long[] v = Arrays.stream(text.substring(eq + 1).trim().split(" "))
                    .mapToLong(Long::parseLong)
                    .toArray();
            if (v.length != t.elementCount()) {
                throw new IllegalStateException(RESOURCE + ": node '" + row.node() + "' input " + index + " lists "
                        + v.length + " values for " + t);
            }
            Tensor c = Tensor.allocate(t);
            for (int i = 0; i < v.length; i++) {
                c.setLong(i, v[i]);
            }
            return c;
        }
        if (t.dataType() == DataType.INT32 && index == 2 && names.size() == 2 && activation != null) {
            t = withExactBiasScale(t, activation, constants.get(names.get(1)).type());
        }
        return random(
                t,
                r,
                1f
                        / (float) Math.sqrt(Math.max(
                                1, t.elementCount() / Math.max(1, t.shape().dim(0)))));
    }

    private static TensorType withExactBiasScale(TensorType bias, TensorType input, TensorType weights) {
        if (input.quantization().isEmpty() || weights.quantization().isEmpty()) {
            return bias;
        }
        float xs = input.quantization().get().scale();
        Quantization wq = weights.quantization().get();
        if (!wq.isPerAxis()) {
            return TensorType.quantized(bias.dataType(), bias.shape(), Quantization.perTensor(xs * wq.scale(), 0));
        }
        float[] s = new float[wq.count()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) ((double) xs * wq.scale(i));
        }
        return TensorType.quantized(bias.dataType(), bias.shape(), Quantization.perAxis(0, s, new long[s.length]));
    }

    /** Random values of a type: int8 over its range (symmetric for zero-point-0 weights), int32 biases, floats. */
    private static Tensor random(TensorType t, SplittableRandom r, float floatRange) {
        Tensor c = Tensor.allocate(t);
        int n = t.elementCount();
        for (int i = 0; i < n; i++) {
            switch (t.dataType()) {
                case FLOAT32 -> c.setDouble(i, floatRange * (2 * r.nextDouble() - 1));
                case INT32 -> c.setLong(i, r.nextInt(-30_000, 30_001));
                case INT8 -> c.setLong(i, r.nextInt(-127, 128));
                case UINT8 -> c.setLong(i, r.nextInt(256));
                default ->
                    throw new IllegalStateException(
                            RESOURCE + ": no random values for " + t + " (a constant of this type needs its values)");
            }
        }
        return c;
    }

    private static int opset(OpId op) {
        return switch (op.name()) {
            case "Add", "Reshape" -> 14;
            case "MaxPool" -> 12;
            case "AveragePool" -> 11;
            default -> 13;
        };
    }

    private static Attributes attributes(Row row) {
        try {
            return LayerText.attributes(row.attributes());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    RESOURCE + ": node '" + row.node() + "' of chain '" + row.chain() + "': " + e.getMessage(), e);
        }
    }

    private static TensorType type(String s, Row row) {
        try {
            return LayerText.type(s).type();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    RESOURCE + ": node '" + row.node() + "' of chain '" + row.chain() + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, List<Row>> load() {
        try (InputStream in = ModelChains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the kit's resource " + RESOURCE + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, List<Row>> chains = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("chain,")) {
                    continue;
                }
                String[] c = line.split(",", -1);
                if (c.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": expected 6 columns in: " + line);
                }
                chains.computeIfAbsent(c[0], k -> new ArrayList<>())
                        .add(new Row(c[0], c[1], OpId.of(c[2]), c[3], List.of(c[4].split("\\|")), c[5]));
            }
            chains.replaceAll((k, v) -> List.copyOf(v));
            return chains;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
