package dev.vela.runtime.bench.compare;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceEnginesTest {

    /** Sees only the JDK: the engines on the test class path are hidden, as in a plain vela.jar. */
    private static final ClassLoader WITHOUT_ENGINES = new ClassLoader(null) {};

    @Test
    void absentOnnxRuntimeSaysHowToEnableIt() {
        assertThatThrownBy(() -> ReferenceEngines.open(Path.of("m.onnx"), 1, List.of(), List.of(), WITHOUT_ENGINES))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("ONNX Runtime is not on the class path")
                .hasMessageContaining("ai.onnxruntime.OrtEnvironment")
                .hasMessageContaining("dependency:copy-dependencies")
                .hasMessageContaining("runtime/cli/target/engines/*")
                .hasMessageContaining("bench --compare");
    }

    @Test
    void absentTfliteSaysHowToEnableIt() {
        assertThatThrownBy(() -> ReferenceEngines.open(Path.of("m.tflite"), 1, List.of(), List.of(), WITHOUT_ENGINES))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("TensorFlow Lite is not on the class path")
                .hasMessageContaining("org.bytedeco.tensorflowlite")
                .hasMessageContaining("dependency:copy-dependencies");
    }

    @Test
    void availabilityIsCheckedBeforeMeasuring() {
        assertThatThrownBy(() -> ReferenceEngines.requireAvailable(Path.of("m.onnx"), WITHOUT_ENGINES))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("ONNX Runtime is not on the class path");
        // with the engines on the (test) class path both probes pass
        ReferenceEngines.requireAvailable(Path.of("m.onnx"));
        ReferenceEngines.requireAvailable(Path.of("m.tflite"));
        assertThatThrownBy(() -> ReferenceEngines.requireAvailable(Path.of("m.pb")))
                .hasMessageContaining("no comparison engine for m.pb");
    }

    @Test
    void otherFormatsHaveNoEngine() {
        assertThatThrownBy(() -> ReferenceEngines.open(Path.of("m.pb"), 1, List.of(), List.of()))
                .isInstanceOf(EngineException.class)
                .isNotInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("no comparison engine for m.pb")
                .hasMessageContaining(".onnx (ONNX Runtime) and .tflite (TensorFlow Lite)");
    }

    @Test
    void aModelOnnxRuntimeCannotReadIsAnEngineError() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("bench-bad", ".onnx");
        try {
            java.nio.file.Files.write(bad, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> ReferenceEngines.open(bad, 1, List.of(), List.of()))
                    .isInstanceOf(EngineException.class)
                    .isNotInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("createSession");
        } finally {
            java.nio.file.Files.deleteIfExists(bad);
        }
    }
}
