package dev.cowpte.mm;

import java.util.List;
import java.util.Map;

/**
 * A process at a glance: rss, pgtables_bytes as its policy accounts them, the tables its walks
 * reach per level (rss in its three parts: anonymous, shmem and file pages), how many of its PTE tables are shared, how many a fork left pending
 * (async-fork: tables this process owes its child, or, in the child, tables still to copy), its
 * faults and vmas, its huge PMDs that map an anonymous 2 MiB page, and its hugetlb memory
 * ({@code HugetlbPages}, in bytes).
 */
public record MmSummary(String comm, int pid, boolean alive, long rssAnonPages, long rssShmemPages,
                        long rssFilePages,
                        long pgtablesBytes, Map<Level, Integer> tables, int sharedPteTables,
                        int pendingPteTables, FaultCounters faults, List<VmaInfo> vmas, long hugePmds,
                        long hugetlbBytes) {
    public MmSummary(String comm, int pid, boolean alive, long rssAnonPages, long rssShmemPages,
                     long rssFilePages, long pgtablesBytes, Map<Level, Integer> tables, int sharedPteTables,
                     int pendingPteTables, FaultCounters faults, List<VmaInfo> vmas, long hugePmds) {
        this(comm, pid, alive, rssAnonPages, rssShmemPages, rssFilePages, pgtablesBytes, tables, sharedPteTables,
                pendingPteTables, faults, vmas, hugePmds, 0);
    }

    /** AnonHugePages: anonymous memory mapped by huge PMDs, in bytes. */
    public long anonHugeBytes() {
        return hugePmds * Geometry.PMD_SIZE;
    }

    public long rssPages() {
        return rssAnonPages + rssShmemPages + rssFilePages;
    }

    public long rssBytes() {
        return rssPages() * Geometry.PAGE_SIZE;
    }
}
