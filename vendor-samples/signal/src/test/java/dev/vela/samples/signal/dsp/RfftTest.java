package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfftTest {
    @ParameterizedTest
    @CsvSource({
        "RfftTestSize64Int16, 16, 0",
        "RfftTestSize512Int16, 16, 3",
        "RfftTestSize64Int32, 32, 0",
        "RfftTestSize64Int32OuterDims4, 32, 0",
        "RfftTestSize512Int32, 32, 0"
    })
    void fixedPointMatchesTfliteMicroVectors(String name, int bits, int tolerance) {
        TflmCase c = new TflmCase("SignalRfft", name);
        int fftLength = c.attribute("fft_length");
        int[] input = bits == 16 ? widen(c.input(0).shorts()) : c.input(0).ints();
        int[] expected =
                bits == 16 ? widen(c.expected(0).shorts()) : c.expected(0).ints();
        FixedRfft fft = new FixedRfft(bits, fftLength);
        int frames = input.length / fftLength;
        int[] out = new int[frames * (fftLength + 2)];
        int[] frameOut = new int[fftLength + 2];
        int[] frameIn = new int[fftLength];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(input, f * fftLength, frameIn, 0, fftLength);
            fft.apply(frameIn, frameOut);
            System.arraycopy(frameOut, 0, out, f * (fftLength + 2), fftLength + 2);
        }
        // TFLite Micro's own test allows 3 LSB for the 512-point int16 golden (computed elsewhere)
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("bin value %d", i).isCloseTo(expected[i], Offset.offset(tolerance));
        }
    }

    @ParameterizedTest
    @CsvSource({"RfftTestSize64Float, 1e-7", "RfftTestSize512Float, 1e-5"})
    void floatMatchesTfliteMicroVectors(String name, float tolerance) {
        TflmCase c = new TflmCase("SignalRfft", name);
        FloatRfft fft = new FloatRfft(c.attribute("fft_length"));
        float[] out = new float[fft.fftLength() + 2];
        fft.apply(c.input(0).floats(), out);
        float[] expected = c.expected(0).floats();
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("value %d", i).isCloseTo(expected[i], Offset.offset(tolerance));
        }
    }

    @Test
    void radicesTwoThreeAndFiveAgreeWithADirectDft() {
        for (int fftLength : new int[] {12, 20, 30, 60, 120}) {
            float[] time = new float[fftLength];
            for (int i = 0; i < fftLength; i++) {
                time[i] = (float) Math.sin(0.3 * i) + (i % 7) * 0.25f;
            }
            float[] out = new float[fftLength + 2];
            new FloatRfft(fftLength).apply(time, out);
            for (int k = 0; k <= fftLength / 2; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < fftLength; n++) {
                    re += time[n] * Math.cos(-2 * Math.PI * k * n / fftLength);
                    im += time[n] * Math.sin(-2 * Math.PI * k * n / fftLength);
                }
                assertThat((double) out[2 * k])
                        .as("length %d bin %d real", fftLength, k)
                        .isCloseTo(re, Offset.offset(1e-3));
                assertThat((double) out[2 * k + 1])
                        .as("length %d bin %d imag", fftLength, k)
                        .isCloseTo(im, Offset.offset(1e-3));
            }
        }
    }

    @Test
    void fixedPointRadicesTwoThreeAndFiveGiveTheSpectrumOverTheLength() {
        for (int bits : new int[] {16, 32}) {
            for (int fftLength : new int[] {12, 20, 30, 60, 120, 512}) {
                int[] time = new int[fftLength];
                double amplitude = bits == 16 ? 12000 : 12000 * 65536.0;
                for (int i = 0; i < fftLength; i++) {
                    time[i] = (int) (amplitude * (0.5 * Math.sin(0.3 * i) + 0.4 * Math.cos(1.7 * i)));
                }
                int[] out = new int[fftLength + 2];
                new FixedRfft(bits, fftLength).apply(time, out);
                for (int k = 0; k <= fftLength / 2; k++) {
                    double re = 0;
                    double im = 0;
                    for (int n = 0; n < fftLength; n++) {
                        re += time[n] * Math.cos(-2 * Math.PI * k * n / fftLength);
                        im += time[n] * Math.sin(-2 * Math.PI * k * n / fftLength);
                    }
                    double lsb = bits == 16 ? 4 : 4 * 65536.0;
                    assertThat((double) out[2 * k])
                            .as("%d bits, length %d bin %d real", bits, fftLength, k)
                            .isCloseTo(re / fftLength, Offset.offset(lsb));
                    assertThat((double) out[2 * k + 1])
                            .as("%d bits, length %d bin %d imag", bits, fftLength, k)
                            .isCloseTo(im / fftLength, Offset.offset(lsb));
                }
            }
        }
    }

    @Test
    void refusesLengthsTfliteMicroCannotRun() {
        assertThatThrownBy(() -> new FixedRfft(16, 14)).hasMessageContaining("factor 7");
        assertThatThrownBy(() -> new FixedRfft(16, 15)).hasMessageContaining("even");
        assertThatThrownBy(() -> new FixedRfft(8, 16)).hasMessageContaining("16 or 32");
    }

    private static int[] widen(short[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
