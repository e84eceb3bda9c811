package dev.cowpte.mm;

/**
 * The simulated machine: RAM size, paging depth (4 or 5 levels), whether emptied PTE tables
 * are reclaimed at once (Qi Zheng's reclaim of empty user PTE tables), and whether a read fault
 * on shmem maps the cached pages around it too (the kernel's fault-around, on by default).
 */
public record MachineConfig(long memoryBytes, int levels, boolean ptReclaim, boolean faultAround) {
    public static final long DEFAULT_MEMORY = 64L << 30;
    public static final long MAX_MEMORY = 1L << 40;

    public MachineConfig {
        if (memoryBytes < Geometry.PAGE_SIZE || memoryBytes > MAX_MEMORY) {
            throw new IllegalArgumentException("machine memory must be between 4 KiB and 1 TiB");
        }
        if (levels != 4 && levels != 5) {
            throw new IllegalArgumentException("paging levels must be 4 or 5");
        }
    }

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_MEMORY, 4, false, true);
    }

    public MachineConfig withMemory(long bytes) {
        return new MachineConfig(bytes, levels, ptReclaim, faultAround);
    }

    public MachineConfig withLevels(int n) {
        return new MachineConfig(memoryBytes, n, ptReclaim, faultAround);
    }

    public MachineConfig withPtReclaim(boolean on) {
        return new MachineConfig(memoryBytes, levels, on, faultAround);
    }

    public MachineConfig withFaultAround(boolean on) {
        return new MachineConfig(memoryBytes, levels, ptReclaim, on);
    }
}
