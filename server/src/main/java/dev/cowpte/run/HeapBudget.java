package dev.cowpte.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The Java heap that simulated machines may fill: {@value #PERCENT} % of the JVM's maximum heap,
 * measured as what the garbage collector found live in the long-lived heap pools after its last
 * collection (the JVM's collection-usage thresholds, so looking costs next to nothing). The
 * simulator looks every few allocations ({@code Machine.heapGuard}); a run whose machine grows
 * past it stops at its statement with {@code heap-exhausted}, its machine is dropped, and the
 * next collection gives the memory back to the next run. Runs that go at once (the language
 * server's runs, code lenses and kernel check, the report's policies) share the one heap, so
 * the run that grows past it is the one stopped. The OutOfMemoryError caught in the interpreter
 * is only the last resort.
 */
public final class HeapBudget {
    static final int PERCENT = 75;

    /** Whether the heap is over the budget now. */
    public static final BooleanSupplier JVM = HeapBudget::exceeded;

    private HeapBudget() {
    }

    /**
     * The pools watched, set up at the first look: a run too small to look never loads the
     * JVM's management classes (a hundredth of a second at start).
     */
    private static final class Pools {
        static final List<MemoryPoolMXBean> WATCHED = watchedPools();
    }

    private static List<MemoryPoolMXBean> watchedPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        long max = Runtime.getRuntime().maxMemory();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            String name = pool.getName().toLowerCase(java.util.Locale.ROOT);
            if (name.contains("eden") || name.contains("survivor")) {
                continue;
            }
            long poolMax = pool.getUsage().getMax();
            long limit = poolMax > 0 ? poolMax : max;
            if (limit <= 0 || limit == Long.MAX_VALUE) {
                continue;
            }
            try {
                pool.setCollectionUsageThreshold(limit / 100 * PERCENT);
                pools.add(pool);
            } catch (RuntimeException e) {
                // a pool that refuses a threshold is not watched
            }
        }
        return List.copyOf(pools);
    }

    /** Whether the long-lived heap was over {@value #PERCENT} % of its size after the last collection. */
    public static boolean exceeded() {
        for (MemoryPoolMXBean pool : Pools.WATCHED) {
            if (pool.isCollectionUsageThresholdExceeded()) {
                return true;
            }
        }
        return false;
    }

    /** The heap in use after the last collection, in MiB, for messages. */
    static long liveMiB() {
        long used = 0;
        for (MemoryPoolMXBean pool : Pools.WATCHED) {
            if (pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used >> 20;
    }
}
