package dev.cowpte.mm;

import java.util.List;
import java.util.Map;

/** The whole machine at a glance; {@code hugePages}: 2 MiB pages that a huge PMD maps (AnonHugePages). */
public record MachineSummary(MachineConfig config, List<String> processes, long dataPages,
                             Map<Level, Integer> tables, long pageTablesBytes, long memoryInUse,
                             FaultCounters faults, Work work, long hugePages) {
    public long anonHugeBytes() {
        return hugePages * Geometry.PMD_SIZE;
    }
}
