package dev.cowpte.lang.check;

import dev.cowpte.lang.SourceRange;
import java.util.HashMap;
import java.util.Map;

/** What is known before running of one process: its regions, and whether and where it ended. */
public final class ProcessState {
    final NameTable<RegionState> regions = new NameTable<>();
    /** Why a region name is gone ("unmapped at line 9"), for messages; single names only. */
    final Map<String, String> goneRegions = new HashMap<>();
    /** Where the process exited or was killed, or null while it lives. */
    SourceRange endedAt;
    boolean killed;

    ProcessState copy() {
        ProcessState copy = new ProcessState();
        for (NameTable.Entry<RegionState> entry : regions.entries()) {
            copy.regions.declare(entry.names, entry.state.copy(), entry.declaredAt);
        }
        copy.goneRegions.putAll(goneRegions);
        copy.endedAt = endedAt;
        copy.killed = killed;
        return copy;
    }
}
