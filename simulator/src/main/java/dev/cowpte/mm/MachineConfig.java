package dev.cowpte.mm;

/**
 * The simulated machine: RAM size, paging depth (4 or 5 levels), whether emptied PTE tables
 * are reclaimed at once (Qi Zheng's reclaim of empty user PTE tables), whether a read fault
 * on shmem maps the cached pages around it too (the kernel's fault-around, on by default), and
 * the transparent huge page mode (never by default, so version-1 scenarios keep their numbers).
 */
public record MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround, Thp thp) {
    public static final long DEFAULT_MEMORY = 64L << 30;
    public static final long MAX_MEMORY = 1L << 40;

    public MachineConfig {
        if (memoryBytes < Geometry.PAGE_SIZE || memoryBytes > MAX_MEMORY) {
            throw new IllegalArgumentException("machine memory must be between 4 KiB and 1 TiB");
        }
        if (levels != 4 && levels != 5) {
            throw new IllegalArgumentException("paging levels must be 4 or 5");
        }
        if (thp == null) {
            throw new IllegalArgumentException("the THP mode must be given");
        }
    }

    public MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround) {
        this(memoryBytes, levels, ptReclaim, faultAround, Thp.NEVER);
    }

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_MEMORY, 4, false, true, Thp.NEVER);
    }

    public MachineConfig withMemory(long bytes) {
        return new MachineConfig(bytes, levels, ptReclaim, faultAround, thp);
    }

    public MachineConfig withLevels(int n) {
        return new MachineConfig(memoryBytes, n, ptReclaim, faultAround, thp);
    }

    public MachineConfig withPtReclaim(boolean on) {
        return new MachineConfig(memoryBytes, levels, on, faultAround, thp);
    }

    public MachineConfig withFaultAround(boolean on) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, on, thp);
    }

    public MachineConfig withThp(Thp mode) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, faultAround, mode);
    }
}
