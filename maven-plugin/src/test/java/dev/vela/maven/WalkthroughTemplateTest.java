package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vendor walk-through in this module's README and the {@code vendor-template} folder are the same project, file
 * for file: {@code .ci/walkthrough} builds and certifies the README's text on an empty local repository, so the
 * template certifies on its first run too.
 */
class WalkthroughTemplateTest {

    private static final Pattern FILE_BLOCK =
            Pattern.compile("<!-- walkthrough: file (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Path TEMPLATE = Path.of("..", "vendor-template");

    private static Map<String, String> readmeFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    @Test
    void everyTemplateFileIsInTheReadmeWordForWord() throws IOException {
        Map<String, String> readme = readmeFiles();
        TreeSet<String> templateFiles = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(TEMPLATE)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> TEMPLATE.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("target/") && !p.equals("README.md"))
                    .forEach(templateFiles::add);
        }

        assertThat(readme.keySet()).containsExactlyInAnyOrderElementsOf(templateFiles);
        for (String file : templateFiles) {
            assertThat(readme.get(file)).as(file).isEqualTo(Files.readString(TEMPLATE.resolve(file)));
        }
    }

    @Test
    void theWalkthroughPinsThePluginsMaven387IsTooOldFor() throws IOException {
        String pom = readmeFiles().get("pom.xml");

        // compiler 3.1 ignores maven.compiler.release; surefire 2.12.4 runs no JUnit 5 test and passes
        assertThat(pom)
                .contains("<artifactId>maven-compiler-plugin</artifactId>\n        <version>3.13.0</version>")
                .contains("<artifactId>maven-surefire-plugin</artifactId>\n        <version>3.5.2</version>")
                .doesNotContain("<parent>");
    }
}
