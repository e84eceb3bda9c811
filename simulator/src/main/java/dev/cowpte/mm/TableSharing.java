package dev.cowpte.mm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who shares the page tables, by which mechanism, and what the same processes would hold with no
 * sharing at all: a read-only view that tells apart the four answers to "share page tables". A
 * table is shared by
 * <ul>
 * <li>{@link Mechanism#FORK_POLICY}: a PTE table that more than one pmd entry points to, which
 *     only a fork policy shares (its {@code sharedBy});</li>
 * <li>{@link Mechanism#HUGE_PMD_SHARE}: a pmd table that more than one pud entry points to, which
 *     hugetlb's {@code huge_pmd_share} shares between the processes that map the same file range;</li>
 * <li>{@link Mechanism#MSHARE}: a table of an mshare region's host mm, which the processes that map
 *     the region reach through the host's pud table ({@code find_shared_vma});</li>
 * <li>{@link Mechanism#NONE}: no one else reaches it (upper tables, private PTE tables, the tables
 *     a huge PMD deposited).</li>
 * </ul>
 * "With no sharing" counts each process's reached tables (and its deposited ones) as its own: the
 * tables it would hold if each process mapped what it reaches by itself.
 */
public record TableSharing(Tables machine, Map<Mechanism, Tables> machineByMechanism, Tables noSharing,
                           List<Process> processes) {

    /** How a table comes to be reached by more than one address space. */
    public enum Mechanism {
        NONE("none"),
        FORK_POLICY("fork policy"),
        HUGE_PMD_SHARE("hugetlb PMD sharing"),
        MSHARE("mshare");

        private final String label;

        Mechanism(String label) {
            this.label = label;
        }

        /** {@code none}, {@code fork policy}, {@code hugetlb PMD sharing}, {@code mshare}. */
        public String label() {
            return label;
        }

        /** {@code none}, {@code fork_policy}, {@code huge_pmd_share}, {@code mshare}: a stable key. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Page tables per level, each a 4 KiB page. */
    public record Tables(Map<Level, Long> perLevel) {
        public static final Tables NONE = new Tables(Map.of());

        public Tables {
            EnumMap<Level, Long> copy = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                copy.put(l, perLevel.getOrDefault(l, 0L));
            }
            perLevel = Collections.unmodifiableMap(copy);
        }

        public long count(Level level) {
            return perLevel.get(level);
        }

        public long count() {
            long n = 0;
            for (long v : perLevel.values()) {
                n += v;
            }
            return n;
        }

        public long bytes() {
            return count() * Geometry.PAGE_SIZE;
        }

        public Tables plus(Tables other) {
            EnumMap<Level, Long> sum = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                sum.put(l, count(l) + other.count(l));
            }
            return new Tables(sum);
        }
    }

    /**
     * One process: the tables its walks reach (through an mshare region's host tables too) and the
     * deposited tables of its huge PMDs, which together are what it would hold with no sharing; of
     * the reached ones, those shared by each mechanism; its {@code pgtables_bytes} as its policy
     * and the kernel charge it; its faults.
     */
    public record Process(String comm, int pid, Tables reached, long deposited, Map<Mechanism, Tables> shared,
                          long pgtablesBytes, FaultCounters faults) {
        /** What this process would hold with no sharing: its reached tables and deposits as its own. */
        public Tables noSharing() {
            return reached.plus(new Tables(Map.of(Level.PTE, deposited)));
        }

        /** The tables of {@link #reached} that {@code mechanism} shares ({@code NONE}: the rest, deposits included). */
        public Tables shared(Mechanism mechanism) {
            return shared.get(mechanism);
        }
    }

    /** The whole machine now: every live process, and the tables of every mshare region. */
    static TableSharing of(Machine m) {
        Walker w = new Walker(m);
        List<Process> processes = m.mms.stream().filter(mm -> mm.alive).map(w::process).toList();
        Tables noSharing = Tables.NONE;
        for (Process p : processes) {
            noSharing = noSharing.plus(p.noSharing());
        }
        EnumMap<Level, Long> all = new EnumMap<>(Level.class);
        m.tableCounts().forEach((l, n) -> all.put(l, (long) n));
        Tables machine = new Tables(all);
        EnumMap<Mechanism, Tables> by = new EnumMap<>(Mechanism.class);
        by.put(Mechanism.FORK_POLICY, w.distinct(Mechanism.FORK_POLICY));
        by.put(Mechanism.HUGE_PMD_SHARE, w.distinct(Mechanism.HUGE_PMD_SHARE));
        by.put(Mechanism.MSHARE, w.hostTables());
        EnumMap<Level, Long> rest = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            long n = machine.count(l);
            for (Tables t : by.values()) {
                n -= t.count(l);
            }
            rest.put(l, n);
        }
        by.put(Mechanism.NONE, new Tables(rest));
        return new TableSharing(machine, Collections.unmodifiableMap(by), noSharing, processes);
    }

    /** One process now; for an exited one, nothing. */
    static Process of(Machine m, Mm mm) {
        return new Walker(m).process(mm);
    }

    /** The sharing of {@code mechanism} machine-wide: every table counted once. */
    public Tables machine(Mechanism mechanism) {
        return machineByMechanism.get(mechanism);
    }

    /** Counts the tables the walks reach without changing anything (a run is counted as its 512 tables, never made). */
    private static final class Walker {
        private final Machine m;
        private final Set<PageTable> hostPuds = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<Mechanism, Set<PageTable>> seen = new EnumMap<>(Mechanism.class);
        /** Runs of tables a fork policy shared, each 512 shared PTE tables ({@link TableRun}). */
        private final Set<TableRun> sharedRuns = Collections.newSetFromMap(new IdentityHashMap<>());

        Walker(Machine m) {
            this.m = m;
            for (Mm host : m.mshare.hosts()) {
                if (host.pgd != null) {
                    for (PageTable t : host.pgd.next) {
                        if (t != null) {
                            hostPuds.add(t);
                        }
                    }
                }
            }
            seen.put(Mechanism.FORK_POLICY, Collections.newSetFromMap(new IdentityHashMap<>()));
            seen.put(Mechanism.HUGE_PMD_SHARE, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        Process process(Mm mm) {
            long[] reached = new long[Level.values().length];
            long[][] shared = new long[Mechanism.values().length][Level.values().length];
            long[] deposited = {0};
            if (mm.alive && mm.pgd != null) {
                walk(mm.pgd, false, reached, shared, deposited);
            }
            EnumMap<Mechanism, Tables> byMechanism = new EnumMap<>(Mechanism.class);
            long[] rest = reached.clone();
            for (Mechanism k : Mechanism.values()) {
                if (k != Mechanism.NONE) {
                    byMechanism.put(k, tables(shared[k.ordinal()]));
                    for (int l = 0; l < rest.length; l++) {
                        rest[l] -= shared[k.ordinal()][l];
                    }
                }
            }
            rest[Level.PTE.ordinal()] += deposited[0];
            byMechanism.put(Mechanism.NONE, tables(rest));
            return new Process(mm.comm, mm.pid, tables(reached), deposited[0],
                    Collections.unmodifiableMap(byMechanism), mm.pgtablesBytes, mm.faults.snapshot());
        }

        private void walk(PageTable t, boolean viaMshare, long[] reached, long[][] shared, long[] deposited) {
            boolean mshare = viaMshare || hostPuds.contains(t);
            Mechanism k = mshare ? Mechanism.MSHARE
                    : t.level == Level.PMD && t.refcount > 1 ? Mechanism.HUGE_PMD_SHARE
                    : t.level == Level.PTE && t.refcount > 1 ? Mechanism.FORK_POLICY
                    : Mechanism.NONE;
            reached[t.level.ordinal()]++;
            if (k != Mechanism.NONE) {
                shared[k.ordinal()][t.level.ordinal()]++;
                Set<PageTable> s = seen.get(k);
                if (s != null) {
                    s.add(t);
                }
            }
            if (t.level == Level.PTE) {
                return;
            }
            if (t.level == Level.PMD) {
                deposited[0] += t.hugeCount;
                if (t.hasRun()) {
                    // a run's 512 tables: the host's under mshare, shared by the fork policy when
                    // other mms reach them too, else private to the pmd table's mm
                    reached[Level.PTE.ordinal()] += Geometry.PTRS_PER_TABLE;
                    if (mshare) {
                        shared[Mechanism.MSHARE.ordinal()][Level.PTE.ordinal()] += Geometry.PTRS_PER_TABLE;
                    } else if (t.run().refcount() > 1) {
                        shared[Mechanism.FORK_POLICY.ordinal()][Level.PTE.ordinal()] += Geometry.PTRS_PER_TABLE;
                        sharedRuns.add(t.run());
                    }
                    return;
                }
            }
            for (PageTable below : t.next) {
                if (below != null) {
                    walk(below, mshare, reached, shared, deposited);
                }
            }
        }

        Tables distinct(Mechanism k) {
            long[] n = new long[Level.values().length];
            for (PageTable t : seen.get(k)) {
                n[t.level.ordinal()]++;
            }
            if (k == Mechanism.FORK_POLICY) {
                n[Level.PTE.ordinal()] += (long) sharedRuns.size() * Geometry.PTRS_PER_TABLE;
            }
            return tables(n);
        }

        /** Every table of every mshare region's host mm, its pgd and its deposits included. */
        Tables hostTables() {
            long[] n = new long[Level.values().length];
            for (Mm host : m.mshare.hosts()) {
                if (host.pgd != null) {
                    long[][] ignored = new long[Mechanism.values().length][Level.values().length];
                    long[] deposited = {0};
                    walk(host.pgd, true, n, ignored, deposited);
                    n[Level.PTE.ordinal()] += deposited[0];
                }
            }
            return tables(n);
        }

        private static Tables tables(long[] n) {
            EnumMap<Level, Long> out = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                out.put(l, n[l.ordinal()]);
            }
            return new Tables(out);
        }
    }
}
