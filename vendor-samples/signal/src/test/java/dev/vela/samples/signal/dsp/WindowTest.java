package dev.vela.samples.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"WindowTestLength16Shift12", "WindowTestLength32Shift8", "WindowTestLength16Shift12OuterDims4"})
    void matchesTfliteMicroVectors(String name) {
        TflmCase c = new TflmCase("SignalWindow", name);
        short[] input = c.input(0).shorts();
        short[] out = new short[input.length];
        Window.apply(input, c.input(1).shorts(), c.attribute("shift"), out);
        assertThat(out).containsExactly(c.expected(0).shorts());
    }
}
