package dev.vela.conformance.custom;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one admission case file. The format, {@value #FORMAT}, is documented in the vendor guide ("Adding a custom
 * operator"); every error names the file and the field.
 */
final class AdmissionCaseReader {

    /** The format and version a case file declares in its {@code format} field. */
    static final String FORMAT = "vela-admission-case/1";

    private final String file;
    private final Function<String, byte[]> resolve;

    /**
     * @param file the case file's path, for messages and to resolve .npy files beside it
     * @param resolve the bytes of another file of the plugin by path, or null when there is none
     */
    AdmissionCaseReader(String file, Function<String, byte[]> resolve) {
        this.file = file;
        this.resolve = resolve;
    }

    AdmissionCase read(byte[] json) {
        Object root;
        try {
            root = CaseJson.parse(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw fail("does not parse: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw fail("the top level must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) m;
        if (!FORMAT.equals(c.get("format"))) {
            throw fail("'format' must be \"" + FORMAT + "\", got " + c.get("format"));
        }
        OpId op;
        try {
            op = OpId.parse(string(c, "op"));
        } catch (IllegalArgumentException e) {
            throw fail("'op': " + e.getMessage());
        }
        int version = c.containsKey("version") ? (int) integer(c.get("version"), "version") : 1;
        String invalid = c.containsKey("invalid") ? string(c, "invalid") : null;
        String source = c.containsKey("source") ? string(c, "source") : "";
        if (invalid == null && source.isBlank()) {
            throw fail("'source' must say where the expected outputs come from (independent of the plugin)");
        }
        boolean sequence = Boolean.TRUE.equals(c.get("sequence"));
        Attributes attributes = attributes(c.get("attributes"));
        List<Tensor> inputs = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        List<Boolean> constant = new ArrayList<>();
        for (Object in : list(c.get("inputs"), "inputs")) {
            readInput(in, inputs.size(), sequence, inputs, types, constant);
        }
        List<Tensor> expected = new ArrayList<>();
        if (invalid == null) {
            List<Object> outs = list(c.get("expected"), "expected");
            if (outs.isEmpty()) {
                throw fail("'expected' lists no outputs");
            }
            for (int i = 0; i < outs.size(); i++) {
                expected.add(npy(map(outs.get(i), "expected[" + i + "]"), "expected[" + i + "]"));
            }
        }
        int outputs =
                c.containsKey("outputs") ? (int) integer(c.get("outputs"), "outputs") : Math.max(1, expected.size());
        if (invalid == null && outputs != expected.size()) {
            throw fail("'outputs' is " + outputs + " but 'expected' lists " + expected.size());
        }
        double atol = 0;
        double rtol = 0;
        if (c.get("tolerance") != null) {
            Map<String, Object> tol = map(c.get("tolerance"), "tolerance");
            atol = tol.containsKey("atol") ? number(tol.get("atol"), "tolerance.atol") : 0;
            rtol = tol.containsKey("rtol") ? number(tol.get("rtol"), "tolerance.rtol") : 0;
            if (atol < 0 || rtol < 0 || Double.isNaN(atol) || Double.isNaN(rtol)) {
                throw fail("tolerances must not be negative");
            }
        }
        String refusal = c.containsKey("refusal") ? string(c, "refusal") : "";
        AdmissionCase result = new AdmissionCase(
                file,
                op,
                version,
                source,
                attributes,
                inputs,
                types,
                constant,
                outputs,
                expected,
                atol,
                rtol,
                sequence,
                invalid,
                refusal);
        checkSteps(result);
        return result;
    }

    private void readInput(
            Object in,
            int index,
            boolean sequence,
            List<Tensor> inputs,
            List<TensorType> types,
            List<Boolean> constant) {
        String where = "inputs[" + index + "]";
        if (in == null) {
            inputs.add(null);
            types.add(null);
            constant.add(false);
            return;
        }
        Map<String, Object> m = map(in, where);
        boolean isConstant = Boolean.TRUE.equals(m.get("constant"));
        Quantization q = null;
        if (m.containsKey("scale")) {
            try {
                q = Quantization.perTensor(
                        (float) number(m.get("scale"), where + ".scale"),
                        m.containsKey("zero_point") ? integer(m.get("zero_point"), where + ".zero_point") : 0);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }
        if (m.containsKey("npy")) {
            Tensor t = npy(m, where);
            if (q != null) {
                t = t.reinterpret(TensorType.quantized(t.dataType(), t.shape(), q));
            }
            TensorType type = t.type();
            if (sequence && !isConstant) {
                if (type.shape().rank() == 0) {
                    throw fail(where + " of a sequence case needs a leading step axis");
                }
                type = AdmissionCase.step(t, 0).type();
            }
            inputs.add(t);
            types.add(type);
        } else {
            DataType dt;
            try {
                dt = DataType.fromLabel(string(m, "type"));
            } catch (IllegalArgumentException e) {
                throw fail(where + ".type: " + e.getMessage());
            }
            List<Object> dims = list(m.get("shape"), where + ".shape");
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) integer(dims.get(i), where + ".shape");
            }
            Shape s;
            try {
                s = Shape.of(shape);
            } catch (RuntimeException e) {
                throw fail(where + ".shape: " + e.getMessage());
            }
            inputs.add(null);
            types.add(q == null ? TensorType.of(dt, s) : TensorType.quantized(dt, s, q));
            isConstant = false;
        }
        constant.add(isConstant);
    }

    private void checkSteps(AdmissionCase c) {
        if (!c.sequence()) {
            return;
        }
        int steps = c.steps();
        for (int i = 0; i < c.inputs().size(); i++) {
            Tensor t = c.inputs().get(i);
            if (t != null && !c.constant().get(i) && t.shape().dim(0) != steps) {
                throw fail("inputs[" + i + "] has " + t.shape().dim(0) + " steps, inputs[0] " + steps);
            }
        }
        for (int i = 0; i < c.expected().size(); i++) {
            Tensor t = c.expected().get(i);
            if (t.shape().rank() == 0 || t.shape().dim(0) != steps) {
                throw fail("expected[" + i + "] must have a leading axis of " + steps + " steps, got " + t.shape());
            }
        }
    }

    private Attributes attributes(Object value) {
        Attributes.Builder b = Attributes.builder();
        if (value == null) {
            return b.build();
        }
        for (Map.Entry<String, Object> e : map(value, "attributes").entrySet()) {
            String where = "attributes." + e.getKey();
            Map<String, Object> typed = map(e.getValue(), where);
            if (typed.size() != 1) {
                throw fail(where + " must be one of {\"int\": n}, {\"float\": x}, {\"string\": s}, {\"ints\": [..]},"
                        + " {\"floats\": [..]}, {\"strings\": [..]}");
            }
            Map.Entry<String, Object> v = typed.entrySet().iterator().next();
            switch (v.getKey()) {
                case "int" -> b.put(e.getKey(), integer(v.getValue(), where));
                case "float" -> b.put(e.getKey(), (float) number(v.getValue(), where));
                case "string" -> b.put(e.getKey(), string(typed, "string"));
                case "ints" -> {
                    List<Object> l = list(v.getValue(), where);
                    long[] a = new long[l.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = integer(l.get(i), where);
                    }
                    b.put(e.getKey(), a);
                }
                case "floats" -> {
                    List<Object> l = list(v.getValue(), where);
                    float[] a = new float[l.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) number(l.get(i), where);
                    }
                    b.put(e.getKey(), a);
                }
                case "strings" -> {
                    List<String> s = new ArrayList<>();
                    for (Object o : list(v.getValue(), where)) {
                        if (!(o instanceof String str)) {
                            throw fail(where + " must list strings");
                        }
                        s.add(str);
                    }
                    b.put(e.getKey(), s);
                }
                default -> throw fail(where + ": unknown attribute type '" + v.getKey() + "'");
            }
        }
        return b.build();
    }

    private Tensor npy(Map<String, Object> m, String where) {
        String name = string(m, "npy");
        if (name.contains("..") || name.startsWith("/") || name.contains("\\")) {
            throw fail(where + ".npy must name a file beside the case file, got '" + name + "'");
        }
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
        byte[] bytes = resolve.apply(dir + name);
        if (bytes == null) {
            throw fail(where + ".npy: no file '" + dir + name + "' in the plugin");
        }
        try {
            return NpyReader.read(dir + name, bytes);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private String string(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw fail("'" + key + "' must be a string");
        }
        return s;
    }

    private long integer(Object v, String where) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        throw fail(where + " must be an integer, got " + v);
    }

    private double number(Object v, String where) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw fail(where + " must be a number, got " + v);
    }

    private List<Object> list(Object v, String where) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw fail(where + " must be an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> out = (List<Object>) l;
        return out;
    }

    private Map<String, Object> map(Object v, String where) {
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(where + " must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) m;
        return out;
    }

    private IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException(file + ": " + problem);
    }
}
