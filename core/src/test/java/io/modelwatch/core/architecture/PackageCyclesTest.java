package io.modelwatch.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The packages of {@code core} depend on each other without a cycle (issue 14). */
class PackageCyclesTest {

    private static final ClassFileImporter IMPORTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);

    @Test
    void corePackagesAreFreeOfCycles() {
        JavaClasses core = IMPORTER.importPackages("io.modelwatch.core");
        slices().matching("io.modelwatch.core.(*)..").should().beFreeOfCycles()
                .check(core);
    }

    @Test
    void runAndItsSectionsAreFreeOfCycles() {
        // each package of the run its own slice: the pipeline uses the sections, no section uses the pipeline
        JavaClasses run = IMPORTER.importPackages("io.modelwatch.core.run");
        slices().matching("io.modelwatch.core.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(run);
    }
}
