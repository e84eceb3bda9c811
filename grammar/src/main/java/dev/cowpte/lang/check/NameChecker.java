package dev.cowpte.lang.check;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.DiagnosticData;
import dev.cowpte.lang.DiagnosticList;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows processes and their regions through the scenario before it runs: each name must be
 * declared before use ({@code process P}, {@code fork X -> P}, {@code mmap P R}), never twice,
 * and never used after {@code exit P} (or a fatal {@code expect segv}); regions are inherited by
 * fork, and a region's name keeps naming its pages after a munmap or a fork that did not copy
 * them (dontfork): only {@code expect segv} may touch them there (LANGUAGE.md 1.1).
 *
 * <p>A repeat body is followed twice: once for the first iteration (variable 0) and once for all
 * the others together (1..N-1), so a name declared again in the next iteration is caught while
 * {@code worker{i}} stays one family of names. Inside that second pass nested repeats are followed
 * once, over all their values, which keeps the work linear in nesting depth.
 */
final class NameChecker {
    private final DiagnosticList diagnostics;
    private final RegionBounds bounds;
    private final int levels;
    private final NameTable<ProcessState> processes = new NameTable<>();
    private final Map<String, NameSet.Span> variables = new LinkedHashMap<>();
    private final NameRecorder recorder = new NameRecorder();
    /** Inside {@code expect segv}: an access to pages a process no longer maps is what is expected. */
    private boolean inSegv;
    /** The statement being checked, and the top-level one it is part of (a whole repeat): where fixes go. */
    private Statement current;
    private Statement outermost;

    NameChecker(DiagnosticList diagnostics, int levels) {
        this.diagnostics = diagnostics;
        this.bounds = new RegionBounds(diagnostics);
        this.levels = levels;
    }

    /** Checks the statements and returns the names as resolved. */
    Names check(List<Statement> statements) {
        recorder.collect(statements);
        walk(statements, false);
        return recorder.names();
    }

    /** {@code singlePass}: inside a repeat's later iterations, whose scopes are not written down. */
    private void walk(List<Statement> statements, boolean singlePass) {
        for (Statement statement : statements) {
            if (repeats == 0) {
                outermost = statement;
            }
            statement(statement, singlePass);
            if (!singlePass) {
                recorder.scope(statement.range().endOffset(), variables, processes);
            }
        }
    }

    private void statement(Statement statement, boolean singlePass) {
        Statement outer = current;
        current = statement;
        try {
            checkStatement(statement, singlePass);
        } finally {
            current = outer;
        }
    }

    private void checkStatement(Statement statement, boolean singlePass) {
        statement.accept(new Check(singlePass));
    }

    /** What each kind of statement does to the processes and regions followed; {@code singlePass} as in walk. */
    private final class Check implements Statement.Visitor<Void> {
        private final boolean singlePass;

        Check(boolean singlePass) {
            this.singlePass = singlePass;
        }

        @Override
        public Void visit(Statement.ScenarioTitle s) {
            return null;
        }

