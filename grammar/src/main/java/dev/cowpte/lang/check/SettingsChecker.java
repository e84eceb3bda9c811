package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.syntax.Suggestions;
import java.util.List;

/**
 * Checks where statements may stand and the values of settings: the title only first, machine
 * settings before the first process and within their limits, known policy names, and
 * {@code expect segv} around an access only.
 */
final class SettingsChecker {
    private final DiagnosticList diagnostics;
    private final Policies policies;
    private SourceRange firstProcess;
    private int levels = 4;

    SettingsChecker(DiagnosticList diagnostics, Policies policies) {
        this.diagnostics = diagnostics;
        this.policies = policies;
    }

    /** Checks the scenario; returns the paging levels it sets (4 unless {@code machine levels 5}). */
    int check(List<Statement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement instanceof Statement.ScenarioTitle) {
                if (i > 0) {
                    diagnostics.report(statement.range(), DiagnosticCode.SCENARIO_NOT_FIRST,
                            "'scenario' gives the title and may only be the first statement");
                }
            } else {
                statement(statement);
            }
        }
        return levels;
    }

    private void statement(Statement statement) {
        if (statement instanceof Statement.Policy s) {
            checkPolicy(s.name(), s.nameRange());
        } else if (statement instanceof Statement.Fork s) {
            if (s.policy() != null) {
                checkPolicy(s.policy(), s.policyRange());
            }
            noteProcess(s.range());
        } else if (statement instanceof Statement.Process s) {
            noteProcess(s.range());
        } else if (statement instanceof Statement.MachineLevels s) {
            checkMachinePlacement(s.range());
            if (s.levels() != 4 && s.levels() != 5) {
                diagnostics.report(s.range(), DiagnosticCode.MACHINE_LEVELS,
                        "paging levels are 4 or 5 (as x86-64 with and without LA57), not " + s.levels());
            } else {
                levels = s.levels();
            }
        } else if (statement instanceof Statement.MachineMemory s) {
            checkMachinePlacement(s.range());
            checkMachineMemory(s.size());
        } else if (statement instanceof Statement.MachinePtReclaim s) {
            checkMachinePlacement(s.range());
        } else if (statement instanceof Statement.MachineFaultAround s) {
            checkMachinePlacement(s.range());
        } else if (statement instanceof Statement.MachineThp s) {
            checkMachinePlacement(s.range());
        } else if (statement instanceof Statement.ScenarioTitle s) {
            diagnostics.report(s.range(), DiagnosticCode.SCENARIO_NOT_FIRST,
                    "'scenario' gives the title and may only be the first"
                    + " statement, not inside a repeat or an expect");
        } else if (statement instanceof Statement.Repeat s) {
            s.body().forEach(this::statement);
        } else if (statement instanceof Statement.Expect s && s.expectation() instanceof Expectation.Segv segv) {
            checkSegv(segv);
        }
    }

    private void noteProcess(SourceRange at) {
        if (firstProcess == null) {
            firstProcess = at;
        }
    }

    private void checkMachinePlacement(SourceRange at) {
        if (firstProcess != null) {
            diagnostics.report(at, DiagnosticCode.MACHINE_AFTER_PROCESS,
                    "machine settings come before the first process (line "
                    + firstProcess.line() + ")");
        }
    }

    private void checkMachineMemory(Quantity size) {
        long bytes = size.bytes() ? size.value() : RegionBounds.pagesToBytes(size.value());
        if (bytes <= 0) {
            diagnostics.report(size.range(), DiagnosticCode.MACHINE_MEMORY, "machine memory must be more than 0");
        } else if (bytes > Limits.MAX_MACHINE_MEMORY) {
            diagnostics.report(size.range(), DiagnosticCode.MACHINE_MEMORY,
                    "machine memory of " + Limits.formatBytes(bytes)
                    + " is over the limit of " + Limits.formatBytes(Limits.MAX_MACHINE_MEMORY));
        }
    }

    private void checkPolicy(String name, SourceRange at) {
        if (policies.isKnown(name)) {
            return;
        }
        String suggestion = Suggestions.closest(name, policies.names());
        diagnostics.report(at, DiagnosticCode.UNKNOWN_POLICY, "unknown policy '" + name + "'"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + "; known policies: " + String.join(", ", policies.names()),
                suggestion == null ? new DiagnosticData[0]
                        : new DiagnosticData[] {new DiagnosticData.Meant(suggestion, at)});
    }

    private void checkSegv(Expectation.Segv segv) {
        Statement access = segv.access();
        boolean isAccess = access instanceof Statement.Touch || access instanceof Statement.Read
                || access instanceof Statement.Write || access instanceof Statement.Pin;
        if (!isAccess) {
            diagnostics.report(access.range(), DiagnosticCode.SEGV_NOT_ACCESS,
                    "'expect segv' takes an access statement (touch,"
                    + " read, write or pin), not '" + keywordOf(access) + "'");
        }
        statement(access);
    }

    private static String keywordOf(Statement statement) {
        return switch (statement.getClass().getSimpleName()) {
            case "ScenarioTitle" -> "scenario";
            case "MachineMemory", "MachineLevels", "MachinePtReclaim", "MachineFaultAround", "MachineThp" -> "machine";
            default -> statement.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
