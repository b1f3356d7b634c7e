package dev.vela.runtime.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramerTest {
    private final Framer microSpeech = Framer.ofMillis(16000, 30, 20, 49);

    @Test
    void oneSecondGivesFortyNineWindowsOf480Every320() {
        assertThat(microSpeech).isEqualTo(new Framer(480, 320, 49));
        assertThat(microSpeech.frameCount(16000)).isEqualTo(49);
        assertThat(microSpeech.frameCount(480)).isEqualTo(1);
        assertThat(microSpeech.frameCount(479)).isZero();
        assertThat(microSpeech.frameCount(1_000_000)).isEqualTo(49);
    }

    @Test
    void windowsOverlapByWindowMinusStride() {
        short[] samples = new short[16000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) i;
        }
        short[][] frames = microSpeech.frames(samples);
        assertThat(frames).hasNumberOfRows(49);
        assertThat(frames[1][0]).isEqualTo((short) 320);
        assertThat(frames[48][479]).isEqualTo((short) (48 * 320 + 479));
    }

    @Test
    void refusesEmptyWindows() {
        assertThatThrownBy(() -> new Framer(0, 1, 1)).hasMessageContaining("at least 1");
    }
}
