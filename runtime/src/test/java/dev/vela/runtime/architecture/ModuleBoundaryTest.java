package dev.vela.runtime.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's module descriptor exports the API packages and nothing else to everyone (issue 13; the list and
 * why is in module-info.java and docs/architecture.md), and embedding the library does not pull the CLI's picocli.
 */
class ModuleBoundaryTest {

    private static final String P = "dev.vela.runtime";

    private static ModuleDescriptor descriptor;
    private static Set<String> packages;

    @BeforeAll
    static void readDescriptor() throws Exception {
        Path classes = Path.of(
                Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = Files.isDirectory(classes) ? classes.resolve("module-info.class") : null;
        assertThat(file)
                .as("the library's module-info.class beside Model.class")
                .isNotNull()
                .isRegularFile();
        try (InputStream in = Files.newInputStream(file)) {
            descriptor = ModuleDescriptor.read(in);
        }
        // javac does not record the module's packages in module-info.class: list them from the classes
        try (Stream<Path> files = Files.walk(classes)) {
            packages = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> classes.relativize(f.getParent())
                            .toString()
                            .replace(f.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void exportsOnlyTheApiToEveryone() {
        Set<String> unqualified = descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(descriptor.name()).isEqualTo(P);
        assertThat(unqualified)
                .containsExactlyInAnyOrder(
                        P,
                        P + ".error",
                        P + ".profile",
                        P + ".memory",
                        P + ".graph",
                        P + ".plugin",
                        P + ".partition",
                        P + ".delegate",
                        P + ".pack",
                        P + ".store",
                        P + ".io",
                        P + ".audio",
                        P + ".debug",
                        P + ".passes");
    }

    @Test
    void internalsGoOnlyToTheToolsModule() {
        Set<String> internal = new TreeSet<>();
        for (ModuleDescriptor.Exports e : descriptor.exports()) {
            if (e.isQualified()) {
                assertThat(e.targets()).as(e.source()).containsExactly("dev.vela.cli");
                internal.add(e.source());
            }
        }
        assertThat(internal).containsExactlyInAnyOrder(P + ".exec", P + ".onnx", P + ".tflite", P + ".validate");
        // every package of the library is either API or internal: a new package must be placed deliberately
        Set<String> declared = descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).isEqualTo(packages);
    }

    @Test
    void theLibraryNeedsNoPicocli() {
        assertThat(descriptor.requires())
                .extracting(ModuleDescriptor.Requires::name)
                .doesNotContain("info.picocli")
                .contains("dev.vela.spi");
        // the library's test class path is its compile and runtime class path plus test libraries: no picocli
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
    }
}
