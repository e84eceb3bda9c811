package dev.cowpte.lsp.services;

import java.util.Map;

/** Reads a statement's work counters ({@link dev.cowpte.mm.Work}'s names) for the editor's features. */
final class WorkCounters {
    private WorkCounters() {
    }

    /** A work counter by its user-facing name, 0 when absent. */
    static long get(Map<String, Long> work, String name) {
        Long v = work.get(name);
        return v == null ? 0 : v;
    }
}
