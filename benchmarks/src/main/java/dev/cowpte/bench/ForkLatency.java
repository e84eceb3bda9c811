package dev.cowpte.bench;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Vma;
import dev.cowpte.mm.Work;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pasha Tatashin's fork-latency program (COW PTE v4 thread, February 2023), run as a
 * simulation: one process maps and writes N GiB, then forks M children that stay alive while
 * the others are forked; the latency is normalised per fork and per GiB, as the original prints
 * it. Run once per fork policy, each on a fresh machine.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/cowpte-benchmarks.jar dev.cowpte.bench.ForkLatency
 *     [--gib 32] [--forks 16] [--policy classic,cow-pte,cow-pte-rfc,odf] [--warmup 3] [--check]
 *     [--thp never|madvise|always]
 * </pre>
 *
 * <p>Per policy it prints the wall time of the touch and of the forks, the latency per GiB in
 * the original's form ({@code Fork latency per gigabyte: S.UUUUUU seconds}, whole microseconds)
 * and in nanoseconds, the work counters summed over the forks, page-table memory and heap (used
 * after a full GC with the children alive, and the peak over the run). {@code --check} also
 * checks the simulator's invariants with the children alive (slow at 32 GiB).
 */
public final class ForkLatency {
    private static final long GIB = 1L << 30;
    private static final long USEC = 1_000_000;

    /** The machine's transparent huge page mode ({@code --thp}). */
    private static dev.cowpte.mm.Thp thp = dev.cowpte.mm.Thp.NEVER;

    private ForkLatency() {
    }

    public static void main(String[] args) {
        int ngig = 32;
        int nproc = 16;
        List<String> policies = ForkPolicies.names();
        boolean check = false;
        int warmup = 3;
        dev.cowpte.mm.Thp mode = dev.cowpte.mm.Thp.NEVER;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gib" -> ngig = Integer.parseInt(args[++i]);
                case "--forks" -> nproc = Integer.parseInt(args[++i]);
                case "--policy" -> policies = List.of(args[++i].split(","));
                case "--check" -> check = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--thp" -> mode = dev.cowpte.mm.Thp.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                default -> {
                    System.err.println("usage: ForkLatency [--gib N] [--forks M] [--policy a,b] [--warmup R] [--check] [--thp MODE]");
                    System.exit(2);
                }
            }
        }
        thp = mode;
        System.out.printf("fork latency simulation: %d GiB written, %d forks, thp %s, max heap %d MiB, %d cpus, %s%n",
                ngig, nproc, mode.label(), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        // Warm the code paths on a small machine (1 GiB, 2 forks, R rounds) so that the measured
        // runs are not charged for class loading and JIT compilation.
        for (int r = 0; r < warmup; r++) {
            for (String name : policies) {
                run(name, 1, 2, false, true);
            }
        }
        for (String name : policies) {
            run(name, ngig, nproc, check, false);
        }
    }

    private static void run(String name, int ngig, int nproc, boolean check, boolean quiet) {
        ForkPolicy policy = ForkPolicies.byName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown policy " + name + "; known: " + ForkPolicies.names()));
        long size = ngig * GIB;
        fullGc();
        long heapBefore = heapUsed();
        resetPeaks();

        // RAM: the data, plus page tables for the parent and every child under classic.
        long ram = Math.min(MachineConfig.MAX_MEMORY_4_LEVELS, Math.max(MachineConfig.DEFAULT_MEMORY, 2 * size));
        Machine m = new Machine(MachineConfig.defaults().withMemory(ram).withThp(thp));
        Mm parent = m.createProcess("fork_latency");
        Vma buf = m.mmap(parent, "buf", size, null, Set.of());

        long t0 = System.nanoTime();
        m.touch(parent, buf.start(), size, true);
        long touchNs = System.nanoTime() - t0;

        long ptBeforeForks = m.pageTablesBytes();
        Work before = m.work();
        List<Mm> children = new ArrayList<>(nproc);
        long t1 = System.nanoTime();
        for (int i = 0; i < nproc; i++) {
            children.add(m.fork(parent, "child" + i, policy));
        }
        long forkNs = System.nanoTime() - t1;
        Work forkWork = m.work().since(before);
        long ptAfterForks = m.pageTablesBytes();
        long memInUse = m.memoryInUse();
        long parentPgtables = parent.pgtablesBytes();
        long childPgtables = children.get(0).pgtablesBytes();
        long childRss = children.get(0).rss();
        int pteTables = m.tables(Level.PTE);

        List<String> broken = List.of();
        long checkNs = 0;
        if (check) {
            long tc = System.nanoTime();
            broken = m.checkInvariants();
            checkNs = System.nanoTime() - tc;
        }
        fullGc();
        long heapRetained = heapUsed() - heapBefore;
        long heapPeak = peakUsed();

        Work beforeExit = m.work();
        long t2 = System.nanoTime();
        for (Mm c : children) {
            m.exit(c);
        }
        long exitNs = System.nanoTime() - t2;
        Work exitWork = m.work().since(beforeExit);
        m.exit(parent);
        if (quiet) {
            return;
        }

        // The original: microseconds, integer-divided per proc and per gig, printed as seconds.
        long duration = forkNs / 1000 / nproc / ngig;
        System.out.println();
        System.out.printf("== %s ==%n", name);
        System.out.printf("touch %d GiB (write every page): %10.3f ms%n", ngig, touchNs / 1e6);
        System.out.printf("%d forks:                     %10.3f ms  (%.3f ms per fork)%n",
                nproc, forkNs / 1e6, forkNs / 1e6 / nproc);
        System.out.printf("Fork latency per gigabyte: %d.%06d seconds%n", duration / USEC, duration % USEC);
        System.out.printf("fork latency per gigabyte:   %10.0f ns%n", (double) forkNs / nproc / ngig);
        System.out.printf("exit of the %d children:     %10.3f ms  (%s)%n", nproc, exitNs / 1e6, exitWork);
        System.out.printf("work of the %d forks:%n", nproc);
        for (Map.Entry<String, Long> e : forkWork.asMap().entrySet()) {
            System.out.printf("  %-18s %,15d  (%,d per fork)%n", e.getKey(), e.getValue(), e.getValue() / nproc);
        }
        System.out.printf("page tables (machine):       %,15d bytes before the forks, %,d after (%d PTE tables)%n",
                ptBeforeForks, ptAfterForks, pteTables);
        System.out.printf("pagetables parent / child0:  %,15d / %,d bytes; rss child0 %,d pages%n",
                parentPgtables, childPgtables, childRss);
        System.out.printf("simulated memory in use:     %,15d bytes%n", memInUse);
        System.out.printf("heap retained (children alive, after GC): %,d bytes (%.1f MiB); peak %,d bytes (%.1f MiB)%n",
                heapRetained, heapRetained / 1048576.0, heapPeak, heapPeak / 1048576.0);
        System.out.printf("wall time touch + forks:     %10.3f ms%n", (touchNs + forkNs) / 1e6);
        if (check) {
            System.out.printf("invariants (%.0f ms): %s%n", checkNs / 1e6, broken.isEmpty() ? "all hold" : broken);
        }
    }

    static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
    private static long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
