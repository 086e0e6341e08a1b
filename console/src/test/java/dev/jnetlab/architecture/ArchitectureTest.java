package dev.jnetlab.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ARCHITECTURE §1: the modules depend one way, {@code stack} <- {@code host} <- {@code commands}
 * <- {@code labs} <- {@code console}, and packages do not depend on each other in a circle.
 * Checked on the compiled main classes of every module (the console's test class path holds
 * them all), so a dependency counts wherever it is written: an import, a field, a lambda, a
 * fully qualified name in a method body.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.jnetlab";

    /** The project's main code: not test classes, not the test-jars the modules share. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ArchitectureTest::isMainCode)
            .importPackages(ROOT);

    /** The fixture of a wrong project, beside this test. */
    private static final JavaClasses WRONG = new ClassFileImporter().importPackages(ROOT + ".architecture.wrong");

    static ArchRule modulesPointOneWay(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("stack").definedBy(root + ".stack..")
                .layer("host").definedBy(root + ".host..")
                .layer("commands").definedBy(root + ".commands..")
                .layer("labs").definedBy(root + ".labs..")
                .layer("console").definedBy(root + ".console..")
                .whereLayer("console").mayNotBeAccessedByAnyLayer()
                .whereLayer("labs").mayOnlyBeAccessedByLayers("console")
                .whereLayer("commands").mayOnlyBeAccessedByLayers("labs", "console")
                .whereLayer("host").mayOnlyBeAccessedByLayers("commands", "labs", "console");
    }

    static ArchRule packagesHaveNoCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    private static boolean isMainCode(Location location) {
        return !location.contains("/test-classes/") && !location.matches(Pattern.compile(".*-tests\\.jar.*"));
    }

    @Nested
    class TheProject {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"stack", "host", "commands", "labs", "console"})
        void hasItsModulesOnTheClassPath(String module) {
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + module + ".")
                            || c.getPackageName().equals(ROOT + "." + module)),
                    "no class of " + module + " was imported, so the rules below would prove nothing about it");
        }

        @Test
        void importsNoTestCode() {
            assertFalse(MAIN.contain(ROOT + ".architecture.ArchitectureTest"));
            assertFalse(MAIN.contain(ROOT + ".host.testing.TestFrames"), "the host test-jar is test code");
        }

        @Test
        void hasItsModulesDependOneWay() {
            modulesPointOneWay(ROOT).check(MAIN);
        }

        @Test
        void hasNoPackageCycles() {
            packagesHaveNoCycles(ROOT).check(MAIN);
        }
    }

    @Nested
    class TheRules {

        @Test
        void refuseAStackClassThatKnowsTheConsole() {
            EvaluationResult result = modulesPointOneWay(ROOT + ".architecture.wrong").evaluate(WRONG);
            assertTrue(result.hasViolation());
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertTrue(report.contains("wrong.stack.Device") && report.contains("wrong.console.Shell"), report);
        }

        @Test
        void refuseTwoPackagesThatDependOnEachOther() {
            EvaluationResult result = packagesHaveNoCycles(ROOT + ".architecture.wrong").evaluate(WRONG);
            assertTrue(result.hasViolation());
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertTrue(report.contains("wrong.host.one.Server") && report.contains("wrong.host.two.Network"), report);
        }
    }
}
