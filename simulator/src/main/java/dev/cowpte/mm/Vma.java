package dev.cowpte.mm;

/** A virtual memory area: one anonymous mapping, or the part of one left by a split. */
public final class Vma {
    long start;
    long end;
    final String name;
    boolean writable;
    final boolean shared;
    boolean dontfork;
    boolean wipeonfork;
    /** Its anon_vma, shared with the vmas the kernel would have merged it with; fork skips vmas without one. */
    AnonVma anon = AnonVma.none();
    /** {@code VM_HUGEPAGE} / {@code VM_NOHUGEPAGE}: set by MADV_HUGEPAGE / MADV_NOHUGEPAGE, each clearing the other. */
    boolean hugepage;
    boolean nohugepage;
    final Shmem shmem;
    /** What a hugetlb vma maps (its page size, file or reservations); null for any other vma. */
    HugetlbMapping hugetlb;
    /** The mshare region this container vma maps; null for any other vma. */
    Mshare.Region mshare;
    /** Page offset of {@code start} within the shmem object. */
    long pgoff;

    Vma(long start, long end, String name, boolean writable, boolean shared, Shmem shmem, long pgoff) {
        this.start = start;
        this.end = end;
        this.name = name;
        this.writable = writable;
        this.shared = shared;
        this.shmem = shmem;
        this.pgoff = pgoff;
    }

    Vma copy() {
        Vma v = new Vma(start, end, name, writable, shared, shmem, pgoff);
        v.dontfork = dontfork;
        v.wipeonfork = wipeonfork;
        v.anon = anon;
        v.hugepage = hugepage;
        v.nohugepage = nohugepage;
        v.hugetlb = hugetlb;
        v.mshare = mshare;
        return v;
    }

    /** Splits this vma at {@code addr}: this keeps [start, addr), the returned vma gets [addr, end). */
    Vma splitAt(long addr) {
        Vma upper = copy();
        upper.start = addr;
        if (shmem != null) {
            upper.pgoff = pgoff + ((addr - start) >>> Geometry.PAGE_SHIFT);
        }
        if (shared) {
            shmem.users++;
        }
        end = addr;
        return upper;
    }

    long shmemIndex(long addr) {
        return pgoff + ((addr - start) >>> Geometry.PAGE_SHIFT);
    }

    /** A mapping of a regular file, private or shared: its pages come from the file's page cache. */
    boolean fileBacked() {
        return shmem != null && shmem.file();
    }

    /** The file this vma maps, or null for anonymous memory and shmem. */
    public String fileName() {
        return fileBacked() ? shmem.fileName : null;
    }

    boolean intersects(long s, long e) {
        return start < e && s < end;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public String name() {
        return name;
    }

    public boolean writable() {
        return writable;
    }

    public boolean shared() {
        return shared;
    }

    public boolean dontfork() {
        return dontfork;
    }

    public boolean wipeonfork() {
        return wipeonfork;
    }

    public boolean hugepage() {
        return hugepage;
    }

    public boolean nohugepage() {
        return nohugepage;
    }

    /** The name of the mshare region this vma maps, or null. */
    public String mshareRegion() {
        return mshare == null ? null : mshare.name;
    }

    /** The hugetlb page size of this vma, or null when it is not hugetlb memory. */
    public HugePageSize hugetlbSize() {
        return hugetlb == null ? null : hugetlb.size;
    }

    /**
     * Whether a fault in this vma may map a PMD-sized page at the 2 MiB-aligned {@code haddr}:
     * {@code thp_vma_allowable_order} (a private anonymous vma; the mode, VM_HUGEPAGE and
     * VM_NOHUGEPAGE) and {@code thp_vma_suitable_order} (the whole 2 MiB inside the vma).
     */
    boolean thpEligible(Thp mode, long haddr) {
        if (shared || fileBacked() || hugetlb != null || mshare != null || nohugepage || mode == Thp.NEVER || (mode == Thp.MADVISE && !hugepage)) {
            return false;
        }
        return haddr >= start && haddr + Geometry.PMD_SIZE <= end;
    }

    /** Private, copied at fork, and eligible for a shared PTE table. */
    boolean plainPrivate() {
        return !shared && !dontfork && !wipeonfork;
    }

    @Override
    public String toString() {
        return String.format("%s %#x-%#x %s%s%s%s", name, start, end, writable ? "rw" : "r-",
                shared ? "s" : "p", dontfork ? " dontfork" : "", wipeonfork ? " wipeonfork" : "")
                + (hugepage ? " hugepage" : "") + (nohugepage ? " nohugepage" : "")
                + (hugetlb != null ? " hugetlb " + hugetlb.size.label() : "")
                + (mshare != null ? " mshare " + mshare.name : "");
    }
}
