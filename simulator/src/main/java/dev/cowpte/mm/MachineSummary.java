package dev.cowpte.mm;

import java.util.List;
import java.util.Map;

/** The whole machine at a glance. */
public record MachineSummary(MachineConfig config, List<String> processes, long dataPages,
                             Map<Level, Integer> tables, long pageTablesBytes, long memoryInUse,
                             FaultCounters faults, Work work) {
}
