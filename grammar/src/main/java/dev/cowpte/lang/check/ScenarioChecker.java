package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.ast.Scenario;

/** Runs every check that can be made before a scenario runs, in order. */
public final class ScenarioChecker {
    private final DiagnosticList diagnostics;
    private final Policies policies;

    /** {@code policies}: the fork policy names the caller knows (the language keeps none). */
    public ScenarioChecker(DiagnosticList diagnostics, Policies policies) {
        this.diagnostics = diagnostics;
        this.policies = policies;
    }

    /** Checks the scenario; returns its names as resolved on the way. */
    public Names check(Scenario scenario) {
        int levels = new SettingsChecker(diagnostics, policies).check(scenario.statements());
        new RepeatChecker(diagnostics).check(scenario.statements());
        return new NameChecker(diagnostics, levels).check(scenario.statements());
    }
}
