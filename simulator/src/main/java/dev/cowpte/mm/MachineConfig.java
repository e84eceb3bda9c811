package dev.cowpte.mm;

/**
 * The simulated machine: RAM size, paging depth (4 or 5 levels), whether emptied PTE tables
 * are reclaimed at once (Qi Zheng's reclaim of empty user PTE tables), whether a read fault
 * on shmem maps the cached pages around it too (the kernel's fault-around, on by default), and
 * the transparent huge page mode (never by default, so version-1 scenarios keep their numbers).
 */
public record MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround, Thp thp,
                            MthpSettings mthp, KernelRules rules) {
    public static final long DEFAULT_MEMORY = 64L << 30;
    /** The most RAM with 4 paging levels: 64 TiB, what x86-64's 46 physical address bits reach. */
    public static final long MAX_MEMORY_4_LEVELS = 64L << 40;
    /** The most RAM with 5 paging levels: 4 PiB, what x86-64's 52 physical address bits reach. */
    public static final long MAX_MEMORY_5_LEVELS = 4L << 50;

    /**
     * The memory is checked against the largest limit only, since a scenario may set it before
     * the levels; {@link #memoryFits()} tells whether it fits the levels given.
     */
    public MachineConfig {
        if (memoryBytes < Geometry.PAGE_SIZE || memoryBytes > MAX_MEMORY_5_LEVELS) {
            throw new IllegalArgumentException("machine memory must be between 4 KiB and "
                    + Sizes.format(MAX_MEMORY_5_LEVELS));
        }
        if (levels != 4 && levels != 5) {
            throw new IllegalArgumentException("paging levels must be 4 or 5");
        }
        if (thp == null || mthp == null || rules == null) {
            throw new IllegalArgumentException("the THP modes and the kernel's rules must be given");
        }
    }

    public MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround, Thp thp) {
        this(memoryBytes, levels, ptReclaim, faultAround, thp, MthpSettings.defaults(), KernelRules.VERSION_1_1);
    }

    /** The mode of PMD-sized THP: {@code hugepages-2048kB/enabled}, which inherits {@link #thp} by default. */
    public Thp pmdThp() {
        return mthp.effective(MthpSettings.PMD_ORDER, thp);
    }

    /** The most RAM a machine with {@code levels} paging levels may have. */
    public static long maxMemory(int levels) {
        return levels == 5 ? MAX_MEMORY_5_LEVELS : MAX_MEMORY_4_LEVELS;
    }

    /** Whether the memory is within the limit of the paging levels. */
    public boolean memoryFits() {
        return memoryBytes <= maxMemory(levels);
    }

    public MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround) {
        this(memoryBytes, levels, ptReclaim, faultAround, Thp.NEVER);
    }

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_MEMORY, 4, false, true, Thp.NEVER);
    }

    public MachineConfig withMemory(long bytes) {
        return new MachineConfig(bytes, levels, ptReclaim, faultAround, thp, mthp, rules);
    }

    public MachineConfig withLevels(int n) {
        return new MachineConfig(memoryBytes, n, ptReclaim, faultAround, thp, mthp, rules);
    }

    public MachineConfig withPtReclaim(boolean on) {
        return new MachineConfig(memoryBytes, levels, on, faultAround, thp, mthp, rules);
    }

    public MachineConfig withFaultAround(boolean on) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, on, thp, mthp, rules);
    }

    public MachineConfig withThp(Thp mode) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, faultAround, mode, mthp, rules);
    }

    public MachineConfig withMthp(MthpSettings settings) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, faultAround, thp, settings, rules);
    }

    public MachineConfig withRules(KernelRules r) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, faultAround, thp, mthp, r);
    }
}
