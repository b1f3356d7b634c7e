package dev.vela.runtime.bench;

import java.util.Locale;

/** A minimal JSON text builder for the bench report: strings escaped per RFC 8259, non-finite numbers as null. */
public final class Json {

    private final StringBuilder text = new StringBuilder();
    private boolean needComma;

    /** @return this, after opening an object */
    public Json beginObject() {
        separate();
        text.append('{');
        needComma = false;
        return this;
    }

    /** @return this, after closing an object */
    public Json endObject() {
        text.append('}');
        needComma = true;
        return this;
    }

    /** @return this, after opening an array */
    public Json beginArray() {
        separate();
        text.append('[');
        needComma = false;
        return this;
    }

    /** @return this, after closing an array */
    public Json endArray() {
        text.append(']');
        needComma = true;
        return this;
    }

    /**
     * @param key a member name; the value must follow
     * @return this
     */
    public Json key(String key) {
        separate();
        quote(key);
        text.append(':');
        needComma = false;
        return this;
    }

    /**
     * @param value a string value, or null
     * @return this
     */
    public Json value(String value) {
        separate();
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        needComma = true;
        return this;
    }

    /**
     * @param value a number; NaN and infinities are written as null
     * @return this
     */
    public Json value(double value) {
        separate();
        // Double.toString is valid JSON for finite values ("1.5", "1.0E-5") and round-trips exactly
        text.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needComma = true;
        return this;
    }

    /**
     * @param value an integer
     * @return this
     */
    public Json value(long value) {
        separate();
        text.append(value);
        needComma = true;
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void separate() {
        if (needComma) {
            text.append(',');
        }
        needComma = false;
    }

    private void quote(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
