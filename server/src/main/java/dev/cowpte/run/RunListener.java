package dev.cowpte.run;

import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import java.util.List;

/** Watches a run from outside, e.g. to gather a comparison's per-process numbers. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** After every executed statement, repeat iterations included. */
    default void afterStatement(Machine machine, List<Mm> alive) {
    }

    /** Just before a process exits or is killed by SIGSEGV (then after the kill). */
    default void beforeExit(Machine machine, Mm mm) {
    }
}
