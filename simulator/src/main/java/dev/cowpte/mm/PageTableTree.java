package dev.cowpte.mm;

import java.util.List;

/**
 * The page-table tree of one process, condensed for drawing: upper tables one by one, and the
 * PTE tables under each pmd table as runs of alike neighbours (same sharing, refcount, sharers,
 * write-protection and owner), so a 32 GiB process is a few dozen nodes, not 16,000.
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
     * @param writeProtected the upper entry is write-protected (a COW PTE table)
     */
    public record Node(Level level, long id, long parentId, int firstIndex, int count, long base, long span,
                       int refcount, List<String> sharers, boolean writeProtected, String owner,
                       ForkPolicy sharedBy, long mappedPages) {
        public boolean shared() {
            return refcount > 1;
        }

        public String label() {
            return level.label() + "#" + id;
        }
    }
}
