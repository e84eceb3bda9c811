package dev.cowpte.mm;

import java.util.List;

/**
 * The walk of one address in one process, pgd down to the page: each table on the way, and
 * the entry at the end (null when the walk stops at an empty upper entry). {@code pendingBy}:
 * the policy whose fork deferred this PTE table's copy, when the walk stops at the pmd because
 * the process has not got the table yet (an async-fork child copies it from its parent before
 * its first statement; {@link ForkPolicy#pendingTableState()} says so); else null. A walk that ends at
 * a huge PMD has no PTE table: {@code pte} is then the pmd entry's view of the 4 KiB page at the
 * address, and {@code huge} says which 2 MiB page it maps (null for any other walk).
 */
public record PageWalk(String comm, long address, VmaInfo vma, List<TableStep> tables, PteInfo pte,
                       ForkPolicy pendingBy, HugeInfo huge, HugetlbInfo hugetlb) {

    public PageWalk(String comm, long address, VmaInfo vma, List<TableStep> tables, PteInfo pte) {
        this(comm, address, vma, tables, pte, null, null, null);
    }

    public PageWalk(String comm, long address, VmaInfo vma, List<TableStep> tables, PteInfo pte,
                    ForkPolicy pendingBy, HugeInfo huge) {
        this(comm, address, vma, tables, pte, pendingBy, huge, null);
    }

    /** Whether the walk stops at the pmd because a fork deferred the PTE table's copy ({@link #pendingBy()}). */
    public boolean pending() {
        return pendingBy != null;
    }

    /** Whether a huge PMD maps the address. */
    public boolean isHuge() {
        return huge != null;
    }

    /** The PTE table on the walk, or null when the walk does not reach one. */
    public TableStep pteTable() {
        return tables.isEmpty() || tables.get(tables.size() - 1).level() != Level.PTE
                ? null : tables.get(tables.size() - 1);
    }

    /**
     * One table on a walk. {@code writeProtected} is the state of the upper entry that points to
     * it (a write-protected pmd entry marks a shared PTE table); {@code owner} is the mm whose
     * counters carry it under owner accounting; {@code sharedBy} the policy whose fork
     * write-protected that entry ({@link ForkPolicy#writeProtectedState} says what it means).
     */
    public record TableStep(Level level, long id, int index, int refcount, List<String> sharers,
                            boolean writeProtected, String owner, ForkPolicy sharedBy) {
        public String label() {
            return level.label() + "#" + id;
        }
    }

    /**
     * The page-table entry and the frame it maps; {@code file} when it is a page of a regular file's
     * page cache; {@code folio} the large folio below 2 MiB the frame belongs to (multi-size THP), or
     * null for a small page.
     */
    public record PteInfo(boolean present, boolean writable, boolean zeroPage, long pfn, long value,
                          int mapcount, int refcount, int pincount, boolean shmem, boolean file, FolioInfo folio) {
        public PteInfo(boolean present, boolean writable, boolean zeroPage, long pfn, long value,
                       int mapcount, int refcount, int pincount, boolean shmem) {
            this(present, writable, zeroPage, pfn, value, mapcount, refcount, pincount, shmem, false, null);
        }
    }

    /**
     * The hugetlb entry at the end of a walk in a hugetlb vma: the entry of the pmd table (2 MiB
     * pages) or pud table (1 GiB) where the walk stops, and the page it maps, or none
     * ({@code present} false) when nothing faulted it in. {@code folio} is the page's number
     * among the pools' pages; {@code shared}: a page of a shared mapping's file.
     */
    public record HugetlbInfo(String size, Level level, int index, boolean present, long folio, boolean shared,
                              boolean writable, int mapcount, int refcount, long value) {
        public String folioLabel() {
            return "hugetlb#" + folio;
        }
    }

    /**
     * A large folio (multi-size THP): its size, the page's index in it, its first pfn, and whether
     * it is partially mapped (queued for a deferred split).
     */
    public record FolioInfo(long sizeBytes, int index, long firstPfn, boolean partiallyMapped) {
        public int nrPages() {
            return (int) (sizeBytes / Geometry.PAGE_SIZE);
        }
    }

    /**
     * A huge PMD: the 2 MiB page it maps (first pfn; 0 for the huge zero page), how many huge
     * PMDs map that page, and the id of the PTE table deposited with the entry.
     */
    public record HugeInfo(long firstPfn, boolean zeroPage, int pmdMapcount, long depositId) {
        public String depositLabel() {
            return "pte#" + depositId + " (deposited)";
        }
    }
}
