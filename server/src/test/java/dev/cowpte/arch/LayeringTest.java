package dev.cowpte.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * The layering ARCHITECTURE.md describes, checked on the compiled classes of every module (the
 * server module sees them all): the simulator knows nothing of the language, only the grammar
 * uses ANTLR, the language server's services stay off the transport, the interpreter, the kernel
 * comparison and the report know nothing of LSP, the wording knows only the simulator's views and
 * the grammar's types, no class but the registry names a fork policy, and no two packages depend
 * on each other.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cowpte");

    @Test
    void theSimulatorUsesTheJdkOnly() {
        classes().that().resideInAPackage("dev.cowpte.mm..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.cowpte.mm..")
                .check(CLASSES);
    }

    @Test
    void theSimulatorKnowsNothingOfTheLanguage() {
        noClasses().that().resideInAPackage("dev.cowpte.mm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cowpte.lang..", "org.antlr..",
                        "dev.cowpte.run..", "dev.cowpte.cli..", "dev.cowpte.lsp..", "dev.cowpte.report..",
                        "dev.cowpte.kernel..", "dev.cowpte.words..")
                .check(CLASSES);
    }

    @Test
    void theGrammarKnowsNothingOfTheSimulatorNorTheServer() {
        noClasses().that().resideInAPackage("dev.cowpte.lang..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cowpte.mm..", "dev.cowpte.run..",
                        "dev.cowpte.cli..", "dev.cowpte.lsp..", "dev.cowpte.report..", "dev.cowpte.kernel..",
                        "dev.cowpte.words..")
                .check(CLASSES);
    }

    @Test
    void onlyTheGrammarUsesAntlr() {
        noClasses().that().resideOutsideOfPackage("dev.cowpte.lang..")
                .should().dependOnClassesThat().resideInAPackage("org.antlr..")
                .check(CLASSES);
    }

    /**
     * The services and documents are the transport-free half of the language server. One narrow
     * exception: {@code org.eclipse.lsp4j.jsonrpc.messages.Either}, LSP4J's union type, which its
     * protocol classes take and return (a completion item's edit, an inlay hint's label): a value
     * of the protocol's data model that happens to live in the jsonrpc package, not the transport.
     */
    @Test
    void theServicesStayOffTheTransport() {
        noClasses().that().resideInAnyPackage("dev.cowpte.lsp.services..", "dev.cowpte.lsp.document..")
                .should().dependOnClassesThat(resideInAnyPackage("org.eclipse.lsp4j.jsonrpc..",
                        "org.eclipse.lsp4j.launch..", "dev.cowpte.lsp.server..").and(not(type(Either.class))))
                .check(CLASSES);
    }

    @Test
    void theInterpreterTheKernelCheckAndTheReportKnowNothingOfLsp() {
        noClasses().that().resideInAnyPackage("dev.cowpte.run..", "dev.cowpte.kernel..", "dev.cowpte.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cowpte.lsp..", "org.eclipse.lsp4j..")
                .check(CLASSES);
    }

    /**
     * The simulator's types the wording may describe: its read-only views (walks, trees, summaries,
     * vmas), the values they carry (levels, counters, sizes, the machine's configuration), and a
     * fork policy for its own words. Never the machine or its structures: the wording describes
     * what it is handed and changes nothing.
     */
    private static final Set<String> SIMULATOR_VIEWS = Set.of("PageWalk", "PageTableTree", "MmSummary",
            "MachineSummary", "MachineConfig", "VmaInfo", "FaultCounters", "Work", "Level", "Geometry", "Thp",
            "HugePageSize", "Sizes", "ForkPolicy", "LargeFolioPages");

    /**
     * Wording is one layer that every surface reads ({@code show}, hovers, hints, lenses, the
     * debugger, the report, the command line's reports, messages): {@code dev.cowpte.words} depends
     * on the simulator's read-only views and the grammar's types alone, never on a layer that uses
     * it, so a hover's path goes one way: language server, then wording, then the simulator's views.
     */
    @Test
    void theWordingDependsOnTheSimulatorsViewsAndTheGrammarsTypesOnly() {
        DescribedPredicate<JavaClass> simulatorView = DescribedPredicate.describe(
                "a read-only view of the simulator " + SIMULATOR_VIEWS, LayeringTest::isSimulatorView);
        classes().that().resideInAPackage("dev.cowpte.words..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.cowpte.words..",
                        "dev.cowpte.lang", "dev.cowpte.lang.ast..").or(simulatorView))
                .check(CLASSES);
    }

    private static boolean isSimulatorView(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getPackageName().equals("dev.cowpte.mm") && SIMULATOR_VIEWS.contains(top.getSimpleName());
    }

    /**
     * A policy's words for the state of a table it write-protected or deferred reach users through
     * the wording ({@code SharingWords}), which also decides where an owner is named; no surface
     * asks the policy itself.
     */
    @Test
    void onlyTheWordingAsksAPolicyForATablesState() {
        noClasses().that().resideOutsideOfPackages("dev.cowpte.words..", "dev.cowpte.mm..")
                .should().callMethod(ForkPolicy.class, "writeProtectedState", int.class)
                .orShould().callMethod(ForkPolicy.class, "writeProtectedState")
                .orShould().callMethod(ForkPolicy.class, "pendingTableState")
                .check(CLASSES);
    }

    /**
     * The machine knows no fork policy by name: apart from the registry ({@code ForkPolicies}) and
     * the policies themselves, no class of any module depends on a concrete policy class. A policy
     * plugs in through {@code ForkPolicy}'s methods and the {@code DeferredWork} it attaches to the
     * address spaces its fork left work in; everything else asks the {@code ForkPolicy} object.
     */
    @Test
    void onlyTheRegistryNamesAConcretePolicy() {
        DescribedPredicate<JavaClass> concretePolicy = DescribedPredicate.describe(
                "a concrete fork policy or a class nested in one",
                c -> (isPolicy(c) && !c.getModifiers().contains(JavaModifier.ABSTRACT)) || nestedInPolicy(c));
        DescribedPredicate<JavaClass> policyOrPartOfOne = DescribedPredicate.describe(
                "a fork policy or a class nested in one", c -> isPolicy(c) || nestedInPolicy(c));
        noClasses().that(not(policyOrPartOfOne)).and(not(type(ForkPolicies.class)))
                .should().dependOnClassesThat(concretePolicy)
                .check(CLASSES);
    }

    private static boolean isPolicy(JavaClass c) {
        return c.isAssignableTo(ForkPolicy.class) && !c.isEquivalentTo(ForkPolicy.class);
    }

    private static boolean nestedInPolicy(JavaClass c) {
        return c.getEnclosingClass().map(e -> isPolicy(e) || nestedInPolicy(e)).orElse(false);
    }

    /**
     * No cycles between any two packages, with one narrow exception: {@code FrontEnd}, the
     * grammar's one entry, stands in the package {@code dev.cowpte.lang} beside the types every
     * layer shares ({@code SourceRange}, {@code Diagnostic}); that it calls the grammar's packages,
     * which use those types, is not counted as a cycle. (Moving it would rename the front end's
     * entry for every caller.)
     */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.cowpte.(**)").should().beFreeOfCycles()
                .ignoreDependency(originIn("dev.cowpte.lang.FrontEnd"), DescribedPredicate.alwaysTrue())
                .check(CLASSES);
    }

    /** No cycles between the big parts either (simulator, grammar, interpreter, command line, editor, report, kernel). */
    @Test
    void noCyclesBetweenTheParts() {
        slices().matching("dev.cowpte.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> originIn(String className) {
        return DescribedPredicate.describe(className + " and its nested classes",
                c -> c.getName().equals(className) || c.getName().startsWith(className + "$"));
    }
}
