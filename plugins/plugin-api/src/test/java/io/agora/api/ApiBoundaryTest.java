package io.agora.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The plugin API stays small and stable: it may use the JDK and pf4j, nothing else. */
class ApiBoundaryTest {
    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.agora.api");

    @Test
    void dependsOnlyOnTheJdkAndPf4j() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.agora.api..", "java..", "org.pf4j..")
                .check(api);
    }

    @Test
    void publicValueTypesAreRecordsOrFinal() {
        classes().that().arePublic().and().areNotInterfaces().and().areNotEnums()
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(api);
    }
}
