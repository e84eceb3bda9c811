package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Quantity;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.lang.syntax.Suggestions;
import dev.cowpte.lang.syntax.Vocabulary;
import java.util.ArrayList;
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
    /** The sizes of the {@code machine memory} lines, checked against the paging levels the scenario ends up with. */
    private final List<Quantity> memorySizes = new ArrayList<>();
    /** The per-size THP lines, checked against the kernel profile once it is known. */
    private final List<Statement.MachineThp> sizedThp = new ArrayList<>();
    private Statement.MachinePtReclaim ptReclaimOn;
    private Statement.MachineKernel kernel;
    private KernelProfile profile;

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
        memorySizes.forEach(this::checkMachineMemory);
        checkProfile();
        return levels;
    }

    /** The lines the kernel profile of {@code machine kernel} cannot have, each an error at its line. */
    private void checkProfile() {
        if (profile == null) {
            return;
        }
        if (!profile.has(KernelProfile.Behaviour.MTHP)) {
            for (Statement.MachineThp s : sizedThp) {
                diagnostics.report(s.range(), DiagnosticCode.MACHINE_KERNEL,
                        "Linux " + profile.version() + " has no per-size THP (multi-size THP came with Linux "
                        + KernelProfile.Behaviour.MTHP.since() + "; 'machine kernel' is at line " + kernel.range().line() + ")");
            }
        }
        if (ptReclaimOn != null && !profile.has(KernelProfile.Behaviour.PT_RECLAIM)) {
            diagnostics.report(ptReclaimOn.range(), DiagnosticCode.MACHINE_KERNEL,
                    "Linux " + profile.version() + " cannot reclaim empty PTE tables (CONFIG_PT_RECLAIM came with Linux "
                    + KernelProfile.Behaviour.PT_RECLAIM.since() + "; 'machine kernel' is at line " + kernel.range().line() + ")");
        }
    }

    /** A folio size of multi-size THP; {@code withPmd}: 2M too. Reports and returns false when it is not one. */
    private boolean checkMthpSize(Quantity size, boolean withPmd) {
        List<String> sizes = withPmd ? Vocabulary.MTHP_SIZES
                : Vocabulary.MTHP_SIZES.subList(0, Vocabulary.MTHP_SIZES.size() - 1);
        if (size.bytes() && !size.isVariable()) {
            for (String s : sizes) {
                if (sizeBytes(s) == size.value()) {
                    return true;
                }
            }
        }
        diagnostics.report(size.range(), DiagnosticCode.MACHINE_THP_SIZE, "multi-size THP has folios of "
                + String.join(", ", sizes) + (withPmd ? "" : " (2M folios are huge PMDs: 'expect thp')")
                + ", not " + Limits.formatBytes(size.bytes() ? size.value() : size.value() * Quantity.PAGE_SIZE)
                + (size.bytes() ? "" : " (write the size with its unit)"));
        return false;
    }

    /** {@code 64K} → 65536: the sizes of {@link Vocabulary#MTHP_SIZES}, in K or M. */
    private static long sizeBytes(String s) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return s.endsWith("M") ? n << 20 : n << 10;
    }

    private void checkMthpExpectation(dev.cowpte.lang.ast.Expectation.Mthp m) {
        checkMthpSize(m.size(), false);
        if (!Vocabulary.MTHP_STATISTICS.contains(m.statistic())) {
            String suggestion = Suggestions.closest(m.statistic(), Vocabulary.MTHP_STATISTICS);
            diagnostics.report(m.statisticRange(), DiagnosticCode.MTHP_STATISTIC, "no mTHP statistic '" + m.statistic()
                    + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)") + "; the statistics are "
                    + String.join(", ", Vocabulary.MTHP_STATISTICS),
                    suggestion == null ? new DiagnosticData[0]
                            : new DiagnosticData[] {new DiagnosticData.Meant(suggestion, m.statisticRange())});
        }
    }

    private void statement(Statement statement) {
        statement.accept(placement);
    }

    /** What each kind of statement brings to the checks of placement and settings. */
    private final Statement.Visitor<Void> placement = new Statement.Visitor<>() {
        @Override
        public Void visit(Statement.ScenarioTitle s) {
            diagnostics.report(s.range(), DiagnosticCode.SCENARIO_NOT_FIRST,
                    "'scenario' gives the title and may only be the first"
                    + " statement, not inside a repeat or an expect");
            return null;
        }

        @Override
        public Void visit(Statement.Policy s) {
            checkPolicy(s.name(), s.nameRange());
            return null;
        }

        @Override
        public Void visit(Statement.MachineMemory s) {
            checkMachinePlacement(s.range());
            memorySizes.add(s.size());
            return null;
        }

        @Override
        public Void visit(Statement.MachineLevels s) {
            checkMachinePlacement(s.range());
            if (s.levels() != 4 && s.levels() != 5) {
                diagnostics.report(s.range(), DiagnosticCode.MACHINE_LEVELS,
                        "paging levels are 4 or 5 (as x86-64 with and without LA57), not " + s.levels());
            } else {
                levels = s.levels();
            }
            return null;
        }

        @Override
        public Void visit(Statement.MachinePtReclaim s) {
            checkMachinePlacement(s.range());
            if (s.on()) {
                ptReclaimOn = s;
            }
            return null;
        }

        @Override
        public Void visit(Statement.MachineFaultAround s) {
            checkMachinePlacement(s.range());
            return null;
        }

        @Override
        public Void visit(Statement.MachineThp s) {
            checkMachinePlacement(s.range());
            if (s.size() != null) {
                if (checkMthpSize(s.size(), true)) {
                    sizedThp.add(s);
                }
            } else if (s.mode() == Statement.ThpMode.INHERIT) {
                diagnostics.report(s.range(), DiagnosticCode.MACHINE_THP_SIZE,
                        "'inherit' is for one folio size, which then follows 'machine thp MODE' (as 'machine thp 64K inherit');"
                        + " the top-level mode is never, madvise or always");
            }
            return null;
        }

        @Override
        public Void visit(Statement.MachineKernel s) {
            checkMachinePlacement(s.range());
            java.util.Optional<KernelProfile> p = KernelProfile.named(s.version());
            if (p.isEmpty()) {
                // a release between two profiles follows the older one's rules
                java.util.Optional<KernelProfile> rules = KernelProfile.forRelease(s.version());
                diagnostics.report(s.versionRange(), DiagnosticCode.MACHINE_KERNEL, "no kernel profile "
                        + s.version() + "; the profiles are " + String.join(", ", KernelProfile.versions())
                        + rules.map(r -> " (Linux " + s.version() + " has the rules of " + r.version() + ")").orElse(""),
                        rules.map(r -> new DiagnosticData[] {new DiagnosticData.Meant(r.version(), s.versionRange())})
                                .orElse(new DiagnosticData[0]));
            } else {
                kernel = s;
                profile = p.get();
            }
            return null;
        }

        @Override
        public Void visit(Statement.MachineSeed s) {
            checkMachinePlacement(s.range());
            return null;
        }

        @Override
        public Void visit(Statement.MachineHugetlb s) {
            checkMachinePlacement(s.range());
            return null;
        }

        @Override
        public Void visit(Statement.Process s) {
            noteProcess(s.range());
            return null;
        }

        @Override
        public Void visit(Statement.File s) {
            return null;
        }

        @Override
        public Void visit(Statement.Mmap s) {
            return null;
        }

        @Override
        public Void visit(Statement.Munmap s) {
            return null;
        }

        @Override
        public Void visit(Statement.Mremap s) {
            return null;
        }

        @Override
        public Void visit(Statement.Mprotect s) {
            return null;
        }

        @Override
        public Void visit(Statement.Madvise s) {
            return null;
        }

        @Override
        public Void visit(Statement.Touch s) {
            return null;
        }

        @Override
        public Void visit(Statement.Read s) {
            return null;
        }

        @Override
        public Void visit(Statement.Write s) {
            return null;
        }

        @Override
        public Void visit(Statement.Fork s) {
            if (s.policy() != null) {
                checkPolicy(s.policy(), s.policyRange());
            }
            noteProcess(s.range());
            return null;
        }

        @Override
        public Void visit(Statement.Exit s) {
            return null;
        }

        @Override
        public Void visit(Statement.Pin s) {
            return null;
        }

        @Override
        public Void visit(Statement.Unpin s) {
            return null;
        }

        @Override
        public Void visit(Statement.Repeat s) {
            s.body().forEach(SettingsChecker.this::statement);
            return null;
        }

        @Override
        public Void visit(Statement.Show s) {
            return null;
        }

        @Override
        public Void visit(Statement.Expect s) {
            if (s.expectation() instanceof dev.cowpte.lang.ast.Expectation.Mthp m) {
                checkMthpExpectation(m);
            }
            Statement access = Statements.segvAccess(s.expectation());
            if (access != null) {
                checkSegv(access);
            }
            return null;
        }
    };

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

    /**
     * A machine's RAM is at most what x86-64 can address with the scenario's paging levels:
     * 64T with 4, 4P with 5. Checked once the levels are known, since {@code machine levels}
     * may follow {@code machine memory}.
     */
    private void checkMachineMemory(Quantity size) {
        long bytes = size.bytes() ? size.value() : RegionBounds.pagesToBytes(size.value());
        long limit = Limits.maxMachineMemory(levels);
        if (bytes <= 0) {
            diagnostics.report(size.range(), DiagnosticCode.MACHINE_MEMORY, "machine memory must be more than 0");
        } else if (bytes > limit && levels == 4 && bytes <= Limits.MAX_MACHINE_MEMORY_5_LEVELS) {
            diagnostics.report(size.range(), DiagnosticCode.MACHINE_MEMORY,
                    "machine memory of " + Limits.formatBytes(bytes) + " is over the limit of "
                    + Limits.formatBytes(limit) + " with 4 paging levels; with 5 it may reach "
                    + Limits.formatBytes(Limits.MAX_MACHINE_MEMORY_5_LEVELS)
                    + ": add 'machine levels 5' before the first process");
        } else if (bytes > limit) {
            diagnostics.report(size.range(), DiagnosticCode.MACHINE_MEMORY,
                    "machine memory of " + Limits.formatBytes(bytes) + " is over the limit of "
                    + Limits.formatBytes(limit) + " with " + levels + " paging levels"
                    + (levels == 5 ? " (x86-64's largest physical address space)"
                            : " (and of " + Limits.formatBytes(Limits.MAX_MACHINE_MEMORY_5_LEVELS) + " with 5)"));
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

    private void checkSegv(Statement access) {
        if (!Statements.isAccess(access)) {
            diagnostics.report(access.range(), DiagnosticCode.SEGV_NOT_ACCESS,
                    "'expect segv' takes an access statement (touch,"
                    + " read, write or pin), not '" + keywordOf(access) + "'");
        }
        statement(access);
    }

    private static String keywordOf(Statement statement) {
        return statement.accept(KEYWORD);
    }

    /** The keyword each kind of statement begins with. */
    private static final Statement.Visitor<String> KEYWORD = new Statement.Visitor<>() {
        @Override
        public String visit(Statement.ScenarioTitle s) {
            return "scenario";
        }

        @Override
        public String visit(Statement.Policy s) {
            return "policy";
        }

        @Override
        public String visit(Statement.MachineMemory s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineLevels s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachinePtReclaim s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineFaultAround s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineThp s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineSeed s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineHugetlb s) {
            return "machine";
        }

        @Override
        public String visit(Statement.MachineKernel s) {
            return "machine";
        }

        @Override
        public String visit(Statement.Process s) {
            return "process";
        }

        @Override
        public String visit(Statement.File s) {
            return "file";
        }

        @Override
        public String visit(Statement.Mmap s) {
            return "mmap";
        }

        @Override
        public String visit(Statement.Munmap s) {
            return "munmap";
        }

        @Override
        public String visit(Statement.Mremap s) {
            return "mremap";
        }

        @Override
        public String visit(Statement.Mprotect s) {
            return "mprotect";
        }

        @Override
        public String visit(Statement.Madvise s) {
            return "madvise";
        }

        @Override
        public String visit(Statement.Touch s) {
            return "touch";
        }

        @Override
        public String visit(Statement.Read s) {
            return "read";
        }

        @Override
        public String visit(Statement.Write s) {
            return "write";
        }

        @Override
        public String visit(Statement.Fork s) {
            return "fork";
        }

        @Override
        public String visit(Statement.Exit s) {
            return "exit";
        }

        @Override
        public String visit(Statement.Pin s) {
            return "pin";
        }

        @Override
        public String visit(Statement.Unpin s) {
            return "unpin";
        }

        @Override
        public String visit(Statement.Repeat s) {
            return "repeat";
        }

        @Override
        public String visit(Statement.Show s) {
            return "show";
        }

        @Override
        public String visit(Statement.Expect s) {
            return "expect";
        }
    };
}
