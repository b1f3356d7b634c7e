package dev.vela.samples.signal.dsp;

/**
 * Single-precision real FFT following kissfft v1.3.0's float build as TFLite Micro uses it
 * ({@code signal/src/rfft_float.cc}; kissfft's {@code kiss_fft.c}, {@code tools/kiss_fftr.c}, with TFLite Micro's
 * patch that halves in float). The operations run in the C code's order in {@code float}, so results agree with
 * an x86-64 build without fused multiply-add bit for bit; the operator's float tolerance covers other builds.
 *
 * <p>A plan is immutable and may be shared by threads.
 */
public final class FloatRfft {
    private final int fftLength;
    private final int halfLength;
    private final float[] twiddleRe;
    private final float[] twiddleIm;
    private final float[] superRe;
    private final float[] superIm;
    private final int[] stages;

    /** @param fftLength even FFT length (real samples) */
    public FloatRfft(int fftLength) {
        if (fftLength < 2 || (fftLength & 1) != 0) {
            throw new IllegalArgumentException("fft_length must be even and at least 2, got " + fftLength);
        }
        this.fftLength = fftLength;
        this.halfLength = fftLength / 2;
        this.stages = FftPlan.factor(halfLength);
        twiddleRe = new float[halfLength];
        twiddleIm = new float[halfLength];
        for (int i = 0; i < halfLength; i++) {
            double phase = -2 * Math.PI * i / halfLength;
            twiddleRe[i] = (float) StrictMath.cos(phase);
            twiddleIm[i] = (float) StrictMath.sin(phase);
        }
        superRe = new float[halfLength / 2];
        superIm = new float[halfLength / 2];
        for (int i = 0; i < halfLength / 2; i++) {
            double phase = -Math.PI * ((double) (i + 1) / halfLength + .5);
            superRe[i] = (float) StrictMath.cos(phase);
            superIm[i] = (float) StrictMath.sin(phase);
        }
    }

    /** The FFT length in real samples. */
    public int fftLength() {
        return fftLength;
    }

    /** Transforms {@code fftLength} samples into {@code fftLength/2 + 1} interleaved complex bins. */
    public void apply(float[] time, float[] out) {
        if (time.length < fftLength || out.length < fftLength + 2) {
            throw new IllegalArgumentException("RFFT of " + fftLength + " needs " + fftLength + " inputs and "
                    + (fftLength + 2) + " outputs, got " + time.length + " and " + out.length);
        }
        int n = halfLength;
        float[] re = new float[n];
        float[] im = new float[n];
        float[] inRe = new float[n];
        float[] inIm = new float[n];
        for (int k = 0; k < n; k++) {
            inRe[k] = time[2 * k];
            inIm[k] = time[2 * k + 1];
        }
        work(re, im, 0, inRe, inIm, 0, 1, 0);
        float dcRe = re[0];
        float dcIm = im[0];
        out[0] = dcRe + dcIm;
        out[1] = 0;
        out[2 * n] = dcRe - dcIm;
        out[2 * n + 1] = 0;
        for (int k = 1; k <= n / 2; k++) {
            float fpkRe = re[k];
            float fpkIm = im[k];
            float fpnkRe = re[n - k];
            float fpnkIm = -im[n - k];
            float f1kRe = fpkRe + fpnkRe;
            float f1kIm = fpkIm + fpnkIm;
            float f2kRe = fpkRe - fpnkRe;
            float f2kIm = fpkIm - fpnkIm;
            float twRe = f2kRe * superRe[k - 1] - f2kIm * superIm[k - 1];
            float twIm = f2kRe * superIm[k - 1] + f2kIm * superRe[k - 1];
            out[2 * k] = (f1kRe + twRe) * 0.5f;
            out[2 * k + 1] = (f1kIm + twIm) * 0.5f;
            out[2 * (n - k)] = (f1kRe - twRe) * 0.5f;
            out[2 * (n - k) + 1] = (twIm - f1kIm) * 0.5f;
        }
    }

    private void work(float[] re, float[] im, int out, float[] inRe, float[] inIm, int in, int stride, int stage) {
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

    private void butterfly2(float[] re, float[] im, int base, int stride, int m) {
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            int tw = k * stride;
            float tRe = re[b] * twiddleRe[tw] - im[b] * twiddleIm[tw];
            float tIm = re[b] * twiddleIm[tw] + im[b] * twiddleRe[tw];
            re[b] = re[a] - tRe;
            im[b] = im[a] - tIm;
            re[a] += tRe;
            im[a] += tIm;
        }
    }

