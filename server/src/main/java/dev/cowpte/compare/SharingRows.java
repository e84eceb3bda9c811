package dev.cowpte.compare;

import dev.cowpte.compare.ComparisonRows.Counter;
import dev.cowpte.compare.ComparisonRows.Row;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.TableSharing;
import dev.cowpte.mm.TableSharing.Mechanism;
import dev.cowpte.run.PolicyComparison.PolicyRun;
import dev.cowpte.words.Amounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows that set the four answers to "share page tables" side by side, where a scenario maps
 * shared hugetlb memory or an mshare region: machine-wide at the page-table peak, the tables that
 * exist, what the same processes would hold with no sharing, and the part that no mechanism, the
 * fork policy, hugetlb PMD sharing and mshare share; the most any one process reaches; the faults
 * then. Per process, the tables it reached (as its own) and the part each mechanism shared. Each
 * row's text is bytes; its counters add the tables per level.
 */
final class SharingRows {
    /** The heading of the block. */
    static final String SECTION = "page tables by sharing, at the page-table peak";

    private SharingRows() {
    }

    /** The sentence under the table that says how the block counts, when the rows have it. */
    static java.util.Optional<String> note(List<PolicyRun> runs) {
        if (runs.stream().allMatch(r -> r.sharing() == null)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Page tables by sharing: after the last statement at which the machine held the most,"
                + " each table once, by the mechanism that shares it: none, the fork policy (PTE tables), hugetlb PMD"
                + " sharing (pmd tables, huge_pmd_share) or mshare (the tables of a region's host mm); 'with no"
                + " sharing' counts each process's reached tables, and its huge PMDs' deposited ones, as its own."
                + " Per process, the page tables it reached at the end or just before it exited.");
    }

    /** The machine's block, or nothing when no run watched the sharing. */
    static List<Row> machine(List<PolicyRun> runs) {
        if (runs.stream().allMatch(r -> r.sharing() == null)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(SECTION, true, List.of(), "sharing", List.of()));
        rows.add(tables("PageTables", "sharing.pagetables", runs, t -> t.machine()));
        rows.add(tables("with no sharing", "sharing.no_sharing", runs, TableSharing::noSharing));
        for (Mechanism k : Mechanism.values()) {
            rows.add(tables(label(k), "sharing." + k.key(), runs, t -> t.machine(k)));
        }
        rows.add(tables("per process, most reached", "sharing.process_most_reached", runs, t -> t.processes().stream()
                .map(TableSharing.Process::reached).max(java.util.Comparator.comparingLong(TableSharing.Tables::count))
                .orElse(TableSharing.Tables.NONE)));
        rows.add(ComparisonRows.faults("sharing", runs, r -> r.sharing() == null ? null : r.sharing().faults()));
        return rows;
    }

    /**
     * A process's rows: the tables it reached (as its own, its huge PMDs' deposits left out), and of
     * these the part each mechanism shared where some policy's run shared any; nothing when no run
     * watched the sharing.
     */
    static List<Row> process(String k, List<PolicyRun> runs, Function<PolicyRun, TableSharing.Process> of) {
        if (runs.stream().allMatch(r -> of.apply(r) == null)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        rows.add(processTables("page tables reached", k + ".reached", runs, of, TableSharing.Process::reached));
        for (Mechanism m : Mechanism.values()) {
            if (m != Mechanism.NONE && runs.stream().anyMatch(r -> Optional.ofNullable(of.apply(r))
                    .map(p -> p.shared(m).count() > 0).orElse(false))) {
                rows.add(processTables("  of which " + m.label(), k + ".reached_" + m.key(), runs, of,
                        p -> p.shared(m)));
            }
        }
        return rows;
    }

    /** {@code not shared}, {@code shared by the fork policy}, {@code shared by hugetlb PMD sharing}, {@code through mshare}. */
    static String label(Mechanism k) {
        return switch (k) {
            case NONE -> "not shared";
            case FORK_POLICY -> "shared by the fork policy";
            case HUGE_PMD_SHARE -> "shared by hugetlb PMD sharing";
            case MSHARE -> "shared through mshare";
        };
    }

    private static Row tables(String label, String key, List<PolicyRun> runs, Function<TableSharing, TableSharing.Tables> f) {
        return row(label, key, runs, r -> r.sharing() == null ? null : f.apply(r.sharing().tables()));
    }

    private static Row processTables(String label, String key, List<PolicyRun> runs,
                                     Function<PolicyRun, TableSharing.Process> of,
                                     Function<TableSharing.Process, TableSharing.Tables> f) {
        return row(label, key, runs, r -> Optional.ofNullable(of.apply(r)).map(f).orElse(null));
    }

    /** Bytes as text; counters {@code KEY_bytes} and {@code KEY_tables_LEVEL} (p4d only where a run has one). */
    private static Row row(String label, String key, List<PolicyRun> runs, Function<PolicyRun, TableSharing.Tables> f) {
        List<String> text = new ArrayList<>();
        List<Counter> counters = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        for (PolicyRun r : runs) {
            TableSharing.Tables t = f.apply(r);
            text.add(t == null ? "-" : Amounts.bytes(t.bytes()));
            bytes.add(t == null ? null : t.bytes());
        }
        counters.add(new Counter(key + "_bytes", ComparisonRows.BYTES, java.util.Collections.unmodifiableList(bytes)));
        for (Level l : Level.values()) {
            List<Long> n = new ArrayList<>();
            for (PolicyRun r : runs) {
                TableSharing.Tables t = f.apply(r);
                n.add(t == null ? null : t.count(l));
            }
            if (l != Level.P4D || n.stream().anyMatch(v -> v != null && v > 0)) {
                counters.add(new Counter(key + "_tables_" + l.label(), ComparisonRows.COUNT,
                        java.util.Collections.unmodifiableList(n)));
            }
        }
        return new Row(label, false, text, counters.get(0).key(), List.copyOf(counters));
    }
}
