package dev.cowpte.bench;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Vma;
import dev.cowpte.mm.Work;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the simulator's {@code fork} of a process with 1 GiB written (262,144 present
 * pages in 512 PTE tables), per fork policy. The targets: classic at most 5 ms; cow-pte-rfc and
 * odf at most 0.1 ms, because they share PTE tables and do no per-page work. With
 * {@code thp=always} the gigabyte is 512 PMD-mapped 2 MiB pages, which every policy copies as
 * 512 pmd entries ({@code copy_huge_pmd}): classic at most 0.1 ms.
 *
 * <p>{@code fork} changes its parent (write-protects entries, shares tables, raises
 * mapcounts), so two ways of measuring are given:
 * <ul>
 *   <li>{@link #fork}: measures the fork alone, of a parent that has never forked. The machine
 *       and the parent (mmap 1G + touch write) are rebuilt before every invocation, outside the
 *       measured time ({@code @Setup(Level.Invocation)}). The measured method is in the
 *       milliseconds to tens of microseconds range, far above the timer's resolution, so the
 *       usual caveat on per-invocation fixtures does not bite; the rebuild (about as long as a
 *       classic fork or more) only makes each iteration hold fewer samples.</li>
 *   <li>{@link #forkThenExit}: one machine and one parent per trial; the measured method forks
 *       and then exits the child, so the parent is back to one mapping per page for the next
 *       call. It includes the child's teardown (zap + free of tables), and measures a parent
 *       that has forked before (its entries are already write-protected, its tables may be
 *       marked shared).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/cowpte-benchmarks.jar ForkBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ForkBenchmark {
    static final long GIB = 1L << 30;

    @Param({"classic", "cow-pte", "cow-pte-rfc", "odf"})
    public String policyName;

    /** Bytes mapped and written in the parent. */
    @Param({"1073741824"})
    public long size;

    /**
     * The machine's transparent huge page mode: {@code never} (4 KiB pages, 512 PTE tables) or
     * {@code always} (512 PMD-mapped 2 MiB pages, each copied at fork as one pmd entry).
     */
    @Param({"never", "always"})
    public String thp;

    MachineConfig config() {
        return MachineConfig.defaults().withThp(dev.cowpte.mm.Thp.valueOf(thp.toUpperCase(java.util.Locale.ROOT)));
    }

    ForkPolicy policy;

    @Setup(Level.Trial)
    public void resolvePolicy() {
        policy = ForkPolicies.byName(policyName).orElseThrow(
                () -> new IllegalArgumentException("unknown policy " + policyName));
    }

    // ---------------------------------------------------------------- fork alone, fresh parent

    /** A fresh machine and parent before every invocation of {@link #fork}; not measured. */
    @State(Scope.Thread)
    public static class FreshParent {
        Machine machine;
        Mm parent;
        Work before;
        /** Work done by the last measured fork, printed at the end of the trial. */
        Work lastForkWork;
        String label;

        @Setup(Level.Invocation)
        public void build(ForkBenchmark b) {
            machine = new Machine(b.config());
            parent = machine.createProcess("parent");
            Vma buf = machine.mmap(parent, "buf", b.size, null, Set.of());
            machine.touch(parent, buf.start(), b.size, true);
            before = machine.work();
            label = b.policyName + ", " + b.size / GIB + " GiB, thp " + b.thp;
        }

        @TearDown(Level.Invocation)
        public void recordWork() {
            lastForkWork = machine.work().since(before);
            machine = null;
            parent = null;
        }

        @TearDown(Level.Trial)
        public void report() {
            if (lastForkWork != null) {
                System.out.println();
                System.out.println("# work of one fork (" + label + "): " + lastForkWork);
            }
        }
    }

    /** Measures {@code fork} alone, of a parent that has never forked. */
    @Benchmark
    public Mm fork(FreshParent s) {
        return s.machine.fork(s.parent, "child", policy);
    }

    // ----------------------------------------------- fork + exit of the child, reused parent

    /** One parent per trial for {@link #forkThenExit}; built by a nested state. */
    @State(Scope.Thread)
    public static class ReusedParent {
        Machine machine;
        Mm parent;

        @Setup(Level.Trial)
        public void build(ForkBenchmark b) {
            machine = new Machine(b.config());
            parent = machine.createProcess("parent");
            Vma buf = machine.mmap(parent, "buf", b.size, null, Set.of());
            machine.touch(parent, buf.start(), b.size, true);
        }

        @TearDown(Level.Trial)
        public void check() {
            var broken = machine.checkInvariants();
            if (!broken.isEmpty()) {
                throw new IllegalStateException("invariants broken after fork+exit: " + broken);
            }
        }
    }

    @Benchmark
    public Mm forkThenExit(ReusedParent s) {
        Mm c = s.machine.fork(s.parent, "child", policy);
        s.machine.exit(c);
        return c;
    }
}