    private void butterfly3(float[] re, float[] im, int base, int stride, int m) {
        float epi3Im = twiddleIm[stride * m];
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            int c = a + 2 * m;
            int t1 = k * stride;
            int t2 = 2 * k * stride;
            float s1Re = re[b] * twiddleRe[t1] - im[b] * twiddleIm[t1];
            float s1Im = re[b] * twiddleIm[t1] + im[b] * twiddleRe[t1];
            float s2Re = re[c] * twiddleRe[t2] - im[c] * twiddleIm[t2];
            float s2Im = re[c] * twiddleIm[t2] + im[c] * twiddleRe[t2];
            float s3Re = s1Re + s2Re;
            float s3Im = s1Im + s2Im;
            float s0Re = s1Re - s2Re;
            float s0Im = s1Im - s2Im;
            re[b] = re[a] - s3Re * 0.5f;
            im[b] = im[a] - s3Im * 0.5f;
            s0Re *= epi3Im;
            s0Im *= epi3Im;
            re[a] += s3Re;
            im[a] += s3Im;
            re[c] = re[b] + s0Im;
            im[c] = im[b] - s0Re;
            re[b] -= s0Im;
            im[b] += s0Re;
        }
    }

    private void butterfly4(float[] re, float[] im, int base, int stride, int m) {
        for (int k = 0; k < m; k++) {
            int a = base + k;
            int b = a + m;
            int c = a + 2 * m;
            int d = a + 3 * m;
            int t1 = k * stride;
            int t2 = 2 * k * stride;
            int t3 = 3 * k * stride;
            float s0Re = re[b] * twiddleRe[t1] - im[b] * twiddleIm[t1];
            float s0Im = re[b] * twiddleIm[t1] + im[b] * twiddleRe[t1];
            float s1Re = re[c] * twiddleRe[t2] - im[c] * twiddleIm[t2];
            float s1Im = re[c] * twiddleIm[t2] + im[c] * twiddleRe[t2];
            float s2Re = re[d] * twiddleRe[t3] - im[d] * twiddleIm[t3];
            float s2Im = re[d] * twiddleIm[t3] + im[d] * twiddleRe[t3];
            float s5Re = re[a] - s1Re;
            float s5Im = im[a] - s1Im;
            re[a] += s1Re;
            im[a] += s1Im;
            float s3Re = s0Re + s2Re;
            float s3Im = s0Im + s2Im;
            float s4Re = s0Re - s2Re;
            float s4Im = s0Im - s2Im;
            re[c] = re[a] - s3Re;
            im[c] = im[a] - s3Im;
            re[a] += s3Re;
            im[a] += s3Im;
            re[b] = s5Re + s4Im;
            im[b] = s5Im - s4Re;
            re[d] = s5Re - s4Im;
            im[d] = s5Im + s4Re;
        }
    }

    private void butterfly5(float[] re, float[] im, int base, int stride, int m) {
        float yaRe = twiddleRe[stride * m];
        float yaIm = twiddleIm[stride * m];
        float ybRe = twiddleRe[stride * 2 * m];
        float ybIm = twiddleIm[stride * 2 * m];
        for (int u = 0; u < m; u++) {
            int f0 = base + u;
            int f1 = f0 + m;
            int f2 = f0 + 2 * m;
            int f3 = f0 + 3 * m;
            int f4 = f0 + 4 * m;
            float s0Re = re[f0];
            float s0Im = im[f0];
            int t1 = u * stride;
            int t2 = 2 * u * stride;
            int t3 = 3 * u * stride;
            int t4 = 4 * u * stride;
            float s1Re = re[f1] * twiddleRe[t1] - im[f1] * twiddleIm[t1];
            float s1Im = re[f1] * twiddleIm[t1] + im[f1] * twiddleRe[t1];
            float s2Re = re[f2] * twiddleRe[t2] - im[f2] * twiddleIm[t2];
            float s2Im = re[f2] * twiddleIm[t2] + im[f2] * twiddleRe[t2];
            float s3Re = re[f3] * twiddleRe[t3] - im[f3] * twiddleIm[t3];
            float s3Im = re[f3] * twiddleIm[t3] + im[f3] * twiddleRe[t3];
            float s4Re = re[f4] * twiddleRe[t4] - im[f4] * twiddleIm[t4];
            float s4Im = re[f4] * twiddleIm[t4] + im[f4] * twiddleRe[t4];
            float s7Re = s1Re + s4Re;
            float s7Im = s1Im + s4Im;
            float s10Re = s1Re - s4Re;
            float s10Im = s1Im - s4Im;
            float s8Re = s2Re + s3Re;
            float s8Im = s2Im + s3Im;
            float s9Re = s2Re - s3Re;
            float s9Im = s2Im - s3Im;
            re[f0] += s7Re + s8Re;
            im[f0] += s7Im + s8Im;
            float s5Re = s0Re + s7Re * yaRe + s8Re * ybRe;
            float s5Im = s0Im + s7Im * yaRe + s8Im * ybRe;
            float s6Re = s10Im * yaIm + s9Im * ybIm;
            float s6Im = -(s10Re * yaIm) - s9Re * ybIm;
            re[f1] = s5Re - s6Re;
            im[f1] = s5Im - s6Im;
            re[f4] = s5Re + s6Re;
            im[f4] = s5Im + s6Im;
            float s11Re = s0Re + s7Re * ybRe + s8Re * yaRe;
            float s11Im = s0Im + s7Im * ybRe + s8Im * yaRe;
            float s12Re = -(s10Im * ybIm) + s9Im * yaIm;
            float s12Im = s10Re * ybIm - s9Re * yaIm;
            re[f2] = s11Re + s12Re;
            im[f2] = s11Im + s12Im;
            re[f3] = s11Re - s12Re;
            im[f3] = s11Im - s12Im;
        }
    }
}
