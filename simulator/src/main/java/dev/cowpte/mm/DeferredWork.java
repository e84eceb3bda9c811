package dev.cowpte.mm;

import java.util.List;

/**
 * Work a fork left for later in one or more address spaces, kept by the policy that deferred it
 * (async-fork's PTE tables still to copy to the child). The policy creates it inside its fork
 * and attaches it to every mm it concerns ({@link Mm#attach}); it detaches itself once the work
 * is done. The machine knows no policy by name: at each point below it calls every piece of work
 * attached to the mm it acts on, which does there whatever its design must do first. A hook
 * does nothing unless the policy says otherwise.
 *
 * <p>The order, for one statement of mm: {@link #beforeStatement}, then {@link #beforeFork},
 * {@link #beforeExit} or {@link #beforeVmaChange} when the statement is one of those, then the
 * statement itself. Faults in a table a policy write-protected go to that policy's
 * {@link ForkPolicy#breakCowPte}, as for any shared table.
 */
abstract class DeferredWork {
    private final ForkPolicy policy;

    DeferredWork(ForkPolicy policy) {
        this.policy = policy;
    }

    /** The policy whose fork deferred this work. */
    final ForkPolicy policy() {
        return policy;
    }

    /** Before every statement whose acting process is mm: an access, a pin, a system call, its fork, its exit. */
    void beforeStatement(Machine m, Mm mm) {
    }

    /**
     * Before mm changes its vmas over [start, end): mmap (the new range), munmap, mprotect and
     * madvise (the range they act on). Called once the range is checked, before anything changes.
     */
    void beforeVmaChange(Machine m, Mm mm, long start, long end) {
    }

    /** Before mm forks (every vma of mm is copied or shared next). */
    void beforeFork(Machine m, Mm parent) {
    }

    /**
     * parent's fork of child ran out of memory: what this fork deferred goes back to parent before
     * the half-made child is torn down.
     */
    void forkFailed(Machine m, Mm parent, Mm child) {
    }

    /** Before mm exits (every vma of mm goes next). */
    void beforeExit(Machine m, Mm mm) {
    }

    /**
     * The PTE table whose entries mm will get for {@code addr} once this work is done, or null:
     * what a load by mm at {@code addr} reads until then, and what a walk of mm says is pending.
     */
    PageTable tableFor(Mm mm, long addr) {
        return null;
    }

    /** The PTE tables this work still owes, counted in each mm it concerns. */
    int pendingTables(Mm mm) {
        return 0;
    }

    /** Adds a line to {@code violations} for each invariant of the design that this work breaks in mm. */
    void check(Mm mm, List<String> violations) {
    }
}
