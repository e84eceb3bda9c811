package dev.cowpte.lsp.services;

import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Work;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;

/**
 * What one fork cost under one policy: tables allocated, per-page updates and the page-table
 * memory it added; or why it could not be told.
 */
record ForkCost(String policy, long tablesAllocated, long pageUpdates, long pageTableBytes, String problem) {

    static ForkCost of(String policy, StatementRecord fork) {
        long allocated = WorkCounters.get(fork.work(), Work.TABLES_ALLOCATED);
        long freed = WorkCounters.get(fork.work(), Work.TABLES_FREED);
        return new ForkCost(policy, allocated, WorkCounters.get(fork.work(), Work.PAGE_UPDATES),
                (allocated - freed) * Geometry.PAGE_SIZE, null);
    }

    static ForkCost failed(String policy, String problem) {
        return new ForkCost(policy, 0, 0, 0, problem);
    }

    /** {@code classic: +2.0 MiB tables (515 allocated), 262144 per-page updates}. */
    String title() {
        if (problem != null) {
            return policy + ": " + problem;
        }
        return policy + ": " + KernelWords.signedSize(pageTableBytes) + " tables (" + tablesAllocated
                + " allocated), " + dev.cowpte.words.Amounts.count(pageUpdates, "per-page update");
    }
}
