package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.ast.Scenario;

/** Runs every check that can be made before a scenario runs, in order. */
public final class ScenarioChecker {
    private final DiagnosticList diagnostics;

    public ScenarioChecker(DiagnosticList diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void check(Scenario scenario) {
        int levels = new SettingsChecker(diagnostics).check(scenario.statements());
        new RepeatChecker(diagnostics).check(scenario.statements());
        new NameChecker(diagnostics, levels).check(scenario.statements());
    }
}
