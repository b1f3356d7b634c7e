package dev.vela.samples.signal.dsp;

/**
 * Fixed-point real FFT, bit-exact with kissfft v1.3.0 built with {@code FIXED_POINT=16} or {@code FIXED_POINT=32}
 * as TFLite Micro builds it ({@code signal/src/rfft_int16.cc}, {@code rfft_int32.cc}; kissfft's {@code kiss_fft.c},
 * {@code _kiss_fft_guts.h}, {@code tools/kiss_fftr.c}). Every butterfly scales its inputs down by its radix
 * ({@code C_FIXDIV}), so the output is the spectrum divided by the FFT length.
 *
 * <p>Values are held in {@code int}; the 16-bit flavour truncates every stored value to int16, as the C code's
 * {@code int16_t} fields do. Products are formed in {@code long}; for 16 bits they are narrowed to int32 first,
 * because kissfft's {@code SAMPPROD} is {@code int32_t} there.
 *
 * <p>A plan is immutable and may be shared by threads; {@link #apply} allocates its own work buffers.
 */
public final class FixedRfft {
    private final int bits;
    private final int fftLength;
    private final int halfLength;
    private final int[] twiddleRe;
    private final int[] twiddleIm;
    private final int[] superRe;
    private final int[] superIm;
    private final int[] stages;

    /**
     * @param bits      16 or 32
     * @param fftLength even FFT length (real samples)
     */
    public FixedRfft(int bits, int fftLength) {
        if (bits != 16 && bits != 32) {
            throw new IllegalArgumentException("fixed-point RFFT is 16 or 32 bits, got " + bits);
        }
        if (fftLength < 2 || (fftLength & 1) != 0) {
            throw new IllegalArgumentException("fft_length must be even and at least 2, got " + fftLength);
        }
        this.bits = bits;
        this.fftLength = fftLength;
        this.halfLength = fftLength / 2;
        this.stages = FftPlan.factor(halfLength);
        double sampMax = bits == 16 ? 32767 : 2147483647;
        twiddleRe = new int[halfLength];
        twiddleIm = new int[halfLength];
        for (int i = 0; i < halfLength; i++) {
            double phase = -2 * Math.PI * i / halfLength;
            twiddleRe[i] = (int) Math.floor(.5 + sampMax * StrictMath.cos(phase));
            twiddleIm[i] = (int) Math.floor(.5 + sampMax * StrictMath.sin(phase));
        }
        superRe = new int[halfLength / 2];
        superIm = new int[halfLength / 2];
        for (int i = 0; i < halfLength / 2; i++) {
            double phase = -Math.PI * ((double) (i + 1) / halfLength + .5);
            superRe[i] = (int) Math.floor(.5 + sampMax * StrictMath.cos(phase));
            superIm[i] = (int) Math.floor(.5 + sampMax * StrictMath.sin(phase));
        }
    }

    /** The FFT length in real samples. */
    public int fftLength() {
        return fftLength;
    }

