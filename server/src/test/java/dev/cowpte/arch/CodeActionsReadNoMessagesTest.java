package dev.cowpte.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Quick fixes read what they need from the data a diagnostic carries: the code actions and the
 * reader of that data use no regular expression and never read a diagnostic's message, so that
 * rewording a message can not break a fix.
 */
class CodeActionsReadNoMessagesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cowpte.lsp.services");

    private static com.tngtech.archunit.lang.syntax.elements.ClassesShould fixes() {
        return noClasses().that().resideInAPackage("dev.cowpte.lsp.services")
                .and().haveSimpleNameStartingWith("CodeAction")
                .or().haveSimpleName("DiagnosticDataJson")
                .should();
    }

    @Test
    void noRegularExpressions() {
        fixes().dependOnClassesThat().resideInAPackage("java.util.regex").check(CLASSES);
        for (String method : new String[] {"matches", "replaceAll", "replaceFirst", "split"}) {
            ArchRule rule = fixes().callMethod(String.class, method, String.class);
            rule.check(CLASSES);
        }
    }

    @Test
    void noMessageIsRead() {
        fixes().callMethod(org.eclipse.lsp4j.Diagnostic.class, "getMessage").check(CLASSES);
        fixes().callMethod(dev.cowpte.lang.Diagnostic.class, "message").check(CLASSES);
    }
}
