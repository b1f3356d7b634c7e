package dev.vela.conformance.cases;

import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One generated operator case: a node and a value for each of its input positions ({@code null}
 * for an omitted optional input; constant inputs repeat the node's value).
 *
 * @param node the node
 * @param inputs the input values
 * @param labels classification labels (e.g. {@code broadcast}, {@code empty}, {@code special values})
 */
public record OpCase(Node node, List<Tensor> inputs, Set<String> labels) {

    /** How many values per input {@link #describe()} shows. */
    private static final int VALUES_SHOWN = 8;

    /**
     * @param node the node
     * @param inputs the input values
     * @param labels classification labels
     */
    public OpCase {
        inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        labels = Set.copyOf(labels);
        if (inputs.size() != node.inputCount()) {
            throw new IllegalArgumentException(node.describe() + " has " + node.inputCount()
                    + " inputs but the case gives " + inputs.size() + " values");
        }
    }

    /** @return the case's size, to judge shrinking */
    public CaseSize size() {
        long elements = 0;
        int rankSum = 0;
        long nonZero = 0;
        for (Tensor t : inputs) {
            if (t == null) {
                continue;
            }
            elements += t.elementCount();
            rankSum += t.shape().rank();
            for (int i = 0; i < t.elementCount(); i++) {
                if (t.dataType().isFloatingPoint() ? t.getDouble(i) != 0 : t.getLong(i) != 0) {
                    nonZero++;
                }
            }
        }
        return new CaseSize(elements, rankSum, nonZero);
    }

    /** @return the node, its attributes, each input's type and its first values */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(node.op()).append(" (opset ").append(node.opsetVersion()).append(')');
        String attrs = node.attributes().toString();
        if (!"{}".equals(attrs)) {
            sb.append(' ').append(attrs);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            sb.append("\n  input ").append(i).append(": ");
            if (t == null) {
                sb.append("(absent)");
                continue;
            }
            sb.append(t.type());
            if (node.inputValue(i).isPresent()) {
                sb.append(" (constant)");
            }
            sb.append(" = ").append(values(t, VALUES_SHOWN));
            if (t.elementCount() > VALUES_SHOWN) {
                sb.append(specialValues(t));
            }
        }
        return sb.toString();
    }

    /** Where NaN and infinities sit in a tensor too long to show, since they are often what fails. */
    private static String specialValues(Tensor t) {
        if (!t.dataType().isFloatingPoint()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int found = 0;
        for (int i = 0; i < t.elementCount() && found < 4; i++) {
            double v = t.getDouble(i);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                sb.append(found == 0 ? "; special: " : ", ")
                        .append(v)
                        .append(" at ")
                        .append(java.util.Arrays.toString(
                                dev.vela.conformance.tolerance.TolerancePolicy.coordinates(i, t.shape())));
                found++;
            }
        }
        return sb.toString();
    }

    /**
     * @param t a tensor
     * @param max how many values to show
     * @return e.g. {@code [1.5, -2, NaN, ... (24 values)]}
     */
    public static String values(Tensor t, int max) {
        int n = t.elementCount();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(n, max); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(t.dataType().isFloatingPoint() ? formatFloat(t.getDouble(i)) : Long.toString(t.getLong(i)));
        }
        if (n > max) {
            sb.append(", ... (").append(n).append(" values)");
        }
        return sb.append(']').toString();
    }

    private static String formatFloat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.7g", v);
    }
}
