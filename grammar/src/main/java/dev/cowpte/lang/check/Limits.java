package dev.cowpte.lang.check;

/** The limits a scenario must keep so that nothing a user writes can hang or exhaust the tools. */
public final class Limits {
    private Limits() {
    }

    public static final long PAGE_SIZE = 4096;
    public static final long KIB = 1L << 10;
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long TIB = 1L << 40;
    public static final long PIB = 1L << 50;

    /** The longest scenario text read, in UTF-16 units (4 Mi). */
    public static final int MAX_TEXT_LENGTH = 4 << 20;
    /** Repeat blocks nested deeper than this are not parsed. */
    public static final int MAX_BLOCK_NESTING = 64;
    /** The largest count of one repeat. */
    public static final long MAX_REPEAT_COUNT = 1_000_000;
    /** The most statements a whole scenario may run, counting every iteration of every repeat. */
    public static final long MAX_STATEMENT_RUNS = 10_000_000;
    /** The most simulated RAM a machine with 4 paging levels may have: 64 TiB (x86-64's 46 physical address bits). */
    public static final long MAX_MACHINE_MEMORY_4_LEVELS = 64 * TIB;
    /** The most simulated RAM a machine with 5 paging levels may have: 4 PiB (x86-64's 52 physical address bits). */
    public static final long MAX_MACHINE_MEMORY_5_LEVELS = 4 * PIB;
    /** A user address space with 4 paging levels: 128 TiB (47 bits). */
    public static final long ADDRESS_SPACE_4_LEVELS = 128 * TIB;
    /** A user address space with 5 paging levels: 64 PiB (56 bits). */
    public static final long ADDRESS_SPACE_5_LEVELS = 64 * PIB;
    /** A name template is expanded into single names only up to this many, when checked. */
    public static final int MAX_NAME_EXPANSION = 1024;

    /** The most simulated RAM a machine with {@code levels} paging levels may have. */
    public static long maxMachineMemory(int levels) {
        return levels == 5 ? MAX_MACHINE_MEMORY_5_LEVELS : MAX_MACHINE_MEMORY_4_LEVELS;
    }

    public static long addressSpace(int levels) {
        return levels == 5 ? ADDRESS_SPACE_5_LEVELS : ADDRESS_SPACE_4_LEVELS;
    }

    /** A byte count as the language writes sizes: 64K, 2M, 1.5G, or bytes when not round. */
    public static String formatBytes(long bytes) {
        String[] units = {"P", "T", "G", "M", "K"};
        long[] sizes = {PIB, TIB, GIB, MIB, KIB};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= sizes[i] && bytes % (sizes[i] / 4) == 0) {
                double value = (double) bytes / sizes[i];
                String number = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
                return number + units[i];
            }
        }
        return bytes + " bytes";
    }
}
