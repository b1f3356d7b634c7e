package dev.vela.conformance.tolerance;

import dev.vela.reference.support.Elements;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The declared tolerance policy: per data type (and optionally per operator and profile) how
 * close a kernel's outputs must be to the reference's. Loaded from the versioned data file
 * {@code dev/vela/conformance/tolerance-policy.properties}; the most specific key wins:
 * {@code profile.<p>.op.<Op>.<dtype>.<key>}, {@code profile.<p>.<dtype>.<key>},
 * {@code op.<Op>.<dtype>.<key>}, {@code <dtype>.<key>}, {@code integer.<key>}.
 */
public final class TolerancePolicy {

    /** How many of the worst mismatching elements a comparison keeps. */
    public static final int WORST_KEPT = 5;

    /** The bundled policy file. */
    public static final String RESOURCE = "/dev/vela/conformance/tolerance-policy.properties";

    /** The profile that adds no overrides. */
    public static final String DEFAULT_PROFILE = "default";

    private final Properties properties;
    private final String version;
    private final String profile;

    private TolerancePolicy(Properties properties, String profile) {
        this.properties = properties;
        this.version = Objects.requireNonNull(properties.getProperty("version"), "tolerance policy has no 'version'");
        this.profile = profile;
    }

    /** @return the bundled policy with the default profile */
    public static TolerancePolicy load() {
        return load(DEFAULT_PROFILE);
    }

