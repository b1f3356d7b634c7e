package dev.vela.samples.javacpu.elementwise;

/**
 * The arithmetic of Add, Sub, Mul and Div over one run of elements. Each operand's stride is 1
 * (walks) or 0 (a broadcast value); the four stride combinations get their own loops so each is a
 * plain unit-stride loop C2 vectorises.
 */
enum BinaryOp {
    /** a + b. */
    ADD {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            if (sa == 1 && sb == 1) {
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] + b[bi + i];
                }
            } else if (sa == 1) {
                float v = b[bi];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] + v;
                }
            } else if (sb == 1) {
                float v = a[ai];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = v + b[bi + i];
                }
            } else {
                java.util.Arrays.fill(o, oi, oi + len, a[ai] + b[bi]);
            }
        }
    },
    /** a - b. */
    SUB {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            if (sa == 1 && sb == 1) {
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] - b[bi + i];
                }
            } else if (sa == 1) {
                float v = b[bi];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] - v;
                }
            } else if (sb == 1) {
                float v = a[ai];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = v - b[bi + i];
                }
            } else {
                java.util.Arrays.fill(o, oi, oi + len, a[ai] - b[bi]);
            }
        }
    },
    /** a * b. */
    MUL {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            if (sa == 1 && sb == 1) {
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] * b[bi + i];
                }
            } else if (sa == 1) {
                float v = b[bi];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] * v;
                }
            } else if (sb == 1) {
                float v = a[ai];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = v * b[bi + i];
                }
            } else {
                java.util.Arrays.fill(o, oi, oi + len, a[ai] * b[bi]);
            }
        }
    },
    /** a / b (IEEE: x/0 is ±Inf or NaN). */
    DIV {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            if (sa == 1 && sb == 1) {
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] / b[bi + i];
                }
            } else if (sa == 1) {
                float v = b[bi];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = a[ai + i] / v;
                }
            } else if (sb == 1) {
                float v = a[ai];
                for (int i = 0; i < len; i++) {
                    o[oi + i] = v / b[bi + i];
                }
            } else {
                java.util.Arrays.fill(o, oi, oi + len, a[ai] / b[bi]);
            }
        }
    };

    /**
     * {@code o[oi + i] = a[ai + i*sa] op b[bi + i*sb]} for {@code i < len}.
     *
     * @param a left values
     * @param ai left start
     * @param sa left stride (0 or 1)
     * @param b right values
     * @param bi right start
     * @param sb right stride (0 or 1)
     * @param o output
     * @param oi output start
     * @param len run length
     */
    abstract void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len);
}