        @Override
        public Void visit(Statement.Policy s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public Void visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public Void visit(Statement.Process s) {
            declareProcess(s.name(), new ProcessState());
            return null;
        }

        @Override
        public Void visit(Statement.Mmap s) {
            mmap(s);
            return null;
        }

        @Override
        public Void visit(Statement.File s) {
            declareFile(s);
            return null;
        }

        @Override
        public Void visit(Statement.Munmap s) {
            String why = "was unmapped at line " + s.range().line();
            for (ProcessState process : changing(s.process())) {
                for (RegionState region : changingRegions(s.process(), process, s.target(), true)) {
                    long[] pages = pages(s.target(), region);
                    if (pages != null) {
                        region.unmap(pages[0], pages[1], why);
                    }
                }
            }
            return null;
        }

        @Override
        public Void visit(Statement.Mremap s) {
            mremap(s);
            return null;
        }

        @Override
        public Void visit(Statement.Mprotect s) {
            for (ProcessState process : changing(s.process())) {
                if (s.target() instanceof Address.InRegion) {
                    // any mprotect of a region leaves it no longer surely read-only everywhere
                    changingRegions(s.process(), process, s.target(), false).forEach(r -> r.readonlyAt = null);
                } else if (checkAddress(s.process(), process, s.target(), false, false)) {
                    // an address may fall in any region: none of them is surely read-only any more
                    process.regions.entries().forEach(e -> e.state.readonlyAt = null);
                }
            }
            return null;
        }

        @Override
        public Void visit(Statement.Madvise s) {
            boolean dontfork = s.advice() == Statement.Advice.DONTFORK;
            for (ProcessState process : changing(s.process())) {
                for (RegionState region : changingRegions(s.process(), process, s.target(), false)) {
                    long[] pages = pages(s.target(), region);
                    if (pages != null && (dontfork || s.advice() == Statement.Advice.DOFORK)) {
                        region.dontfork(pages[0], pages[1], dontfork);
                    }
                }
            }
            return null;
        }

        @Override
        public Void visit(Statement.Touch s) {
            access(s.process(), s.target());
            return null;
        }

        @Override
        public Void visit(Statement.Read s) {
            addressAccess(s.process(), s.target());
            readOfRegion(s);
            return null;
        }

        @Override
        public Void visit(Statement.Write s) {
            if (access(s.process(), s.target())) {
                readonlyWrite(s);
            }
            return null;
        }

        @Override
        public Void visit(Statement.Fork s) {
            fork(s);
            return null;
        }

        @Override
        public Void visit(Statement.Exit s) {
            for (ProcessState process : changing(s.process())) {
                process.endedAt = s.range();
            }
            return null;
        }

        @Override
        public Void visit(Statement.Pin s) {
            access(s.process(), s.target());
            return null;
        }

        @Override
        public Void visit(Statement.Unpin s) {
            access(s.process(), s.target());
            return null;
        }

        @Override
        public Void visit(Statement.Repeat s) {
            repeat(s, singlePass);
            return null;
        }

        @Override
        public Void visit(Statement.Show s) {
            if (s.process() != null) {
                addressAccess(s.process(), s.address());
            }
            return null;
        }

        @Override
        public Void visit(Statement.Expect s) {
            expectation(s.expectation(), singlePass);
            return null;
        }
    }

    private void repeat(Statement.Repeat repeat, boolean singlePass) {
        if (repeat.count() <= 0) {
            return;
        }
        repeats++;
        try {
            repeatBody(repeat, singlePass);
        } finally {
            repeats--;
        }
    }

    /** How many repeats enclose the statement being checked: inside one, regions are not placed ahead of the run. */
    private int repeats;

    private void repeatBody(Statement.Repeat repeat, boolean singlePass) {
        String variable = repeat.variable();
        NameSet.Span outer = variable == null ? null : variables.get(variable);
        if (singlePass) {
            bind(variable, new NameSet.Span(0, repeat.count() - 1));
            walk(repeat.body(), true);
        } else {
            bind(variable, new NameSet.Span(0, 0));
            recorder.scope(repeat.range().startOffset() + 1, variables, processes);
            walk(repeat.body(), false);
            if (repeat.count() >= 2) {
                bind(variable, new NameSet.Span(1, repeat.count() - 1));
                walk(repeat.body(), true);
            }
        }
        if (variable != null) {
            recorder.changed();
            if (outer == null) {
                variables.remove(variable);
            } else {
                variables.put(variable, outer);
            }
        }
    }

    private void bind(String variable, NameSet.Span span) {
        if (variable != null) {
            recorder.changed();
            variables.put(variable, span);
        }
    }

    private void expectation(Expectation expectation, boolean singlePass) {
        boolean outerExpectation = inExpectation;
        inExpectation = true;
        try {
            expectationNames(expectation, singlePass);
        } finally {
            inExpectation = outerExpectation;
        }
    }

    /** Inside an expectation about state (not {@code expect segv}): its fix for an unmapped page differs. */
    private boolean inExpectation;

    private void expectationNames(Expectation expectation, boolean singlePass) {
        expectation.accept(new CheckExpectation(singlePass));
    }

    /** The processes and addresses each kind of expectation reads; {@code singlePass} as in walk. */
    private final class CheckExpectation implements Expectation.Visitor<Void> {
        private final boolean singlePass;

        CheckExpectation(boolean singlePass) {
            this.singlePass = singlePass;
        }

