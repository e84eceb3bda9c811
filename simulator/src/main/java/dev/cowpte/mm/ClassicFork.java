package dev.cowpte.mm;

import java.util.List;

/** Classic fork: every PTE table of every copied vma is copied entry by entry into the child. */
public final class ClassicFork extends ForkPolicy {
    ClassicFork() {
        super("classic");
    }

    @Override
    public String summary() {
        return "copy_page_range copies every PTE table of every vma with anonymous pages; each present "
                + "page is write-protected in parent and child and gains a mapcount and a reference";
    }

    @Override
    public Description description() {
        return new Description("the kernel's fork (copy_page_range)",
                "copy every PTE table at fork (the kernel today)",
                "copies every table of every region with anon pages; per present entry: write-protect in "
                        + "parent and child, mapcount +1, ref +1, child rss +1",
                "nothing but the copy-on-write faults of the pages it left shared",
                "`rss` N after fork of N pages; `pagetables` counts own tables");
    }

    @Override
    void copyRun(Machine m, Mm parent, Mm child, PageTable parentPmd) {
        if (!m.runs || !classicCopyRun(m, parent, child, parentPmd)) {
            super.copyRun(m, parent, child, parentPmd);
        }
    }

    @Override
    void copyPteTable(Machine m, Mm parent, Mm child, PageTable parentPmd, int idx, List<long[]> copy) {
        PageTable src = parentPmd.next[idx];
        classicCopy(m, parent, child, src, src.base, copy);
    }
}
