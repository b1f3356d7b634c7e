package dev.vela.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A model version such as {@code 1.4.2} or {@code 2.0-rc1}: dot-separated parts compared numerically when both are
 * numbers, as text otherwise. The text doubles as a directory name, so it is restricted to a safe alphabet.
 *
 * @param text the version as written
 */
public record ModelVersion(String text) implements Comparable<ModelVersion> {

    private static final Pattern SAFE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");

    /** @param text the version as written; letters, digits and {@code . _ + -}, starting with a letter or digit */
    public ModelVersion {
        if (text == null || !SAFE.matcher(text).matches()) {
            throw new ModelStoreException("invalid model version '" + text + "': use up to 64 letters, digits and"
                    + " . _ + -, starting with a letter or digit (e.g. 1.2.0)");
        }
    }

    /**
     * @param text the version as written
     * @return the version
     */
    public static ModelVersion of(String text) {
        return new ModelVersion(text);
    }

    private List<String> parts() {
        List<String> parts = new ArrayList<>();
        for (String p : text.split("[.+-]")) {
            parts.add(p);
        }
        return parts;
    }

    /**
     * @param i part index
     * @return the numeric value of part i, or -1 when absent or not a number
     */
    long numericPart(int i) {
        List<String> parts = parts();
        if (i >= parts.size() || !parts.get(i).matches("[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(parts.get(i));
    }

    @Override
    public int compareTo(ModelVersion o) {
        List<String> a = parts();
        List<String> b = o.parts();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "0";
            String y = i < b.size() ? b.get(i) : "0";
            boolean xn = x.matches("[0-9]{1,18}");
            boolean yn = y.matches("[0-9]{1,18}");
            int c;
            if (xn && yn) {
                c = Long.compare(Long.parseLong(x), Long.parseLong(y));
            } else if (xn != yn) {
                c = xn ? 1 : -1; // 1.0 > 1.0-rc1: a release sorts after its pre-releases
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
