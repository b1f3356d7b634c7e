package dev.vela.runtime.store;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test vectors shipped with a model version ({@code selftest.json}): inputs and the outputs the model must produce,
 * run on the newly loaded version before any app switches to it. Tensors are NumPy {@code .npy} bytes in base64, so
 * any data type round-trips exactly. Floating-point outputs are compared as {@code |a - e| <= atol + rtol * |e|}
 * (NaN where expected NaN), integer outputs exactly.
 *
 * @param cases the vectors
 * @param atol absolute tolerance for floating-point outputs
 * @param rtol relative tolerance for floating-point outputs
 */
public record SelfTest(List<Case> cases, double atol, double rtol) {

    /**
     * One vector.
     *
     * @param inputs the model inputs by name
     * @param expected the expected outputs by name (outputs not named are not compared)
     */
    public record Case(Map<String, Tensor> inputs, Map<String, Tensor> expected) {}

    /** Copies the cases. */
    public SelfTest {
        cases = List.copyOf(cases);
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new ModelStoreException(
                    "self-test tolerances must be non-negative, got atol " + atol + ", rtol " + rtol);
        }
    }

    /**
     * @param source the file name, for messages
     * @param json the JSON form
     * @return the self-test
     * @throws ModelStoreException naming the source and the case when malformed
     */
    public static SelfTest fromJson(String source, String json) {
        JsonDoc root = JsonDoc.parse(source, json);
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (JsonDoc c : root.objects("cases")) {
            String where = source + " case " + i++;
            cases.add(new Case(tensors(where, c, "inputs"), tensors(where, c, "outputs")));
        }
        if (cases.isEmpty()) {
            throw new ModelStoreException(source + ": a self-test needs at least one case in 'cases'");
        }
        return new SelfTest(cases, root.doubleValue("atol", 1e-5), root.doubleValue("rtol", 1e-4));
    }

    private static Map<String, Tensor> tensors(String where, JsonDoc c, String key) {
        JsonDoc m = c.object(key).orElseThrow(() -> new ModelStoreException(where + ": missing '" + key + "'"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : m.fields().keySet()) {
            byte[] npy;
            try {
                npy = Base64.getDecoder().decode(m.string(name));
            } catch (IllegalArgumentException e) {
                throw new ModelStoreException(where + ": " + key + " '" + name + "' is not base64 .npy data");
            }
            out.put(name, Npy.decode(where + " " + key + " '" + name + "'", npy));
        }
        return out;
    }

    /** @return the JSON form */
    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inputs", encode(c.inputs()));
            m.put("outputs", encode(c.expected()));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("atol", atol);
        root.put("rtol", rtol);
        root.put("cases", list);
        return StoreJson.write(root);
    }

    private static Map<String, Object> encode(Map<String, Tensor> tensors) {
        Map<String, Object> m = new LinkedHashMap<>();
        tensors.forEach((k, v) -> m.put(k, Base64.getEncoder().encodeToString(Npy.encode(v))));
        return m;
    }

    /**
     * Runs every case on a fresh session of the model.
     *
     * @param model the loaded model version
     * @param id its name@version, for messages
     * @throws ModelStoreException naming the case, output and first differing element when a result differs or the
     *     run fails
     */
    public void run(Model model, String id) {
        try (Session session = model.newSession()) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Map<String, Tensor> actual;
                try {
                    actual = session.run(c.inputs());
                } catch (RuntimeException e) {
                    throw new ModelStoreException(
                            id + ": self-test case " + i + " failed to run: " + e.getMessage(), e);
                }
                for (Map.Entry<String, Tensor> e : c.expected().entrySet()) {
                    Tensor got = actual.get(e.getKey());
                    if (got == null) {
                        throw new ModelStoreException(id + ": self-test case " + i + " expects output '" + e.getKey()
                                + "', which the model does not produce (outputs: " + actual.keySet() + ")");
                    }
                    compare(id, i, e.getKey(), e.getValue(), got);
                }
            }
        }
    }

    private void compare(String id, int caseIndex, String name, Tensor expected, Tensor got) {
        String where = id + ": self-test case " + caseIndex + " output '" + name + "'";
        if (!expected.shape().equals(got.shape()) || expected.dataType() != got.dataType()) {
            throw new ModelStoreException(where + " is " + got.type() + ", expected " + expected.type());
        }
        boolean floating = expected.dataType().isFloatingPoint();
        for (int k = 0; k < expected.elementCount(); k++) {
            if (floating) {
                double e = expected.getDouble(k);
                double a = got.getDouble(k);
                boolean ok = Double.isNaN(e)
                        ? Double.isNaN(a)
                        : Double.isInfinite(e) ? a == e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
                if (!ok) {
                    throw new ModelStoreException(where + " element " + k + " is " + a + ", expected " + e + " (atol "
                            + atol + ", rtol " + rtol + ")");
                }
            } else if (expected.getLong(k) != got.getLong(k)) {
                throw new ModelStoreException(where + " element " + k + " is " + got.getLong(k) + ", expected "
                        + expected.getLong(k) + " (integer outputs must match exactly)");
            }
        }
    }
}
