package dev.vela.runtime.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime library's packages form no cycle (issue 13): a package can be understood, tested and moved with only
 * the packages below it. Runs in {@code mvn verify} with the other tests; only the library's production classes are
 * imported (tests may reach across packages).
 */
class PackageCyclesTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.vela.runtime");
    }

    @Test
    void theImportSawTheLibrary() {
        // a rule over an empty import passes vacuously: make sure the classes are really there
        assertThat(library.containPackage("dev.vela.runtime.exec")).isTrue();
        assertThat(library.containPackage("dev.vela.runtime.plugin")).isTrue();
        assertThat(library.contain("dev.vela.runtime.Model")).isTrue();
    }

    @Test
    void noPackageCycle() {
        // the root package (Model, Session) is a slice of its own: "dev.vela.runtime.(*).." would leave it out
        slices().assignedFrom(new RuntimeSlices()).should().beFreeOfCycles().check(library);
    }

    @Test
    void theRuleFindsACycle() {
        // the same rule over two test classes that use each other across packages fails: the check can fail
        JavaClasses cyclic = new ClassFileImporter()
                .importClasses(
                        dev.vela.runtime.architecture.cycle.a.UsesB.class,
                        dev.vela.runtime.architecture.cycle.b.UsesA.class);
        EvaluationResult result = slices().matching("dev.vela.runtime.architecture.cycle.(*)..")
                .should()
                .beFreeOfCycles()
                .evaluate(cyclic);
        assertThat(result.hasViolation()).isTrue();
    }
}