    /**
     * Transforms {@code fftLength} real samples into {@code fftLength/2 + 1} complex bins, written interleaved
     * (real, imaginary) to {@code out}.
     */
    public void apply(int[] time, int[] out) {
        if (time.length < fftLength || out.length < fftLength + 2) {
            throw new IllegalArgumentException("RFFT of " + fftLength + " needs " + fftLength + " inputs and "
                    + (fftLength + 2) + " outputs, got " + time.length + " and " + out.length);
        }
        int n = halfLength;
        int[] re = new int[n];
        int[] im = new int[n];
        // the real input viewed as n complex points (even samples real, odd samples imaginary)
        int[] inRe = new int[n];
        int[] inIm = new int[n];
        for (int k = 0; k < n; k++) {
            inRe[k] = store(time[2 * k]);
            inIm[k] = store(time[2 * k + 1]);
        }
        work(re, im, 0, inRe, inIm, 0, 1, 0);

        int dcRe = fixdiv(re[0], 2);
        int dcIm = fixdiv(im[0], 2);
        out[0] = store(dcRe + dcIm);
        out[1] = 0;
        out[2 * n] = store(dcRe - dcIm);
        out[2 * n + 1] = 0;
        for (int k = 1; k <= n / 2; k++) {
            int fpkRe = fixdiv(re[k], 2);
            int fpkIm = fixdiv(im[k], 2);
            int fpnkRe = fixdiv(re[n - k], 2);
            int fpnkIm = fixdiv(store(-im[n - k]), 2);
            int f1kRe = store(fpkRe + fpnkRe);
            int f1kIm = store(fpkIm + fpnkIm);
            int f2kRe = store(fpkRe - fpnkRe);
            int f2kIm = store(fpkIm - fpnkIm);
            int twRe = mulRe(f2kRe, f2kIm, superRe[k - 1], superIm[k - 1]);
            int twIm = mulIm(f2kRe, f2kIm, superRe[k - 1], superIm[k - 1]);
            out[2 * k] = store((f1kRe + twRe) >> 1);
            out[2 * k + 1] = store((f1kIm + twIm) >> 1);
            out[2 * (n - k)] = store((f1kRe - twRe) >> 1);
            out[2 * (n - k) + 1] = store((twIm - f1kIm) >> 1);
        }
    }

    /** kissfft's recursive {@code kf_work}: decimate, transform the parts, recombine with one butterfly. */
    private void work(int[] re, int[] im, int out, int[] inRe, int[] inIm, int in, int stride, int stage) {
        int p = stages[stage];
        int m = stages[stage + 1];
        if (m == 1) {
            for (int k = 0; k < p; k++) {
                re[out + k] = inRe[in];
                im[out + k] = inIm[in];
                in += stride;
            }
        } else {
            for (int k = 0; k < p; k++) {
                work(re, im, out + k * m, inRe, inIm, in, stride * p, stage + 2);
                in += stride;
            }
        }
        switch (p) {
            case 2 -> butterfly2(re, im, out, stride, m);
            case 3 -> butterfly3(re, im, out, stride, m);
            case 4 -> butterfly4(re, im, out, stride, m);
            case 5 -> butterfly5(re, im, out, stride, m);
            default -> throw new IllegalStateException("radix " + p);
        }
    }

