package dev.cowpte.lsp.services;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import dev.cowpte.mm.Work;
import dev.cowpte.run.Outcome;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements of a run that explain another one: the fork that made a process's PTE tables shared
 * (or copied them), the exit or SIGSEGV after which a process can not be used.
 */
final class RelatedStatements {
    /** A statement above another and why it matters to it. */
    record Related(Statement statement, String message) {
    }

    /** The run, or null when only the text is known. */
    private final RunView view;
    private final List<Statement> flat = new ArrayList<>();

    RelatedStatements(RunView view) {
        this(view.statements(), view);
    }

    /** Over a text's statements, with the run that ran them, or null. */
    RelatedStatements(List<Statement> statements, RunView view) {
        this.view = view;
        flatten(statements, flat);
    }

    private static void flatten(List<Statement> statements, List<Statement> out) {
        for (Statement s : statements) {
            out.add(s);
            flatten(s.children(), out);
        }
    }

    /** Every statement of the run's text, repeat bodies included, in text order. */
    List<Statement> all() {
        return flat;
    }

    /**
     * For an expectation about a process's tables, pages or counters: the last fork above it that
     * the process took part in (as parent or child), with what it did to the PTE tables.
     */
    Optional<Related> forkBefore(Statement.Expect e) {
        List<String> processes = processesOf(e.expectation());
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        Statement.Fork found = null;
        for (Statement s : flat) {
            if (s.range().startOffset() >= e.range().startOffset()) {
                break;
            }
            if (s instanceof Statement.Fork f && ran(f) && (names(f.parent(), processes) || names(f.child(), processes))) {
                found = f;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        StatementRecord rec = view.record(found).orElseThrow();
        return Optional.of(new Related(found, forkMessage(found, rec)));
    }

    static String forkMessage(Statement.Fork f, StatementRecord rec) {
        long shared = WorkCounters.get(rec.work(), Work.TABLES_SHARED);
        long allocated = WorkCounters.get(rec.work(), Work.TABLES_ALLOCATED);
        String what = shared > 0
                ? KernelWords.count(shared, "PTE table") + " shared with " + f.child().text()
                + " (refcount +1, pmd entries write-protected)"
                : KernelWords.count(allocated, "table") + " allocated for " + f.child().text() + ", no PTE table shared";
        return "fork " + f.parent().text() + " -> " + f.child().text()
                + (rec.note() == null ? "" : " (" + rec.note() + ")") + ": " + what;
    }

    /** For a use of a process that is gone: the statement that ended it (exit, or the access that was killed). */
    Optional<Related> endOf(String process, int before) {
        Related found = null;
        for (Statement s : flat) {
            if (s.range().startOffset() >= before) {
                break;
            }
            if (s instanceof Statement.Exit x && x.process() != null && sameProcess(x.process().text(), process)
                    && (view == null || ran(x))) {
                found = new Related(s, "process " + process + " exited here");
            }
            Optional<StatementRecord> rec = view == null ? Optional.empty() : view.record(s);
            if (rec.isPresent() && rec.get().errorCode() == DiagnosticCode.SEGV && namesProcess(s, process)) {
                found = new Related(s, "process " + process + " was killed by SIGSEGV here");
            }
            Statement.Expect segv = Statements.expectSegv(s);
            if (segv != null && namesProcess(Statements.segvAccess(segv.expectation()), process)
                    && (view == null || (rec.isPresent() && rec.get().passedCount() > 0))) {
                found = new Related(s, "process " + process + " was killed by SIGSEGV here, as expected");
            }
        }
        return Optional.ofNullable(found);
    }

    private boolean ran(Statement s) {
        return view.record(s).map(r -> r.executions() > 0 && r.outcome() != Outcome.ERROR).orElse(false);
    }

    private static boolean names(Name n, List<String> processes) {
        return n != null && processes.stream().anyMatch(p -> sameProcess(n.text(), p));
    }

    private static boolean namesProcess(Statement s, String process) {
        Name n = Statements.subject(s);
        return n != null && sameProcess(n.text(), process);
    }

    /** Whether two written process names can name the same process ({@code worker{i}} and {@code worker3}). */
    static boolean sameProcess(String a, String b) {
        return a.equals(b) || instanceOf(a, b) || instanceOf(b, a);
    }

    private static boolean instanceOf(String template, String concrete) {
        return NameTemplate.of(template).match(concrete) != null;
    }

    /** The processes an expectation is about, when it is about a process's tables, pages or counters. */
    static List<String> processesOf(Expectation x) {
        return x.accept(PROCESSES);
    }

    /** Not {@code value} (a value says nothing of tables), nor {@code memory} and {@code segv} (no process's state). */
    private static final Expectation.Visitor<List<String>> PROCESSES = new Expectation.Visitor<>() {
        @Override
        public List<String> visit(Expectation.PageTables x) {
            return x.process() == null ? List.of() : List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Tables x) {
            return x.process() == null ? List.of() : List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Rss x) {
            return List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Memory x) {
            return List.of();
        }

        @Override
        public List<String> visit(Expectation.Refcount x) {
            return List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Mapcount x) {
            return List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Value x) {
            return List.of();
        }

        @Override
        public List<String> visit(Expectation.Faults x) {
            return x.process() == null ? List.of() : List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Shared x) {
            return List.of(x.process().text(), x.other().text());
        }

        @Override
        public List<String> visit(Expectation.Private x) {
            return List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Thp x) {
            return x.process() == null ? List.of() : List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Hugetlb x) {
            return x.process() == null ? List.of() : List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Mthp x) {
            return List.of();
        }

        @Override
        public List<String> visit(Expectation.Huge x) {
            return List.of(x.process().text());
        }

        @Override
        public List<String> visit(Expectation.Segv x) {
            return List.of();
        }
    };
}
