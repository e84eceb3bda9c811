package dev.cowpte.report;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.PageTableTree;
import dev.cowpte.mm.Work;
import dev.cowpte.run.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one policy's run for a report: the timeline after every statement, and the page-table
 * trees of the live processes around every fork, write, exit and other statement that can share,
 * copy or drop a table. Statements in a repeat are drawn for the last iteration only, and at most
 * {@link #MAX_DRAWINGS} statements are drawn, so a 32 GiB scenario costs a few trees.
 */
final class ReportRecorder implements RunListener {
    static final int MAX_DRAWINGS = 24;
    static final int MAX_PROCESSES_DRAWN = 40;

    private final String policy;
    private final String source;
    private final Timeline timeline = new Timeline();
    private final List<Drawing> drawings = new ArrayList<>();
    private int notDrawn;
    private long step;
    /** The repeats being run, outermost first, and the iteration each is in. */
    private final List<Statement.Repeat> open = new ArrayList<>();
    private List<Timeline.Iteration> iterations = List.of();

    private Statement pending;
    private Map<String, PageTableTree> before;
    private List<String> aliveBefore;
    private long firstNewId;
    private Work workBefore;

    ReportRecorder(String policy, String source) {
        this.policy = policy;
        this.source = source == null ? "" : source;
    }

    /** Statements whose drawing tells something about sharing: they can share, copy, reuse or drop tables. */
    static boolean drawn(Statement s) {
        return s.accept(DRAWN);
    }

    private static final Statement.Visitor<Boolean> DRAWN = new Statement.Visitor<>() {
        @Override
        public Boolean visit(Statement.ScenarioTitle s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Policy s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineMemory s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineLevels s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachinePtReclaim s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineFaultAround s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineThp s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineSeed s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineHugetlb s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.MachineKernel s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Process s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.File s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Mmap s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Munmap s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Mremap s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Mprotect s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Madvise s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Touch s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Read s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Write s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Fork s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Exit s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Pin s) {
            return true;
        }

        @Override
        public Boolean visit(Statement.Unpin s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Repeat s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Show s) {
            return false;
        }

        @Override
        public Boolean visit(Statement.Expect s) {
            return false;
        }
    };

    @Override
    public void beforeStatement(Statement s, boolean detailed, Machine machine, List<Mm> alive, List<Mm> named) {
        pending = null;
        if (!detailed || !drawn(s)) {
            return;
        }
        if (drawings.size() >= MAX_DRAWINGS) {
            notDrawn++;
            return;
        }
        pending = s;
        workBefore = machine.work();
        // table ids are handed out in order from 1, one per allocation: every id from here on is new
        firstNewId = 1 + workBefore.tablesAllocated();
        before = new LinkedHashMap<>();
        aliveBefore = new ArrayList<>();
        for (Mm mm : alive) {
            aliveBefore.add(mm.comm());
        }
        // only the named process can gain or lose tables of its own; what others see change (a
        // shared table's refcount) is read from the named process's tree, so a fork among 17
        // processes of 32 GiB takes one tree before, not 17
        for (Mm mm : named) {
            before.put(mm.comm(), machine.inspector().tree(mm));
        }
    }

    @Override
    public void afterStatement(Statement s, boolean detailed, Machine machine, List<Mm> alive) {
        step++;
        String text = textOf(s);
        Map<String, long[]> procs = new LinkedHashMap<>();
        for (Mm mm : alive) {
            procs.put(mm.comm(), new long[] {mm.pgtablesBytes(), mm.rss() * Geometry.PAGE_SIZE});
        }
        timeline.add(step, s.range().line(), text, iterations, machine.pageTablesBytes(),
                machine.dataPages() * Geometry.PAGE_SIZE, procs);
        if (pending == s) {
            pending = null;
            drawings.add(TreeChanges.drawing(policy, step, s, text, machine, alive, before, aliveBefore, firstNewId,
                    machine.work().since(workBefore)));
            before = null;
        }
    }

    @Override
    public void iteration(Statement.Repeat repeat, long iteration) {
        int at = open.size() - 1;
        while (at >= 0 && open.get(at) != repeat) {
            at--;
        }
        if (at < 0) {
            open.add(repeat);
            at = open.size() - 1;
        }
        List<Timeline.Iteration> now = new ArrayList<>(iterations.subList(0, Math.min(at, iterations.size())));
        now.add(new Timeline.Iteration(repeat.range().line(), repeat.variable(), iteration, repeat.count()));
        iterations = List.copyOf(now);
    }

    @Override
    public void afterEach(Statement s) {
        if (s.isBlock() && !open.isEmpty() && open.get(open.size() - 1) == s) {
            open.remove(open.size() - 1);
            iterations = List.copyOf(iterations.subList(0, Math.min(open.size(), iterations.size())));
        }
    }

    Timeline timeline() {
        return timeline;
    }

    List<Drawing> drawings() {
        return drawings;
    }

    /** Statements that would have been drawn past {@link #MAX_DRAWINGS}. */
    int notDrawn() {
        return notDrawn;
    }

    private String textOf(Statement s) {
        int from = Math.max(0, Math.min(s.range().startOffset(), source.length()));
        int to = Math.max(from, Math.min(s.range().endOffset(), source.length()));
        String t = source.substring(from, to);
        int nl = t.indexOf('\n');
        return (nl >= 0 ? t.substring(0, nl) : t).strip();
    }
}
