package dev.cowpte.mm;

/**
 * Daniel Phillips' lazy page-table instantiation (linux-kernel, 2002; seed {@code 002}): fork
 * copies the upper tables and raises every PTE table's use count, shared by both processes; a
 * write fault in a shared table privatizes it (a new table, its entries copied, the per-page
 * work done for the copy, the old use count −1; at use count 1 the table is simply made
 * private); reads never privatize. Every sharer carries a shared table, as {@code cow-pte}.
 */
public final class PhillipsFork extends SharedPteFork {
    PhillipsFork() {
        super("phillips", true);
    }

    @Override
    public String summary() {
        return "every PTE table's use count +1 at fork, shared by both processes, with no per-page work; a "
                + "write fault in a shared table privatizes it (a new table, entries copied, per-page work for the "
                + "copy, use count -1; at use count 1 the table is made private in place); reads never privatize";
    }

    @Override
    public Description description() {
        return new Description("Daniel Phillips' lazy page tables (linux-kernel, 2002)",
                "share PTE tables by use count, privatize on write (Phillips 2002)",
                "copies the upper levels; every PTE table's use count +1, shared by both (both pmd entries "
                        + "write-protected); no per-page work",
                "a write fault in a shared table privatizes it: use count 1: made private in place; else a new "
                        + "table with the entries copied and the per-page work for the copy, use count -1; reads never "
                        + "privatize (a read of an empty entry puts the zero page in the shared table)",
                "as `cow-pte`: `rss` N after fork of N pages, `pagetables` counts shared tables for every sharer");
    }

    @Override
    void shared(Machine m, Mm child, PageTable pte) {
        // No per-page work: the child is charged the table and the pages it maps.
        m.pageTables.charge(child, pte, 1);
    }

    @Override
    void sharedRun(Machine m, Mm child, TableRun run) {
        chargeRun(child);
    }

    @Override
    boolean breaksOnFault(Vma vma, boolean write) {
        return write;
    }

    @Override
    PageTable breakCowPte(Machine m, Mm mm, PageTable pmd, int idx) {
        if (pmd.next[idx].refcount == 1) {
            return reuse(m, mm, pmd, idx);
        }
        return copyWithPageWork(m, mm, pmd, idx);
    }
}
