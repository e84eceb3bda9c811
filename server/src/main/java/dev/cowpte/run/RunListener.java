package dev.cowpte.run;

import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import java.util.List;

/** Watches a run from outside, e.g. to gather a comparison's per-process numbers or a report's drawings. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** After every executed statement, repeat iterations included. */
    default void afterStatement(Machine machine, List<Mm> alive) {
    }

    /**
     * Just before a statement (not a {@code repeat} itself) runs, once the machine exists.
     *
     * @param detailed whether this run of the statement is the one its record keeps: outside a
     *                 repeat, or in a repeat's last iteration
     * @param named    the live processes the statement names (a fork's parent, the process of
     *                 an access, exit, mmap, munmap, ...), repeat variables expanded; empty when
     *                 it names none or the name does not stand for a live process
     */
    default void beforeStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive,
                                 List<Mm> named) {
    }

    /**
     * After every executed statement (not a {@code repeat} itself), repeat iterations included;
     * by default calls {@link #afterStatement(Machine, List)}.
     *
     * @param detailed as for {@link #beforeStatement}
     */
    default void afterStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive) {
        afterStatement(machine, alive);
    }

    /** Just before a process exits or is killed by SIGSEGV (then after the kill). */
    default void beforeExit(Machine machine, Mm mm) {
    }

    /**
     * A system call or access the statement makes: before the simulator makes it when it can
     * fault (and so before it may throw), after it when it creates a process or mapping.
     */
    default void call(MmCall call) {
    }

    /** Once, before the first statement: the interpreter, to question from inside later callbacks. */
    default void started(RunContext context) {
    }

    /**
     * Just before any statement runs, {@code repeat} and those before the first process included
     * (the machine may not exist yet); before {@link #beforeStatement}.
     */
    default void beforeEach(Statement statement) {
    }

    /** After any statement ran (a {@code repeat} after its last iteration), after every other callback for it. */
    default void afterEach(Statement statement) {
    }

    /** At the start of each iteration of a {@code repeat}, its variable (if any) bound to {@code iteration}. */
    default void iteration(Statement.Repeat repeat, long iteration) {
    }

    /**
     * A statement went wrong: {@code code} is the diagnostic's ({@code segv}, {@code out-of-memory},
     * {@code mm-error}, ...); called before {@link #afterStatement(Statement, boolean, Machine, List)}.
     */
    default void failed(Statement statement, DiagnosticCode code, String message) {
    }

    /** After an {@code expect} (not {@code segv}) was evaluated: what it measured and its verdict. */
    default void expectation(Statement.Expect statement, Probe probe, ExpectationOutcome outcome) {
    }

    /** Every listener of {@code listeners}, called in order for every callback. */
    static RunListener all(RunListener... listeners) {
        List<RunListener> ls = List.of(listeners);
        return new RunListener() {
            @Override
            public void beforeStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive,
                                        List<Mm> named) {
                ls.forEach(l -> l.beforeStatement(statement, detailed, machine, alive, named));
            }

            @Override
            public void afterStatement(Statement statement, boolean detailed, Machine machine, List<Mm> alive) {
                ls.forEach(l -> l.afterStatement(statement, detailed, machine, alive));
            }

            @Override
            public void beforeExit(Machine machine, Mm mm) {
                ls.forEach(l -> l.beforeExit(machine, mm));
            }

            @Override
            public void call(MmCall call) {
                ls.forEach(l -> l.call(call));
            }

            @Override
            public void started(RunContext context) {
                ls.forEach(l -> l.started(context));
            }

            @Override
            public void beforeEach(Statement statement) {
                ls.forEach(l -> l.beforeEach(statement));
            }

            @Override
            public void afterEach(Statement statement) {
                ls.forEach(l -> l.afterEach(statement));
            }

            @Override
            public void iteration(Statement.Repeat repeat, long iteration) {
                ls.forEach(l -> l.iteration(repeat, iteration));
            }

            @Override
            public void failed(Statement statement, DiagnosticCode code, String message) {
                ls.forEach(l -> l.failed(statement, code, message));
            }

            @Override
            public void expectation(Statement.Expect statement, Probe probe, ExpectationOutcome outcome) {
                ls.forEach(l -> l.expectation(statement, probe, outcome));
            }
        };
    }
}