    private void butterfly2(int[] re, int[] im, int base, int stride, int m) {
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            fixdiv(re, im, a, 2);
            fixdiv(re, im, b, 2);
            int tw = k * stride;
            int tRe = mulRe(re[b], im[b], twiddleRe[tw], twiddleIm[tw]);
            int tIm = mulIm(re[b], im[b], twiddleRe[tw], twiddleIm[tw]);
            re[b] = store(re[a] - tRe);
            im[b] = store(im[a] - tIm);
            re[a] = store(re[a] + tRe);
            im[a] = store(im[a] + tIm);
        }
    }

    private void butterfly3(int[] re, int[] im, int base, int stride, int m) {
        int epi3Im = twiddleIm[stride * m];
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            int c = a + 2 * m;
            fixdiv(re, im, a, 3);
            fixdiv(re, im, b, 3);
            fixdiv(re, im, c, 3);
            int t1 = k * stride;
            int t2 = 2 * k * stride;
            int s1Re = mulRe(re[b], im[b], twiddleRe[t1], twiddleIm[t1]);
            int s1Im = mulIm(re[b], im[b], twiddleRe[t1], twiddleIm[t1]);
            int s2Re = mulRe(re[c], im[c], twiddleRe[t2], twiddleIm[t2]);
            int s2Im = mulIm(re[c], im[c], twiddleRe[t2], twiddleIm[t2]);
            int s3Re = store(s1Re + s2Re);
            int s3Im = store(s1Im + s2Im);
            int s0Re = store(s1Re - s2Re);
            int s0Im = store(s1Im - s2Im);
            re[b] = store(re[a] - (s3Re >> 1));
            im[b] = store(im[a] - (s3Im >> 1));
            s0Re = round((long) s0Re * epi3Im);
            s0Im = round((long) s0Im * epi3Im);
            re[a] = store(re[a] + s3Re);
            im[a] = store(im[a] + s3Im);
            re[c] = store(re[b] + s0Im);
            im[c] = store(im[b] - s0Re);
            re[b] = store(re[b] - s0Im);
            im[b] = store(im[b] + s0Re);
        }
    }

    private void butterfly4(int[] re, int[] im, int base, int stride, int m) {
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            int c = a + 2 * m;
            int d = a + 3 * m;
            fixdiv(re, im, a, 4);
            fixdiv(re, im, b, 4);
            fixdiv(re, im, c, 4);
            fixdiv(re, im, d, 4);
            int t1 = k * stride;
            int t2 = 2 * k * stride;
            int t3 = 3 * k * stride;
            int s0Re = mulRe(re[b], im[b], twiddleRe[t1], twiddleIm[t1]);
            int s0Im = mulIm(re[b], im[b], twiddleRe[t1], twiddleIm[t1]);
            int s1Re = mulRe(re[c], im[c], twiddleRe[t2], twiddleIm[t2]);
            int s1Im = mulIm(re[c], im[c], twiddleRe[t2], twiddleIm[t2]);
            int s2Re = mulRe(re[d], im[d], twiddleRe[t3], twiddleIm[t3]);
            int s2Im = mulIm(re[d], im[d], twiddleRe[t3], twiddleIm[t3]);
            int s5Re = store(re[a] - s1Re);
            int s5Im = store(im[a] - s1Im);
            re[a] = store(re[a] + s1Re);
            im[a] = store(im[a] + s1Im);
            int s3Re = store(s0Re + s2Re);
            int s3Im = store(s0Im + s2Im);
            int s4Re = store(s0Re - s2Re);
            int s4Im = store(s0Im - s2Im);
            re[c] = store(re[a] - s3Re);
            im[c] = store(im[a] - s3Im);
            re[a] = store(re[a] + s3Re);
            im[a] = store(im[a] + s3Im);
            // forward transform: multiply s4 by -i for the second output, by +i for the fourth
            re[b] = store(s5Re + s4Im);
            im[b] = store(s5Im - s4Re);
            re[d] = store(s5Re - s4Im);
            im[d] = store(s5Im + s4Re);
        }
    }

    private void butterfly5(int[] re, int[] im, int base, int stride, int m) {
        int yaRe = twiddleRe[stride * m];
        int yaIm = twiddleIm[stride * m];
        int ybRe = twiddleRe[stride * 2 * m];
        int ybIm = twiddleIm[stride * 2 * m];
        for (int u = 0; u < m; u++) {
            int f0 = base + u;
            int f1 = f0 + m;
            int f2 = f0 + 2 * m;
            int f3 = f0 + 3 * m;
            int f4 = f0 + 4 * m;
            fixdiv(re, im, f0, 5);
            fixdiv(re, im, f1, 5);
            fixdiv(re, im, f2, 5);
            fixdiv(re, im, f3, 5);
            fixdiv(re, im, f4, 5);
            int s0Re = re[f0];
            int s0Im = im[f0];
            int t1 = u * stride;
            int t2 = 2 * u * stride;
            int t3 = 3 * u * stride;
            int t4 = 4 * u * stride;
            int s1Re = mulRe(re[f1], im[f1], twiddleRe[t1], twiddleIm[t1]);
            int s1Im = mulIm(re[f1], im[f1], twiddleRe[t1], twiddleIm[t1]);
            int s2Re = mulRe(re[f2], im[f2], twiddleRe[t2], twiddleIm[t2]);
            int s2Im = mulIm(re[f2], im[f2], twiddleRe[t2], twiddleIm[t2]);
            int s3Re = mulRe(re[f3], im[f3], twiddleRe[t3], twiddleIm[t3]);
            int s3Im = mulIm(re[f3], im[f3], twiddleRe[t3], twiddleIm[t3]);
            int s4Re = mulRe(re[f4], im[f4], twiddleRe[t4], twiddleIm[t4]);
            int s4Im = mulIm(re[f4], im[f4], twiddleRe[t4], twiddleIm[t4]);
            int s7Re = store(s1Re + s4Re);
            int s7Im = store(s1Im + s4Im);
            int s10Re = store(s1Re - s4Re);
            int s10Im = store(s1Im - s4Im);
            int s8Re = store(s2Re + s3Re);
            int s8Im = store(s2Im + s3Im);
            int s9Re = store(s2Re - s3Re);
            int s9Im = store(s2Im - s3Im);
            re[f0] = store(re[f0] + (s7Re + s8Re));
            im[f0] = store(im[f0] + (s7Im + s8Im));
            int s5Re = store(s0Re + smulRound(s7Re, yaRe) + smulRound(s8Re, ybRe));
            int s5Im = store(s0Im + smulRound(s7Im, yaRe) + smulRound(s8Im, ybRe));
            int s6Re = store(smulRound(s10Im, yaIm) + smulRound(s9Im, ybIm));
            int s6Im = store(-smulRound(s10Re, yaIm) - smulRound(s9Re, ybIm));
            re[f1] = store(s5Re - s6Re);
            im[f1] = store(s5Im - s6Im);
            re[f4] = store(s5Re + s6Re);
            im[f4] = store(s5Im + s6Im);
            int s11Re = store(s0Re + smulRound(s7Re, ybRe) + smulRound(s8Re, yaRe));
            int s11Im = store(s0Im + smulRound(s7Im, ybRe) + smulRound(s8Im, yaRe));
            int s12Re = store(-smulRound(s10Im, ybIm) + smulRound(s9Im, yaIm));
            int s12Im = store(smulRound(s10Re, ybIm) - smulRound(s9Re, yaIm));
            re[f2] = store(s11Re + s12Re);
            im[f2] = store(s11Im + s12Im);
            re[f3] = store(s11Re - s12Re);
            im[f3] = store(s11Im - s12Im);
        }
    }

    /** {@code C_FIXDIV}: scales a complex value by {@code SAMP_MAX / radix} with rounding. */
    private void fixdiv(int[] re, int[] im, int i, int radix) {
        re[i] = fixdiv(re[i], radix);
        im[i] = fixdiv(im[i], radix);
    }

    private int fixdiv(int value, int radix) {
        int sampMax = bits == 16 ? 32767 : 2147483647;
        return round((long) value * (sampMax / radix));
    }

    /** Real part of {@code C_MUL}: {@code sround(a.r*b.r - a.i*b.i)}. */
    private int mulRe(int aRe, int aIm, int bRe, int bIm) {
        return round((long) aRe * bRe - (long) aIm * bIm);
    }

    /** Imaginary part of {@code C_MUL}: {@code sround(a.r*b.i + a.i*b.r)}. */
    private int mulIm(int aRe, int aIm, int bRe, int bIm) {
        return round((long) aRe * bIm + (long) aIm * bRe);
    }

    private int smulRound(int a, int b) {
        return round((long) a * b);
    }

    /**
     * kissfft's {@code sround}: add half an LSB and drop the fraction bits, then store as a sample. The 16-bit build
     * does this in int32 ({@code SAMPPROD}), so the sum wraps there first.
     */
    private int round(long product) {
        if (bits == 16) {
            return (short) (((int) product + (1 << 14)) >> 15);
        }
        return (int) ((product + (1L << 30)) >> 31);
    }

    /** Narrows an int result to the sample type, as assigning to a {@code kiss_fft_scalar} does. */
    private int store(int value) {
        return bits == 16 ? (short) value : value;
    }
}
