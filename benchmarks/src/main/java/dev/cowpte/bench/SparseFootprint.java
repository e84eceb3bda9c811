package dev.cowpte.bench;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Vma;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulator's own memory must grow with the pages a scenario touches, not with what it
 * maps: mapping 100 TiB and touching one page must cost under 1 MiB of heap.
 *
 * <p>Each case is built {@code N} times and the instances are kept reachable; the retained heap
 * of one is (heap used after a full GC with the N alive − heap used without them) / N. This is
 * repeated a few times and the median printed, which cancels GC noise far below the 1 MiB bar.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/cowpte-benchmarks.jar dev.cowpte.bench.SparseFootprint [N=200]
 * </pre>
 *
 * <p>It also times mmap + touch, and a fork of the sparse process under each policy (whose
 * work must not grow with the 100 TiB mapped either) and reports the retained size of the
 * child.
 */
public final class SparseFootprint {
    private static final long TIB = 1L << 40;
    private static final long SPARSE = 100 * TIB;
    private static final int ROUNDS = 5;

    private SparseFootprint() {
    }

    /** The objects of one case that must stay reachable. */
    private record Held(Machine machine, Mm parent, Mm child) {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.printf("retained heap per instance, median of %d rounds of %d instances; max heap %d MiB%n",
                ROUNDS, n, Runtime.getRuntime().maxMemory() >> 20);

        measure("new Machine() (defaults: 64 GiB RAM, 4 levels)", n,
                () -> new Held(new Machine(), null, null));
        measure("+ createProcess (pgd)", n, () -> {
            Machine m = new Machine();
            return new Held(m, m.createProcess("p"), null);
        });
        measure("+ mmap 100 TiB (nothing touched)", n, () -> {
            Machine m = new Machine();
            Mm p = m.createProcess("p");
            m.mmap(p, "huge", SPARSE, null, Set.of());
            return new Held(m, p, null);
        });
        measure("+ mmap 100 TiB + write one page", n, () -> sparse());
        measure("+ mmap 100 TiB + write first and last page", n, () -> {
            Held h = sparse();
            Vma v = h.parent().vmas().get(0);
            h.machine().touch(h.parent(), v.end() - 4096, 4096, true);
            return h;
        });
        measure("+ mmap 100 TiB + read one page (zero page)", n, () -> {
            Machine m = new Machine();
            Mm p = m.createProcess("p");
            Vma v = m.mmap(p, "huge", SPARSE, null, Set.of());
            m.touch(p, v.start(), 4096, false);
            return new Held(m, p, null);
        });
        for (ForkPolicy policy : ForkPolicies.all()) {
            measure("+ mmap 100 TiB + write one page + fork (" + policy.name() + ")", n, () -> {
                Held h = sparse();
                Mm c = h.machine().fork(h.parent(), "c", policy);
                return new Held(h.machine(), h.parent(), c);
            });
        }

        System.out.println();
        System.out.println("wall time on the sparse process (median of 21, after warm-up):");
        timeIt("mmap 100 TiB + write one page", SparseFootprint::sparse);
        for (ForkPolicy policy : ForkPolicies.all()) {
            timeFork(policy);
        }
        Held h = sparse();
        Mm c = h.machine().fork(h.parent(), "c", ForkPolicies.CLASSIC);
        h.machine().exit(c);
        h.machine().exit(h.parent());
        List<String> broken = h.machine().checkInvariants();
        System.out.println("invariants after fork + exit of all: " + (broken.isEmpty() ? "all hold" : broken));
    }

    private static Held sparse() {
        Machine m = new Machine(MachineConfig.defaults());
        Mm p = m.createProcess("p");
        Vma v = m.mmap(p, "huge", SPARSE, null, Set.of());
        m.touch(p, v.start(), 4096, true);
        return new Held(m, p, null);
    }

    private static void measure(String label, int n, Supplier<Held> build) {
        // Warm-up: the classes are loaded and the code compiled outside the measurement.
        for (int i = 0; i < 10; i++) {
            build.get();
        }
        long[] per = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            List<Held> keep = new ArrayList<>(n);
            ForkLatency.fullGc();
            long base = ForkLatency.heapUsed();
            for (int i = 0; i < n; i++) {
                keep.add(build.get());
            }
            ForkLatency.fullGc();
            long with = ForkLatency.heapUsed();
            per[r] = (with - base) / n;
            if (keep.size() != n) {
                throw new AssertionError();
            }
        }
        Arrays.sort(per);
        long median = per[ROUNDS / 2];
        System.out.printf("%-62s %,10d bytes (%.1f KiB)  [rounds: %s]%n",
                label, median, median / 1024.0, Arrays.toString(per));
    }

    private static void timeIt(String label, Supplier<Held> op) {
        long[] ns = new long[21];
        for (int i = 0; i < 50; i++) {
            op.get();
        }
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            op.get();
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("  %-40s %10.1f us%n", label, ns[ns.length / 2] / 1e3);
    }

    private static void timeFork(ForkPolicy policy) {
        long[] ns = new long[21];
        for (int i = -50; i < ns.length; i++) {
            Held h = sparse();
            long t = System.nanoTime();
            h.machine().fork(h.parent(), "c", policy);
            long d = System.nanoTime() - t;
            if (i >= 0) {
                ns[i] = d;
            }
        }
        Arrays.sort(ns);
        System.out.printf("  %-40s %10.1f us%n", "fork (" + policy.name() + ")", ns[ns.length / 2] / 1e3);
    }
}
