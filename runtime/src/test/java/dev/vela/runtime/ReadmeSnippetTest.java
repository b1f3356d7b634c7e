package dev.vela.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.testing.Onnx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of the repository README, with its imports, compiles against the runtime and runs as shown. */
class ReadmeSnippetTest {

    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: Classify\\.java[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theApplicationSnippetCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = SNIPPET.matcher(readme);
        assertThat(m.find()).as("README.md has the Classify.java snippet").isTrue();
        Path source = dir.resolve("Classify.java");
        Files.writeString(source, m.group(1));
        assertThat(readme).contains("<artifactId>vela-runtime</artifactId>");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(
                        diagnostics,
                        null,
                        null,
                        List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path")),
                        null,
                        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                                .getJavaFileObjects(source))
                .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();

        Path model = dir.resolve("add_relu.onnx"); // y = Relu(x + b), x float[N,3]
        Files.write(model, Onnx.model(Onnx.addReluGraph()));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("Classify").getMethod("main", String[].class).invoke(null, (Object)
                    new String[] {model.toString()});
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("y = float32[1x3] of 1 outputs", "batched: [4,3]");
    }
}
