package dev.cowpte.run;

import dev.cowpte.mm.MachineConfig;
import dev.cowpte.words.Amounts;

/**
 * What to write when the simulated RAM is full: a larger {@code machine memory} the language
 * accepts (twice as much, or the limit of the paging levels), {@code machine levels 5} when 4
 * levels' limit is reached, or that no more can be had.
 */
final class MemoryAdvice {
    private MemoryAdvice() {
    }

    static String more(MachineConfig config) {
        long memory = config.memoryBytes();
        long limit = MachineConfig.maxMemory(config.levels());
        if (memory < limit) {
            long larger = memory <= limit / 2 ? memory * 2 : limit;
            return "to give it more, raise 'machine memory', as in 'machine memory " + Amounts.size(larger) + "'";
        }
        if (config.levels() == 4) {
            return "the machine has the " + Amounts.size(limit) + " that 4 paging levels allow; to give it more,"
                    + " add 'machine levels 5', which allows up to 'machine memory "
                    + Amounts.size(MachineConfig.MAX_MEMORY_5_LEVELS) + "'";
        }
        return "the machine has " + Amounts.size(limit) + ", the most 'machine memory' may give with "
                + config.levels() + " paging levels";
    }
}