    /**
     * @param profile a profile named in the policy file, or {@value #DEFAULT_PROFILE}
     * @return the bundled policy with that profile
     */
    public static TolerancePolicy load(String profile) {
        try (InputStream in = TolerancePolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("tolerance policy resource " + RESOURCE + " is missing");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * @param reader a policy in the bundled file's format
     * @param profile the profile to apply
     * @return the policy
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the profile is not defined in the file
     */
    public static TolerancePolicy read(Reader reader, String profile) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        if (!DEFAULT_PROFILE.equals(profile)
                && p.stringPropertyNames().stream().noneMatch(k -> k.startsWith("profile." + profile + "."))) {
            throw new IllegalArgumentException(
                    "tolerance policy " + p.getProperty("version") + " has no profile '" + profile + "'");
        }
        return new TolerancePolicy(p, profile);
    }

    /** @return the policy version, recorded in reports and certificates */
    public String version() {
        return version;
    }

    /** @return the profile applied */
    public String profile() {
        return profile;
    }

    /**
     * The integer numerics flavour (D15) quantized cases are certified against: {@code profile.<p>.numerics}, else
     * {@code numerics}, else {@code tflm}. The kit writes it into every quantized case node, so the reference and the
     * kernel under test compute the same flavour.
     *
     * @return the flavour this profile certifies
     * @throws IllegalArgumentException naming the profile when the property names no flavour
     */
    public dev.vela.spi.NumericsFlavour numerics() {
        String value =
                DEFAULT_PROFILE.equals(profile) ? null : properties.getProperty("profile." + profile + ".numerics");
        if (value == null) {
            value = properties.getProperty("numerics", "tflm");
        }
        try {
            return dev.vela.spi.NumericsFlavour.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "tolerance policy " + version + ", profile '" + profile + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param op the operator
     * @param type the element type
     * @return the rule for them
     * @throws IllegalArgumentException if the policy has no rule for a floating type
     */
    public ToleranceRule rule(OpId op, DataType type) {
        if (type.isFloatingPoint()) {
            Double atol = number(op, type, "atol");
            Double rtol = number(op, type, "rtol");
            if (atol == null || rtol == null) {
                throw new IllegalArgumentException("tolerance policy " + version + " has no rule for " + type.label());
            }
            Double factor = number(op, type, "reductionEpsFactor");
            return new ToleranceRule(type, atol, rtol, factor == null ? 0 : factor, 0);
        }
        Double maxDiff = number(op, type, "maxDiff");
        return new ToleranceRule(type, 0, 0, 0, maxDiff == null ? 0 : maxDiff.longValue());
    }

    private Double number(OpId op, DataType type, String key) {
        String dt = type.label();
        List<String> keys = new ArrayList<>();
        if (!DEFAULT_PROFILE.equals(profile)) {
            keys.add("profile." + profile + ".op." + op + "." + dt + "." + key);
            keys.add("profile." + profile + "." + dt + "." + key);
        }
        keys.add("op." + op + "." + dt + "." + key);
        keys.add(dt + "." + key);
        if (!type.isFloatingPoint()) {
            keys.add("integer." + key);
        }
        for (String k : keys) {
            String v = properties.getProperty(k);
            if (v != null) {
                try {
                    return Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "tolerance policy key '" + k + "' is not a number: '" + v + "'", e);
                }
            }
        }
        return null;
    }

    /**
     * Compares a kernel's output with the reference's.
     *
     * @param actual the output under test
     * @param expected the reference output
     * @param op the operator (for per-op rules)
     * @param reductionSize K, the number of terms each output element sums (1 for elementwise ops)
     * @return the comparison, with the worst elements
     */
    public Comparison check(Tensor actual, Tensor expected, OpId op, int reductionSize) {
        return check(actual, expected, op, reductionSize, null);
    }

    /**
     * Compares a kernel's output with the reference's, allowing a sum whose terms cancel the rounding error of
     * accumulating its terms ({@link ToleranceRule#allowed(double, int, double)}).
     *
     * @param actual the output under test
     * @param expected the reference output
     * @param op the operator (for per-op rules)
     * @param reductionSize K, the number of terms each output element sums (1 for elementwise ops)
     * @param magnitudes per element, the sum of the magnitudes of its terms (the reference run on the inputs'
     *     absolute values), or null
     * @return the comparison, with the worst elements
     */
    public Comparison check(Tensor actual, Tensor expected, OpId op, int reductionSize, Tensor magnitudes) {
        ToleranceRule rule = rule(op, expected.dataType());
        if (actual.dataType() != expected.dataType() || !actual.shape().equals(expected.shape())) {
            return new Comparison(
                    actual.type(),
                    expected.type(),
                    rule,
                    reductionSize,
                    0,
                    0,
                    List.of(),
                    "type " + actual.type() + " differs from the reference's " + expected.type());
        }
        WorstElements worst = new WorstElements(WORST_KEPT);
        int mismatches = expected.dataType().isFloatingPoint()
                ? compareFloating(actual, expected, rule, reductionSize, magnitudes, worst)
                : compareIntegers(actual, expected, rule, worst);
        return new Comparison(
                actual.type(),
                expected.type(),
                rule,
                reductionSize,
                expected.elementCount(),
                mismatches,
                worst.sorted(expected.shape()),
                "");
    }

    private static int compareFloating(
            Tensor actual, Tensor expected, ToleranceRule rule, int k, Tensor magnitudes, WorstElements worst) {
        double[] a = Elements.doubles(actual);
        double[] e = Elements.doubles(expected);
        double[] m = magnitudes != null
                        && magnitudes.elementCount() == e.length
                        && magnitudes.dataType().isFloatingPoint()
                ? Elements.doubles(magnitudes)
                : null;
        int mismatches = 0;
        for (int i = 0; i < e.length; i++) {
            double ai = a[i];
            double ei = e[i];
            boolean ok;
            double allowed;
            if (Double.isNaN(ei)) {
                ok = Double.isNaN(ai);
                allowed = 0;
            } else if (Double.isInfinite(ei)) {
                ok = ai == ei;
                allowed = 0;
            } else {
                allowed = m == null ? rule.allowed(ei, k) : rule.allowed(ei, k, Math.abs(m[i]));
                ok = Math.abs(ai - ei) <= allowed; // false for NaN or infinite ai
            }
            if (!ok) {
                mismatches++;
                double abs = Math.abs(ai - ei);
                worst.offer(i, ai, ei, abs, ei == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(ei), allowed);
            }
        }
        return mismatches;
    }

    private static int compareIntegers(Tensor actual, Tensor expected, ToleranceRule rule, WorstElements worst) {
        long[] a = Elements.longs(actual);
        long[] e = Elements.longs(expected);
        int mismatches = 0;
        for (int i = 0; i < e.length; i++) {
            // |a - e| in integer steps; a subtraction that overflows is certainly outside any maxDiff.
            long d;
            try {
                d = Math.abs(Math.subtractExact(a[i], e[i]));
            } catch (ArithmeticException overflow) {
                d = Long.MAX_VALUE;
            }
            double diff = Math.abs((double) a[i] - (double) e[i]);
            boolean ok = d <= rule.maxDiff() && d >= 0;
            if (!ok) {
                mismatches++;
                worst.offer(
                        i,
                        a[i],
                        e[i],
                        diff,
                        e[i] == 0 ? Double.POSITIVE_INFINITY : diff / Math.abs((double) e[i]),
                        rule.maxDiff());
            }
        }
        return mismatches;
    }

    /** Keeps the k most severe mismatches without allocating per element. */
    private static final class WorstElements {
        private final int capacity;
        private final int[] index;
        private final double[][] values; // actual, expected, abs, rel, allowed
        private final double[] severity;
        private int size;

        WorstElements(int capacity) {
            this.capacity = capacity;
            this.index = new int[capacity];
            this.values = new double[capacity][5];
            this.severity = new double[capacity];
        }

        void offer(int i, double actual, double expected, double abs, double rel, double allowed) {
            double sev = new ElementMismatch(i, new int[0], actual, expected, abs, rel, allowed).severity();
            int slot;
            if (size < capacity) {
                slot = size++;
            } else {
                slot = 0;
                for (int s = 1; s < capacity; s++) {
                    if (severity[s] < severity[slot]) {
                        slot = s;
                    }
                }
                if (severity[slot] >= sev) {
                    return;
                }
            }
            index[slot] = i;
            severity[slot] = sev;
            values[slot][0] = actual;
            values[slot][1] = expected;
            values[slot][2] = abs;
            values[slot][3] = rel;
            values[slot][4] = allowed;
        }

        List<ElementMismatch> sorted(Shape shape) {
            List<ElementMismatch> out = new ArrayList<>(size);
            for (int s = 0; s < size; s++) {
                out.add(new ElementMismatch(
                        index[s],
                        coordinates(index[s], shape),
                        values[s][0],
                        values[s][1],
                        values[s][2],
                        values[s][3],
                        values[s][4]));
            }
            out.sort((x, y) -> x.severity() != y.severity()
                    ? Double.compare(y.severity(), x.severity())
                    : Integer.compare(x.index(), y.index()));
            return List.copyOf(out);
        }
    }

    /**
     * @param index a row-major element index
     * @param shape the shape
     * @return its coordinates
     */
    public static int[] coordinates(int index, Shape shape) {
        int[] dims = shape.dims();
        int[] out = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] > 0) {
                out[d] = index % dims[d];
                index /= dims[d];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "tolerance policy " + version + " (profile " + profile + ")";
    }
}
