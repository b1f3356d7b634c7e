package dev.vela.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The typed attributes of a node. Immutable. Getters without a default throw an {@link
 * InvalidNodeException} naming the node and the attribute when it is missing; every getter throws
 * one when the attribute has another type. An {@code INT} attribute may be read as a float.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(Map.of(), "node");

    private final Map<String, Object> values;
    private final String owner;

    private Attributes(Map<String, Object> values, String owner) {
        this.values = values;
        this.owner = owner;
    }

    /** @return attributes with no entries */
    public static Attributes empty() {
        return EMPTY;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param ownerDescription how errors name the owning node, e.g. {@code node 'conv1' (Conv)}
     * @return the same attributes, reporting errors against that node
     */
    public Attributes withOwner(String ownerDescription) {
        return new Attributes(values, ownerDescription);
    }

    /** @return the attribute names */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * @param name an attribute name
     * @return whether it is present
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * @param name a present attribute
     * @return its type
     */
    public AttributeType typeOf(String name) {
        return typeOfValue(require(name));
    }

    private static AttributeType typeOfValue(Object v) {
        if (v instanceof Long) {
            return AttributeType.INT;
        } else if (v instanceof Float) {
            return AttributeType.FLOAT;
        } else if (v instanceof String) {
            return AttributeType.STRING;
        } else if (v instanceof long[]) {
            return AttributeType.INTS;
        } else if (v instanceof float[]) {
            return AttributeType.FLOATS;
        } else if (v instanceof String[]) {
            return AttributeType.STRINGS;
        }
        return AttributeType.TENSOR;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidNodeException(owner, "required attribute '" + name + "' is missing");
        }
        return v;
    }

    private InvalidNodeException wrongType(String name, AttributeType expected) {
        return new InvalidNodeException(
                owner, "attribute '" + name + "' must be " + expected + " but is " + typeOfValue(values.get(name)));
    }

    /**
     * @param name the attribute
     * @return its INT value
     */
    public long getLong(String name) {
        Object v = require(name);
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, AttributeType.INT);
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return its INT value
     */
    public long getLong(String name, long defaultValue) {
        return has(name) ? getLong(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return its INT value, which must fit an int
     */
    public int getInt(String name) {
        long v = getLong(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidNodeException(owner, "attribute '" + name + "' = " + v + " is out of int range");
        }
        return (int) v;
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return its INT value, which must fit an int
     */
    public int getInt(String name, int defaultValue) {
        return has(name) ? getInt(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return its FLOAT (or INT) value
     */
    public float getFloat(String name) {
        Object v = require(name);
        if (v instanceof Float f) {
            return f;
        } else if (v instanceof Long l) {
            return l;
        }
        throw wrongType(name, AttributeType.FLOAT);
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return its FLOAT (or INT) value
     */
    public float getFloat(String name, float defaultValue) {
        return has(name) ? getFloat(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return its STRING value
     */
    public String getString(String name) {
        Object v = require(name);
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, AttributeType.STRING);
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return its STRING value
     */
    public String getString(String name, String defaultValue) {
        return has(name) ? getString(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return a copy of its INTS value
     */
    public long[] getLongs(String name) {
        Object v = require(name);
        if (v instanceof long[] a) {
            return a.clone();
        }
        throw wrongType(name, AttributeType.INTS);
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return a copy of its INTS value
     */
    public long[] getLongs(String name, long[] defaultValue) {
        return has(name) ? getLongs(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return its INTS value, each of which must fit an int
     */
    public int[] getInts(String name) {
        long[] longs = getLongs(name);
        int[] out = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                throw new InvalidNodeException(
                        owner, "attribute '" + name + "' holds " + longs[i] + ", out of int range");
            }
            out[i] = (int) longs[i];
        }
        return out;
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return its INTS value, each of which must fit an int
     */
    public int[] getInts(String name, int[] defaultValue) {
        return has(name) ? getInts(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return a copy of its FLOATS value
     */
    public float[] getFloats(String name) {
        Object v = require(name);
        if (v instanceof float[] a) {
            return a.clone();
        }
        throw wrongType(name, AttributeType.FLOATS);
    }

    /**
     * @param name the attribute
     * @param defaultValue returned when absent
     * @return a copy of its FLOATS value
     */
    public float[] getFloats(String name, float[] defaultValue) {
        return has(name) ? getFloats(name) : defaultValue;
    }

    /**
     * @param name the attribute
     * @return its STRINGS value
     */
    public List<String> getStrings(String name) {
        Object v = require(name);
        if (v instanceof String[] a) {
            return List.of(a);
        }
        throw wrongType(name, AttributeType.STRINGS);
    }

    /**
     * @param name the attribute
     * @return its TENSOR value (read-only)
     */
    public Tensor getTensor(String name) {
        Object v = require(name);
        if (v instanceof Tensor t) {
            return t;
        }
        throw wrongType(name, AttributeType.TENSOR);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attributes other) || !other.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=');
            if (v instanceof long[] a) {
                sb.append(Arrays.toString(a));
            } else if (v instanceof float[] a) {
                sb.append(Arrays.toString(a));
            } else if (v instanceof String[] a) {
                sb.append(Arrays.toString(a));
            } else {
                sb.append(v);
            }
        });
        return sb.append('}').toString();
    }

    /**
     * Builds {@link Attributes}; later values for the same name replace earlier ones.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {}

        /**
         * @param name the attribute
         * @param value an INT value
         * @return this builder
         */
        public Builder put(String name, long value) {
            values.put(name, value);
            return this;
        }

        /**
         * @param name the attribute
         * @param value a FLOAT value
         * @return this builder
         */
        public Builder put(String name, float value) {
            values.put(name, value);
            return this;
        }

        /**
         * @param name the attribute
         * @param value a STRING value
         * @return this builder
         */
        public Builder put(String name, String value) {
            values.put(name, Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param name the attribute
         * @param value an INTS value
         * @return this builder
         */
        public Builder put(String name, long... value) {
            values.put(name, value.clone());
            return this;
        }

        /**
         * @param name the attribute
         * @param value an INTS value
         * @return this builder
         */
        public Builder put(String name, int... value) {
            values.put(name, Arrays.stream(value).asLongStream().toArray());
            return this;
        }

        /**
         * @param name the attribute
         * @param value a FLOATS value
         * @return this builder
         */
        public Builder put(String name, float... value) {
            values.put(name, value.clone());
            return this;
        }

        /**
         * @param name the attribute
         * @param value a STRINGS value
         * @return this builder
         */
        public Builder put(String name, List<String> value) {
            values.put(name, value.toArray(new String[0]));
            return this;
        }

        /**
         * @param name the attribute
         * @param value a TENSOR value (kept as a read-only view)
         * @return this builder
         */
        public Builder put(String name, Tensor value) {
            values.put(name, value.asReadOnly());
            return this;
        }

        /**
         * @param other attributes to copy
         * @return this builder
         */
        public Builder putAll(Attributes other) {
            values.putAll(other.values);
            return this;
        }

        /**
         * @param name the attribute to drop
         * @return this builder
         */
        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        /** @return the attributes */
        public Attributes build() {
            return new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)), "node");
        }
    }
}
