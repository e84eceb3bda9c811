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
    void copyPteTable(Machine m, Mm parent, Mm child, PageTable parentPmd, int idx, List<long[]> copy) {
        PageTable src = parentPmd.next[idx];
        classicCopy(m, parent, child, src, src.base, copy);
    }
}