        @Override
        public Void visit(Expectation.PageTables e) {
            optionalProcess(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Tables e) {
            optionalProcess(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Rss e) {
            living(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Memory s) {
            return null;
        }

        @Override
        public Void visit(Expectation.Refcount e) {
            addressAccess(e.process(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Mapcount e) {
            addressAccess(e.process(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Value e) {
            addressAccess(e.process(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Faults e) {
            optionalProcess(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Shared e) {
            addressAccess(e.process(), e.address());
            addressAccess(e.other(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Private e) {
            addressAccess(e.process(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Thp e) {
            optionalProcess(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Hugetlb e) {
            optionalProcess(e.process());
            return null;
        }

        @Override
        public Void visit(Expectation.Mthp e) {
            return null;
        }

        @Override
        public Void visit(Expectation.Huge e) {
            addressAccess(e.process(), e.address());
            return null;
        }

        @Override
        public Void visit(Expectation.Segv e) {
            inExpectation = false;
            boolean outer = inSegv;
            inSegv = true;
            try {
                statement(e.access(), singlePass);
            } finally {
                inSegv = outer;
            }
            Name victim = Statements.faultingProcess(e.access());
            if (victim != null) {
                for (ProcessState process : changing(victim)) {
                    process.endedAt = e.range();
                    process.killed = true;
                }
            }
            return null;
        }
    }

    private void optionalProcess(Name process) {
        if (process != null) {
            living(process);
        }
    }

    // ---- processes

    private void declareProcess(Name name, ProcessState state) {
        NameSet names = NameSet.of(name.template(), variables);
        if (names == null) {
            return;
        }
        NameTable.Entry<ProcessState> existing = processes.findOverlapping(names);
        if (existing != null) {
            String common = names.isSingle() ? names.single() : names.firstCommon(existing.names);
            String shown = common == null ? name.text() : common;
            if (existing.state.endedAt != null) {
                diagnostics.report(name.range(), DiagnosticCode.EXITED_PROCESS,
                        NameMessages.nameOfAGoneProcess(shown, ended(existing.state)));
            } else {
                boolean sameStatement = existing.declaredAt.equals(name.range());
                diagnostics.report(name.range(), DiagnosticCode.DUPLICATE_PROCESS, sameStatement
                        ? NameMessages.processDeclaredByAnEarlierIteration(shown, name.text())
                        : NameMessages.processAlreadyDeclared(shown, existing.declaredAt.line()));
            }
            return;
        }
        processes.declare(names, state, name.range());
        recorder.declared(Names.Kind.PROCESS, name);
    }

    private static String ended(ProcessState state) {
        return (state.killed ? "was killed by the segmentation fault expected at line " : "exited at line ")
                + state.endedAt.line();
    }

    /** The states of a living process named {@code name}, reporting why there is none. */
    private List<ProcessState> living(Name name) {
        List<NameTable.Entry<ProcessState>> entries = resolveLiving(name);
        List<ProcessState> states = new ArrayList<>();
        if (entries != null) {
            entries.forEach(entry -> states.add(entry.state));
        }
        return states;
    }

    /** As {@link #living}, split off from its family if needed, to be changed. */
    private List<ProcessState> changing(Name name) {
        if (resolveLiving(name) == null) {
            return List.of();
        }
        recorder.changed();
        return processes.forChange(NameSet.of(name.template(), variables), name.range(), ProcessState::copy);
    }

    private List<NameTable.Entry<ProcessState>> resolveLiving(Name name) {
        NameSet names = NameSet.of(name.template(), variables);
        if (names == null) {
            return null;
        }
        String[] missing = new String[1];
        List<NameTable.Entry<ProcessState>> entries = processes.resolve(names, missing);
        if (entries == null) {
            String which = missing[0].equals(name.text()) ? "'" + name.text() + "'"
                    : "'" + missing[0] + "' (" + name.text() + ")";
            String suggestion = dev.cowpte.lang.syntax.Suggestions.closest(missing[0], singleNames(processes,
                    p -> p.endedAt == null));
            boolean plain = missing[0].equals(name.text());
            List<DiagnosticData> fixes = new ArrayList<>();
            if (plain && suggestion != null) {
                fixes.add(new DiagnosticData.Meant(suggestion, name.range()));
            }
            if (plain) {
                fixes.add(new DiagnosticData.DeclareProcess(name.text(), outermost.range()));
            }
            diagnostics.report(name.range(), DiagnosticCode.UNDECLARED_PROCESS, "process " + which + " is not declared"
                    + (suggestion != null && plain
                        ? " (did you mean '" + suggestion + "'?)"
                        : "; declare it first with 'process " + missing[0] + "' or 'fork P -> " + missing[0] + "'"),
                    fixes.toArray(DiagnosticData[]::new));
            return null;
        }
        recorder.resolved(Names.Kind.PROCESS, name, entries);
        for (NameTable.Entry<ProcessState> entry : entries) {
            if (entry.state.endedAt != null) {
                diagnostics.report(name.range(), DiagnosticCode.EXITED_PROCESS,
                        NameMessages.processGone(name.text(), ended(entry.state)));
                return null;
            }
        }
        return entries;
    }

    /** The plain names (not families) of a table whose state passes {@code keep}: the candidates of "did you mean". */
    private static <S> List<String> singleNames(NameTable<S> table, java.util.function.Predicate<S> keep) {
        List<String> names = new ArrayList<>();
        for (NameTable.Entry<S> entry : table.entries()) {
            if (entry.names.isSingle() && keep.test(entry.state)) {
                names.add(entry.names.single());
            }
        }
        return names;
    }

    private void fork(Statement.Fork fork) {
        List<ProcessState> parents = living(fork.parent());
        if (parents.isEmpty()) {
            NameSet child = NameSet.of(fork.child().template(), variables);
            if (child != null && processes.findOverlapping(child) == null) {
                processes.declare(child, new ProcessState(), fork.child().range());
                recorder.declared(Names.Kind.PROCESS, fork.child());
            }
            return;
        }
        ProcessState child = parents.get(0).copy();
        child.endedAt = null;
        child.killed = false;
        child.parent = fork.parent().text();
        String why = "was not copied by the fork at line " + fork.range().line() + " (dontfork)";
        for (NameTable.Entry<RegionState> region : child.regions.entries()) {
            region.state = region.state.forked(why);
        }
        declareProcess(fork.child(), child);
    }

    // ---- regions

    /** Files by name: their own namespace, declared once, never removed. */
    private final java.util.Map<String, Statement.File> files = new java.util.HashMap<>();

    private void declareFile(Statement.File file) {
        Statement.File earlier = files.get(file.name().text());
        if (earlier != null) {
            boolean sameStatement = earlier.range().equals(file.range());
            diagnostics.report(file.name().range(), DiagnosticCode.DUPLICATE_FILE, sameStatement
                    ? "file " + file.name().text() + " is declared again by each iteration of the repeat"
                    : "file " + file.name().text() + " is already declared at line " + earlier.range().line());
            return;
        }
        files.put(file.name().text(), file);
        recorder.declared(Names.Kind.FILE, file.name());
    }

    /** The file an mmap maps must be declared before, and as large as the mapping. */
    private void mappedFile(Statement.Mmap mmap) {
        Name name = mmap.file();
        Statement.File file = files.get(name.text());
        if (file == null) {
            diagnostics.report(name.range(), DiagnosticCode.UNDECLARED_FILE, "file " + name.text()
                    + " is not declared; declare it before with 'file " + name.text() + " SIZE'");
            return;
        }
        recorder.resolvedFile(name, file.name().range());
        long mapped = bytes(mmap.size());
        long size = bytes(file.size());
        if (mapped > size) {
            diagnostics.report(mmap.size().range(), DiagnosticCode.PAST_END_OF_FILE, "the mapping of "
                    + Limits.formatBytes(mapped) + " is larger than file " + name.text() + " ("
                    + Limits.formatBytes(size) + ", line " + file.range().line()
                    + "): an access past its end would be SIGBUS");
        }
    }

    private static long bytes(dev.cowpte.lang.ast.Quantity q) {
        return q.bytes() ? q.value() : RegionBounds.pagesToBytes(q.value());
    }

    /**
     * {@code mremap P R SIZE [at ADDR]}: R must be mapped whole in P (one mapping: the kernel
     * refuses a range over several with EFAULT); afterwards R names the new range, at ADDR, at its
     * old start when it shrank, else where the run puts it. SIZE and ADDR are checked as mmap's.
     */
    private void mremap(Statement.Mremap s) {
        Statement.Mmap as = new Statement.Mmap(s.process(), s.region(), s.size(), s.at(), java.util.List.of(),
                s.range());
        boolean valid = bounds.checkMapping(as, levels);
        Address whole = new Address.InRegion(s.region(), null, null, false, s.region().range());
        for (ProcessState process : changing(s.process())) {
            for (RegionState region : changingRegions(s.process(), process, whole, false)) {
                if (!valid) {
                    continue;
                }
                long newBytes = bytes(s.size());
                if (s.at() != null) {
                    RegionState moved = new RegionState(newBytes, s.at(), false, s.range());
                    bounds.checkOverlap(as, moved, process, region);
                }
                Long start = s.at() != null ? s.at() : newBytes <= region.sizeBytes ? region.start() : null;
                region.resized(newBytes, start);
                recorder.changed();
            }
        }
    }

    private void mmap(Statement.Mmap mmap) {
        if (mmap.file() != null) {
            mappedFile(mmap);
        }
        boolean valid = bounds.checkMapping(mmap, levels);
        NameSet region = NameSet.of(mmap.region().template(), variables);
        for (ProcessState process : changing(mmap.process())) {
            if (region == null) {
                continue;
            }
            NameTable.Entry<RegionState> existing = process.regions.findOverlapping(region);
            if (existing != null && existing.state.whollyGone() && region.covers(existing.names)) {
                // Nothing of the old region is mapped any more: its name may be given again.
                process.regions.remove(existing.names);
                existing = null;
            }
            if (existing != null) {
                boolean sameStatement = existing.declaredAt.equals(mmap.region().range());
                diagnostics.report(mmap.region().range(), DiagnosticCode.DUPLICATE_REGION, sameStatement
                        ? NameMessages.regionMappedByAnEarlierIteration(mmap.region().text(), mmap.process().text())
                        : NameMessages.regionAlreadyMapped(mmap.region().text(), mmap.process().text(),
                        existing.declaredAt.line()));
                continue;
            }
            long bytes = mmap.size().bytes() ? mmap.size().value() : RegionBounds.pagesToBytes(mmap.size().value());
            RegionState state = new RegionState(valid ? bytes : Long.MAX_VALUE, valid ? mmap.at() : null,
                    mmap.options().contains(Statement.MapOption.DONTFORK), mmap.range());
            if (mmap.options().contains(Statement.MapOption.READONLY)) {
                state.readonlyAt = mmap.range();
            }
            process.regions.declare(region, state, mmap.region().range());
            recorder.declared(Names.Kind.REGION, mmap.region());
            if (valid && state.at == null && repeats == 0 && region.isSingle()) {
                java.util.List<long[]> taken = Placement.taken(process, state);
                state.placed = taken == null ? null : Placement.topDown(taken, state.pages() * Limits.PAGE_SIZE);
            }
            bounds.checkOverlap(mmap, state, process);
        }
    }

    /** Whether a region of the process may map the address: true when one does, or one's place is not known. */
    private static boolean mapsAddress(ProcessState state, long address) {
        for (NameTable.Entry<RegionState> entry : state.regions.entries()) {
            Long start = entry.state.start();
            if (start == null) {
                return true;
            }
            for (long[] run : entry.state.mapped()) {
                if (address >= start + run[0] * Limits.PAGE_SIZE && address < start + run[1] * Limits.PAGE_SIZE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An access to the pages of a range; false when an error was reported. */
    private boolean access(Name process, Address address) {
        for (ProcessState state : living(process)) {
            if (!checkAddress(process, state, address, false, false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A write to a region mapped {@code readonly} and not mprotected since is sure to be a SIGSEGV
     * that kills the process, as a write to an unmapped page is: reported the same way, unless
     * inside {@code expect segv}.
     */
    private void readonlyWrite(Statement.Write write) {
        if (inSegv || !(write.target() instanceof Address.InRegion inRegion)) {
            return;
        }
        NameSet region = NameSet.of(inRegion.region().template(), variables);
        if (region == null) {
            return;
        }
        for (ProcessState state : living(write.process())) {
            List<NameTable.Entry<RegionState>> regions = state.regions.resolve(region, new String[1]);
            if (regions == null) {
                continue;
            }
            for (NameTable.Entry<RegionState> entry : regions) {
                SourceRange at = entry.state.readonlyAt;
                if (at != null) {
                    String p = write.process().text();
                    String r = inRegion.region().text();
                    diagnostics.report(write.range(), DiagnosticCode.READONLY_REGION,
                            "region '" + r + "' is mapped readonly in"
                            + " process '" + p + "' (line " + at.line() + "): a write there is a segmentation fault"
                            + " that kills the process (write 'expect segv' before the statement if that is what you"
                            + " mean, or 'mprotect " + p + " " + r + " readwrite' first)", meantToFault());
                    return;
                }
            }
        }
    }

    /**
     * {@code read P R} with R a bare region of more than one page loads one page (LANGUAGE.md):
     * a hint that names the statement that reads every page, {@code touch P R read}.
     */
    private void readOfRegion(Statement.Read read) {
        if (inSegv || !(read.target() instanceof Address.InRegion inRegion) || !inRegion.whole()) {
            return;
        }
        NameSet region = NameSet.of(inRegion.region().template(), variables);
        if (region == null) {
            return;
        }
        for (ProcessState state : living(read.process())) {
            List<NameTable.Entry<RegionState>> regions = state.regions.resolve(region, new String[1]);
            if (regions == null) {
                continue;
            }
            for (NameTable.Entry<RegionState> entry : regions) {
                long pages = entry.state.pages();
                if (pages > 1) {
                    String touch = "touch " + read.process().text() + " " + inRegion.region().text() + " read";
                    diagnostics.report(read.range(), DiagnosticCode.READ_OF_REGION, "read loads one page: the first"
                            + " of region '" + inRegion.region().text() + "' (" + pages + " pages); to read every"
                            + " page, write '" + touch + "'", new DiagnosticData.ReadEveryPage(touch, read.range()));
                    return;
                }
            }
        }
    }

    /** The fix of an access sure to fault: it is meant to, when the statement being checked is an access. */
    private DiagnosticData[] meantToFault() {
        return Statements.faultingProcess(current) == null ? new DiagnosticData[0]
                : new DiagnosticData[] {new DiagnosticData.ExpectSegv(current.range())};
    }

    /** An access to one address: a region's name stands for its first page, {@code buf[A..B]} for page A. */
    private void addressAccess(Name process, Address address) {
        for (ProcessState state : living(process)) {
            if (!checkAddress(process, state, address, false, true)) {
                return;
            }
        }
    }

    /** The regions an address names in a process, split off from their family to be changed; checked first. */
    private List<RegionState> changingRegions(Name process, ProcessState state, Address address, boolean goneIsFine) {
        if (!checkAddress(process, state, address, goneIsFine, false) || !(address instanceof Address.InRegion r)) {
            return List.of();
        }
        NameSet region = NameSet.of(r.region().template(), variables);
        return region == null ? List.of() : state.regions.forChange(region, r.range(), RegionState::copy);
    }

    /** Pages [from, to) that an address names in a region, a variable standing for all its values; null when unknown. */
    private long[] pages(Address address, RegionState region) {
        if (!(address instanceof Address.InRegion r)) {
            return null;
        }
        long all = region.pages();
        if (r.whole()) {
            return new long[] {0, all};
        }
        long[] from = pageSpan(r.from());
        if (from == null) {
            return null;
        }
        if (!r.isRange()) {
            return new long[] {from[0], from[1] + 1};
        }
        if (r.to() == null) {
            return new long[] {from[0], all};
        }
        long[] to = pageSpan(r.to());
        if (to == null) {
            return null;
        }
        boolean bytes = !r.to().isExpression() && r.to().bytes();
        long end = bytes ? (r.to().value() + Limits.PAGE_SIZE - 1) / Limits.PAGE_SIZE : to[1];
        return new long[] {from[0], Math.min(all, Math.max(from[0] + 1, end))};
    }

    /** The smallest and largest page a bound stands for, or null. */
    private long[] pageSpan(dev.cowpte.lang.ast.Quantity q) {
        if (q.isVariable()) {
            NameSet.Span span = variables.get(q.variable());
            return span == null ? null : new long[] {span.lo(), span.hi()};
        }
        if (q.isExpression()) {
            try {
                dev.cowpte.lang.ast.Offset.Amount amount = OffsetSpans.amount(q.expression(), variables);
                return amount == null ? null : new long[] {Math.floorDiv(amount.loBytes(), Limits.PAGE_SIZE),
                    Math.floorDiv(amount.hiBytes(), Limits.PAGE_SIZE)};
            } catch (ArithmeticException e) {
                return null;
            }
        }
        long page = q.bytes() ? q.value() / Limits.PAGE_SIZE : q.value();
        return new long[] {page, page};
    }

    /**
     * Checks that the region exists in the process, the index is inside it, and (unless
     * {@code goneIsFine} or inside {@code expect segv}) that the process still maps those pages
     * (asAddress: the first of them, the page an address stands for).
     */
    private boolean checkAddress(Name process, ProcessState state, Address address, boolean goneIsFine,
                                 boolean asAddress) {
        if (!(address instanceof Address.InRegion inRegion)) {
            return true;
        }
        NameSet region = NameSet.of(inRegion.region().template(), variables);
        if (region == null) {
            return false;
        }
        String[] missing = new String[1];
        List<NameTable.Entry<RegionState>> regions = state.regions.resolve(region, missing);
        if (regions == null) {
            SourceRange at = inRegion.region().range();
            String suggestion = dev.cowpte.lang.syntax.Suggestions.closest(missing[0], singleNames(state.regions,
                    r -> true));
            boolean plain = missing[0].equals(inRegion.region().text());
            List<DiagnosticData> fixes = new ArrayList<>();
            if (plain && suggestion != null) {
                fixes.add(new DiagnosticData.Meant(suggestion, at));
            }
            if (!process.isTemplate() && !missing[0].contains("{")) {
                fixes.add(new DiagnosticData.MapRegion(process.text(), missing[0], outermost.range()));
            }
            diagnostics.report(at, DiagnosticCode.UNDECLARED_REGION, suggestion != null && plain
                        ? "process '" + process.text() + "' has no region '" + missing[0] + "' (did you mean '"
                        + suggestion + "'?)"
                        : NameMessages.noSuchRegion(process.text(), missing[0]),
                    fixes.toArray(DiagnosticData[]::new));
            return false;
        }
        recorder.resolved(Names.Kind.REGION, inRegion.region(), regions);
        String noSet = inExpectation ? "an expectation takes one address or one range"
                : asAddress ? "this statement takes one address"
                : current instanceof Statement.Show ? "show takes one address" : null;
        if (!bounds.checkOffsets(inRegion, noSet, variables)) {
            return false;
        }
        for (NameTable.Entry<RegionState> entry : regions) {
            if (!bounds.checkIndex(inRegion, entry.state, process.text(), variables,
                    a -> mapsAddress(state, a))) {
                return false;
            }
        }
        if (goneIsFine || inSegv) {
            return true;
        }
        for (NameTable.Entry<RegionState> entry : regions) {
            long[] pages = pages(address, entry.state);
            if (pages == null) {
                continue;
            }
            if (asAddress && inRegion.whole()) {
                pages = new long[] {0, 1};
            } else if (asAddress && inRegion.isRange()) {
                long[] first = pageSpan(inRegion.from());
                pages = first == null ? pages : new long[] {first[0], first[1] + 1};
            }
            String gone = entry.state.goneIn(pages[0], pages[1]);
            if (gone != null) {
                long page = entry.state.firstGone(pages[0], pages[1]);
                String what = entry.state.whollyGone() ? "region '" + inRegion.region().text() + "'"
                        : "page " + page + " of region '" + inRegion.region().text() + "'";
                String fix = inExpectation
                        // an expectation is not an access that can fault: the segv is expected by one that is
                        ? "to expect the fault, write 'expect segv read " + process.text() + " "
                            + inRegion.region().text() + "[" + page + "]')"
                        : "write 'expect segv' before the statement if that is what you mean)";
                diagnostics.report(inRegion.range(), DiagnosticCode.UNMAPPED_REGION, what + " is no longer mapped"
                        + " in process '" + process.text() + "': it " + gone + "; an access there is a segmentation"
                        + " fault (" + fix, meantToFault());
                return false;
            }
        }
        return true;
    }
}
