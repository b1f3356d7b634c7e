package dev.vela.samples.javacpu.elementwise;

/**
 * The arithmetic of Add, Sub, Mul and Div over one run of elements. Each operand's stride is 1
 * (walks) or 0 (a broadcast value), and each stride combination gets its own loop. When a walking
 * operand starts where the output does (always so for a full-shaped operand), the loop indexes
 * both with the same variable: C2 (JDK 17) vectorises a loop only when it can rule out overlap
 * between the arrays it loads and stores, and equal indices are the case it can prove.
 */
enum BinaryOp {
    /** a + b. */
    ADD {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            int end = oi + len;
            if (sa == 1 && sb == 1) {
                if (ai == oi && bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] + b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] + b[bi + i];
                    }
                }
            } else if (sa == 1) {
                float v = b[bi];
                if (ai == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] + v;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] + v;
                    }
                }
            } else if (sb == 1) {
                float v = a[ai];
                if (bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = v + b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = v + b[bi + i];
                    }
                }
            } else {
                java.util.Arrays.fill(o, oi, end, a[ai] + b[bi]);
            }
        }
    },
    /** a - b. */
    SUB {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            int end = oi + len;
            if (sa == 1 && sb == 1) {
                if (ai == oi && bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] - b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] - b[bi + i];
                    }
                }
            } else if (sa == 1) {
                float v = b[bi];
                if (ai == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] - v;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] - v;
                    }
                }
            } else if (sb == 1) {
                float v = a[ai];
                if (bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = v - b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = v - b[bi + i];
                    }
                }
            } else {
                java.util.Arrays.fill(o, oi, end, a[ai] - b[bi]);
            }
        }
    },
    /** a * b. */
    MUL {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            int end = oi + len;
            if (sa == 1 && sb == 1) {
                if (ai == oi && bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] * b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] * b[bi + i];
                    }
                }
            } else if (sa == 1) {
                float v = b[bi];
                if (ai == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] * v;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] * v;
                    }
                }
            } else if (sb == 1) {
                float v = a[ai];
                if (bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = v * b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = v * b[bi + i];
                    }
                }
            } else {
                java.util.Arrays.fill(o, oi, end, a[ai] * b[bi]);
            }
        }
    },
    /** a / b (IEEE: x/0 is ±Inf or NaN). */
    DIV {
        @Override
        void run(float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int len) {
            int end = oi + len;
            if (sa == 1 && sb == 1) {
                if (ai == oi && bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] / b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] / b[bi + i];
                    }
                }
            } else if (sa == 1) {
                float v = b[bi];
                if (ai == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = a[i] / v;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = a[ai + i] / v;
                    }
                }
            } else if (sb == 1) {
                float v = a[ai];
                if (bi == oi) {
                    for (int i = oi; i < end; i++) {
                        o[i] = v / b[i];
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        o[oi + i] = v / b[bi + i];
                    }
                }
            } else {
                java.util.Arrays.fill(o, oi, end, a[ai] / b[bi]);
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
