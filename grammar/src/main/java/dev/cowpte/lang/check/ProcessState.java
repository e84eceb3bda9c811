package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;

/** What is known before running of one process: its regions, and whether and where it ended. */
public final class ProcessState {
    final NameTable<RegionState> regions = new NameTable<>();
    /** Where the process exited or was killed, or null while it lives. */
    SourceRange endedAt;
    boolean killed;
    /** The name of the process it was forked from, as written, or null. */
    String parent;

    ProcessState copy() {
        ProcessState copy = new ProcessState();
        for (NameTable.Entry<RegionState> entry : regions.entries()) {
            copy.regions.declare(entry.names, entry.state.copy(), entry.declaredAt);
        }
        copy.endedAt = endedAt;
        copy.killed = killed;
        copy.parent = parent;
        return copy;
    }
}
