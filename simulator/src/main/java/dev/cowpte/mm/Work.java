package dev.cowpte.mm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Work done by the simulated kernel: what makes a policy fast or slow. Cumulative on the
 * machine; {@link #since(Work)} gives what one operation did. The machine keeps three: all the
 * work, the part done inside fork() calls ({@link Machine#workAtFork}), and the part a fork
 * deferred ({@link Machine#workDeferred}: breaking or copying the tables it shared or left
 * pending, copy-on-write page copies, dropping shared tables at exit).
 */
public final class Work {
    /** The counters' user-facing names: the keys of {@link #asMap}, the words of reports and hovers. */
    public static final String TABLES_ALLOCATED = "tables allocated";
    public static final String TABLES_FREED = "tables freed";
    public static final String TABLES_SHARED = "tables shared";
    public static final String TABLES_COPIED = "tables copied";
    public static final String TABLES_REUSED = "tables reused";
    public static final String ENTRIES_COPIED = "entries copied";
    public static final String PAGE_UPDATES = "per-page updates";
    public static final String PAGES_COPIED = "pages copied";
    public static final String TLB_FLUSHES = "tlb flushes";
    public static final String HUGE_COPIED = "huge pmds copied";
    public static final String HUGE_SPLIT = "huge pmds split";

    long tablesAllocated;
    long tablesFreed;
    /** PTE tables shared at fork (a pmd entry pointed at the parent's table). */
    long tablesShared;
    /** Shared PTE tables broken by copying the table. */
    long tablesCopied;
    /** Shared PTE tables broken by reusing the table (refcount 1). */
    long tablesReused;
    /** Page-table entries copied from one table into another. */
    long entriesCopied;
    /** Per-page updates: write-protect, mapcount and reference changes done page by page. */
    long pageUpdates;
    /** Data pages copied (COW faults, pinned pages at fork). */
    long pagesCopied;
    /** TLB flushes, counted per 2 MiB range flushed. */
    long tlbFlushes;
    /** Huge PMD entries copied at fork ({@code copy_huge_pmd}): one entry for 512 pages. */
    long hugeCopied;
    /** Huge PMDs split into a PTE table ({@code __split_huge_pmd}). */
    long hugeSplit;

    public long tablesAllocated() {
        return tablesAllocated;
    }

    public long tablesFreed() {
        return tablesFreed;
    }

    public long tablesShared() {
        return tablesShared;
    }

    public long tablesCopied() {
        return tablesCopied;
    }

    public long tablesReused() {
        return tablesReused;
    }

    public long entriesCopied() {
        return entriesCopied;
    }

    public long pageUpdates() {
        return pageUpdates;
    }

    public long pagesCopied() {
        return pagesCopied;
    }

    public long tlbFlushes() {
        return tlbFlushes;
    }

    public long hugeCopied() {
        return hugeCopied;
    }

    public long hugeSplit() {
        return hugeSplit;
    }

    public Work snapshot() {
        return since(new Work());
    }

    /** Adds {@code other}'s counters to this one's. */
    void add(Work other) {
        tablesAllocated += other.tablesAllocated;
        tablesFreed += other.tablesFreed;
        tablesShared += other.tablesShared;
        tablesCopied += other.tablesCopied;
        tablesReused += other.tablesReused;
        entriesCopied += other.entriesCopied;
        pageUpdates += other.pageUpdates;
        pagesCopied += other.pagesCopied;
        tlbFlushes += other.tlbFlushes;
    }

    /** This minus an earlier snapshot. */
    public Work since(Work before) {
        Work w = new Work();
        w.tablesAllocated = tablesAllocated - before.tablesAllocated;
        w.tablesFreed = tablesFreed - before.tablesFreed;
        w.tablesShared = tablesShared - before.tablesShared;
        w.tablesCopied = tablesCopied - before.tablesCopied;
        w.tablesReused = tablesReused - before.tablesReused;
        w.entriesCopied = entriesCopied - before.entriesCopied;
        w.pageUpdates = pageUpdates - before.pageUpdates;
        w.pagesCopied = pagesCopied - before.pagesCopied;
        w.tlbFlushes = tlbFlushes - before.tlbFlushes;
        w.hugeCopied = hugeCopied - before.hugeCopied;
        w.hugeSplit = hugeSplit - before.hugeSplit;
        return w;
    }

    /** The counters by their user-facing names, in a fixed order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(TABLES_ALLOCATED, tablesAllocated);
        m.put(TABLES_FREED, tablesFreed);
        m.put(TABLES_SHARED, tablesShared);
        m.put(TABLES_COPIED, tablesCopied);
        m.put(TABLES_REUSED, tablesReused);
        m.put(ENTRIES_COPIED, entriesCopied);
        m.put(PAGE_UPDATES, pageUpdates);
        m.put(PAGES_COPIED, pagesCopied);
        m.put(TLB_FLUSHES, tlbFlushes);
        m.put(HUGE_COPIED, hugeCopied);
        m.put(HUGE_SPLIT, hugeSplit);
        return m;
    }

    public boolean isZero() {
        return asMap().values().stream().allMatch(v -> v == 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> {
            if (v != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k);
            }
        });
        return sb.length() == 0 ? "no work" : sb.toString();
    }
}
