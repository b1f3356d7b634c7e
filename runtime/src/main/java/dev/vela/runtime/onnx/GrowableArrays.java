package dev.vela.runtime.onnx;

import java.util.Arrays;

/** Growable primitive arrays for repeated protobuf fields, so decoding never boxes one element at a time. */
final class GrowableArrays {

    private GrowableArrays() {}

    /** A growable {@code long[]}. */
    static final class Longs {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long get(int i) {
            return values[i];
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable {@code float[]}. */
    static final class Floats {
        private float[] values = new float[8];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        float get(int i) {
            return values[i];
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable {@code double[]}. */
    static final class Doubles {
        private double[] values = new double[8];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double get(int i) {
            return values[i];
        }
    }
}
