package dev.cowpte.lang;

import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.build.SourceMap;
import dev.cowpte.lang.build.TreeBuilder;
import dev.cowpte.lang.check.Limits;
import dev.cowpte.lang.check.Names;
import dev.cowpte.lang.check.Policies;
import dev.cowpte.lang.check.ScenarioChecker;
import dev.cowpte.lang.syntax.BlockNesting;
import dev.cowpte.lang.syntax.ScenarioParser;
import java.util.Comparator;
import java.util.List;

/**
 * The scenario front end: parses text into a typed syntax tree and checks it (names, indexes,
 * alignment, limits) before anything runs. Never throws on any input.
 */
public final class FrontEnd {
    private FrontEnd() {
    }

    /**
     * The result of reading one scenario: the tree (possibly partial), every problem found, and
     * the names as the checker resolved them (which process has which region where, and what
     * each written name stands for): the one model of names every reader uses.
     */
    public record Result(Scenario scenario, List<Diagnostic> diagnostics, Names names) {
        public Result(Scenario scenario, List<Diagnostic> diagnostics) {
            this(scenario, diagnostics, Names.NONE);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
    }

    private static final Scenario EMPTY = new Scenario(null, List.of());

    /**
     * Parses and checks {@code text}; {@code policies} are the fork policy names the caller knows
     * (the language itself knows none: the server passes the simulator's registry).
     */
    public static Result analyze(String text, Policies policies) {
        String source = text == null ? "" : text;
        try {
            return analyzeChecked(source, policies);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Result(EMPTY, List.of(Diagnostic.error(SourceRange.NONE, DiagnosticCode.INTERNAL_ERROR,
                    "the scenario could not be checked (" + e.getClass().getSimpleName()
                            + "); please report this with the file")));
        }
    }

    private static Result analyzeChecked(String text, Policies policies) {
        SourceMap sourceMap = new SourceMap(text.length() > Limits.MAX_TEXT_LENGTH ? "" : text);
        if (text.length() > Limits.MAX_TEXT_LENGTH) {
            return new Result(EMPTY, List.of(Diagnostic.error(SourceRange.NONE, DiagnosticCode.TOO_LARGE,
                    "the scenario is " + text.length() + " characters long; the limit is "
                            + Limits.MAX_TEXT_LENGTH + " (use repeat for long runs)")));
        }
        Diagnostic tooDeep = BlockNesting.check(text, sourceMap);
        if (tooDeep != null) {
            return new Result(EMPTY, List.of(tooDeep));
        }
        ScenarioParser.Outcome parsed = ScenarioParser.parse(text, sourceMap);
        DiagnosticList diagnostics = new DiagnosticList();
        for (Diagnostic d : parsed.errors()) {
            diagnostics.add(namingPolicies(d, policies));
        }
        if (!parsed.complete()) {
            return new Result(EMPTY, sorted(diagnostics.toList()));
        }
        Scenario scenario = new TreeBuilder(sourceMap, diagnostics).build(parsed.tree());
        Names names = new ScenarioChecker(diagnostics, policies).check(scenario);
        return new Result(scenario, sorted(diagnostics.toList()), names);
    }

    /** A syntax error that expected a policy name lists the names the caller knows. */
    private static Diagnostic namingPolicies(Diagnostic d, Policies policies) {
        String slot = "a policy name";
        int at = d.message().indexOf(slot);
        if (at < 0 || policies.names().isEmpty()) {
            return d;
        }
        int end = at + slot.length();
        String message = d.message().substring(0, end) + " (" + String.join(", ", policies.names()) + ")"
                + d.message().substring(end);
        return d.withMessage(message);
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.range().startOffset())
                        .thenComparing(d -> d.severity()))
                .toList();
    }
}
