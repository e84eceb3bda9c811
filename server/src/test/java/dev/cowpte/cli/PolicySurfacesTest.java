package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every surface of the product lists the simulator's registry of policies, no more and no
 * fewer: the language's checker, completion, --help, --version, compare and docs/LANGUAGE.md.
 * The editor files, which are generated from the registry, are {@link EditorSurfacesTest}'s.
 */
class PolicySurfacesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theLanguageAcceptsEveryRegisteredPolicyAndNoOther() {
        for (String name : ForkPolicies.names()) {
            assertTrue(ScenarioRunner.check("policy " + name + "\n").diagnostics().isEmpty(), name);
        }
        assertEquals(ForkPolicies.names(), ScenarioRunner.POLICIES.names());
        assertEquals(ForkPolicies.names(), LanguageWords.POLICIES);
        assertTrue(ScenarioRunner.check("policy lazy\n").hasErrors());
    }

    @Test
    void helpVersionAndCompareListEveryPolicy() {
        Cli help = Cli.run("--help");
        Cli version = Cli.run("--version");
        for (String name : ForkPolicies.names()) {
            assertTrue(help.out().contains(name), "--help lacks " + name + ":\n" + help.out());
            assertTrue(version.out().contains(name), "--version lacks " + name);
        }
    }

    @Test
    void theLanguageReferenceNamesEveryPolicy() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/LANGUAGE.md"));
        for (ForkPolicy p : ForkPolicies.all()) {
            assertTrue(doc.contains("`" + p.name() + "`"), "docs/LANGUAGE.md lacks `" + p.name() + "`");
        }
    }
}
