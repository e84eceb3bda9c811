package dev.cowpte.mm;

import java.util.List;

/**
 * The page-table tree of one process, condensed for drawing: upper tables one by one, and the
 * PTE tables under each pmd table as runs of alike neighbours (same sharing, refcount, sharers,
 * write-protection and owner; a private run also alike in holding pinned pages or not), so a
 * 32 GiB process is a few dozen nodes, not 16,000. Huge PMDs are leaves under their pmd table, in runs
 * of neighbours alike (writable or not, the huge zero page or not): drawn where PTE tables
 * stand, with {@code huge} set.
 *
 * @param comm  the process
 * @param nodes pre-order: every node's parent comes before it
 */
public record PageTableTree(String comm, List<Node> nodes) {

    /**
     * One table, or a run of {@code count} alike PTE tables with consecutive pmd entries.
     *
     * @param parentId       id of the table whose entry points here (0 for the pgd)
     * @param firstIndex     index of the (first) entry in the parent that points here
     * @param base           first virtual address mapped
     * @param span           bytes mapped by the whole node (count tables)
     * @param mappedPages    pages the entries of the run map (PTE level); the zero page is not counted
     * @param writeProtected the upper entry is write-protected (a COW PTE table, or a read-only huge PMD)
     * @param huge           a run of huge PMDs (level PTE, where tables would stand): {@code id}
     *                       is the first one's deposited table, {@code mappedPages} 512 per anonymous 2 MiB page
     */
    public record Node(Level level, long id, long parentId, int firstIndex, int count, long base, long span,
                       int refcount, List<String> sharers, boolean writeProtected, String owner,
                       ForkPolicy sharedBy, long mappedPages, boolean huge) {
        public Node(Level level, long id, long parentId, int firstIndex, int count, long base, long span,
                    int refcount, List<String> sharers, boolean writeProtected, String owner,
                    ForkPolicy sharedBy, long mappedPages) {
            this(level, id, parentId, firstIndex, count, base, span, refcount, sharers, writeProtected, owner,
                    sharedBy, mappedPages, false);
        }

        public boolean shared() {
            return refcount > 1;
        }

        public String label() {
            return huge ? "huge#" + id : level.label() + "#" + id;
        }
    }
}
