package io.spaxos.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.spaxos.purityfixture.ImpureFixtures;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core is a pure function of its inputs (DESIGN.md: "no threads, clocks, sockets, files or
 * RNG"): the simulator can replay a run exactly only if nothing in {@code io.spaxos.core..} reaches
 * for time, randomness, threads or I/O on its own.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CorePurityTest {

    private static final DescribedPredicate<JavaClass> IMPURE = resideInAnyPackage(
            "java.util.concurrent..",   // threads, locks, atomics, ThreadLocalRandom
            "java.nio.file..",
            "java.nio.channels..",
            "java.net..",
            "java.time..")              // time is a tick
            .or(belongToAnyOf(
                    Thread.class, ThreadGroup.class, Runtime.class, ProcessBuilder.class,
                    System.class,       // currentTimeMillis, nanoTime, getenv, properties; the core needs none of it
                    Random.class, SecureRandom.class, SplittableRandom.class,
                    File.class, FileInputStream.class, FileOutputStream.class, FileReader.class,
                    FileWriter.class, RandomAccessFile.class))
            .as("threads, clocks, files, sockets or random sources");

    /** The purity rule; evaluated against whatever classes it is given, core or fixture. */
    static final ArchRule CORE_IS_PURE = noClasses()
            .should().dependOnClassesThat(IMPURE)
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .because("the core must give the same outputs for the same inputs, so the simulator can replay it");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.spaxos.core");
    }

    @Test
    void the_import_really_holds_the_core_and_no_test_classes() {
        assertThat(core.contain(Replica.class)).isTrue();
        assertThat(core.contain(io.spaxos.core.msg.Accept.class)).isTrue();
        assertThat(core.contain(CorePurityTest.class)).isFalse();
        assertThat(core.stream().map(JavaClass::getPackageName))
                .allMatch(p -> p.equals("io.spaxos.core") || p.startsWith("io.spaxos.core."));
    }

    @Test
    void the_core_uses_no_threads_clocks_files_sockets_or_random_sources() {
        CORE_IS_PURE.check(core);
    }

    @Test
    void the_core_depends_on_nothing_but_the_jdk_and_itself() {
        classes().should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.spaxos.core.."))
                .because("the core is a library with no third-party or sibling-module dependencies")
                .check(core);
    }

    @Test
    void the_core_does_not_reach_into_other_spaxos_modules() {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.spaxos..")
                        .and(not(resideInAPackage("io.spaxos.core.."))))
                .check(core);
    }

    static Stream<Class<?>> impureFixtures() {
        return Stream.of(
                ImpureFixtures.UsesThread.class,
                ImpureFixtures.UsesRandom.class,
                ImpureFixtures.UsesSecureRandom.class,
                ImpureFixtures.UsesThreadLocalRandom.class,
                ImpureFixtures.UsesSplittableRandom.class,
                ImpureFixtures.UsesMathRandom.class,
                ImpureFixtures.UsesSystemClock.class,
                ImpureFixtures.UsesSystemMillis.class,
                ImpureFixtures.UsesClock.class,
                ImpureFixtures.UsesInstant.class,
                ImpureFixtures.UsesFile.class,
                ImpureFixtures.UsesNioFiles.class,
                ImpureFixtures.UsesChannel.class,
                ImpureFixtures.UsesSocket.class,
                ImpureFixtures.UsesConcurrentCollection.class);
    }

    @ParameterizedTest(name = "the purity rule catches {0}")
    @MethodSource("impureFixtures")
    void the_purity_rule_reports_a_class_that_breaks_it(Class<?> fixture) {
        final EvaluationResult result = CORE_IS_PURE.evaluate(new ClassFileImporter().importClasses(fixture));

        assertThat(result.hasViolation()).as("violation reported for %s", fixture.getSimpleName()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(fixture.getSimpleName()));
    }

    @Test
    void the_purity_rule_accepts_collections_math_max_and_charsets() {
        final EvaluationResult result = CORE_IS_PURE.evaluate(
                new ClassFileImporter().importClasses(ImpureFixtures.Pure.class));

        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }
}
