package dev.cowpte.mm;

/** x86-64 paging constants with 4 KiB pages: every table is one page of 512 entries. */
public final class Geometry {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final int PTRS_PER_TABLE = 512;
    public static final int PMD_SHIFT = 21;
    /** The range one PTE table maps: 2 MiB. */
    public static final long PMD_SIZE = 1L << PMD_SHIFT;
    public static final int PUD_SHIFT = 30;
    public static final long PUD_SIZE = 1L << PUD_SHIFT;
    /** Top of the top-down mmap area: the first region placed without {@code at} ends here. */
    public static final long MMAP_BASE = 0x7f00_0000_0000L;
    /** Lowest address a region may start at (the kernel's default mmap_min_addr). */
    public static final long MMAP_MIN_ADDR = 0x10000L;

    private Geometry() {
    }

    /** End of user space (exclusive): 128 TiB with 4 levels, 64 PiB with 5. */
    public static long taskSize(int levels) {
        return levels == 5 ? (1L << 56) - PAGE_SIZE : (1L << 47) - PAGE_SIZE;
    }

    public static long pageDown(long addr) {
        return addr & ~(PAGE_SIZE - 1);
    }

    public static long pmdDown(long addr) {
        return addr & ~(PMD_SIZE - 1);
    }

    public static long pmdUp(long addr) {
        return (addr + PMD_SIZE - 1) & ~(PMD_SIZE - 1);
    }

    public static boolean pageAligned(long addr) {
        return (addr & (PAGE_SIZE - 1)) == 0;
    }
}
