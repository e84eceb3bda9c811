package dev.cowpte.run;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.MmSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one {@link StatementRecord} per statement of the tree, and decides which runs are
 * recorded in detail: all of them outside repeats, the last iteration inside (so a repeat of a
 * million records what one iteration does).
 */
final class Recorder {
    private final String source;
    private final Map<Statement, StatementRecord> records = new IdentityHashMap<>();
    private boolean detailed = true;

    Recorder(String source) {
        this.source = source == null ? "" : source;
    }

    StatementRecord of(Statement s) {
        return records.computeIfAbsent(s, k -> new StatementRecord(k, textOf(k)));
    }

    /** A record that is not part of the result (for the access inside {@code expect segv}). */
    StatementRecord detached(Statement s) {
        return new StatementRecord(s, textOf(s));
    }

    /** Registers every statement of the tree, so statements that never ran are reported too. */
    void registerAll(List<Statement> statements) {
        for (Statement s : statements) {
            of(s);
            registerAll(s.children());
        }
    }

    boolean detailed() {
        return detailed;
    }

    /** Sets whether the runs from now on are recorded in detail; returns the previous setting. */
    boolean detailed(boolean on) {
        boolean before = detailed;
        detailed = on;
        return before;
    }

    /** The state after a statement: live processes, the machine, and the walks it asked for. */
    void captureState(StatementRecord rec, Machine machine, List<Mm> alive, List<Mm> walkMms, List<Long> walkAddrs,
                      List<SourceRange> walkRanges) {
        if (machine == null) {
            return;
        }
        List<MmSummary> procs = new ArrayList<>();
        for (Mm mm : alive) {
            if (procs.size() == StatementRecord.MAX_PROCESSES) {
                break;
            }
            procs.add(machine.inspector().summary(mm));
        }
        List<StatementRecord.AddressWalk> walks = new ArrayList<>();
        for (int i = 0; i < walkMms.size(); i++) {
            if (walkMms.get(i).alive()) {
                walks.add(new StatementRecord.AddressWalk(walkRanges.get(i),
                        machine.inspector().walk(walkMms.get(i), walkAddrs.get(i))));
            }
        }
        rec.state(procs, alive.size() > procs.size(), machine.inspector().summary(), walks);
    }

    /** The rss of the live processes before a statement runs (cheap: counters only). */
    void captureRssBefore(StatementRecord rec, List<Mm> alive) {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Mm mm : alive) {
            if (rss.size() == StatementRecord.MAX_PROCESSES) {
                break;
            }
            rss.put(mm.comm(), mm.rss());
        }
        rec.rssBefore(rss);
    }

    List<StatementRecord> inSourceOrder() {
        List<StatementRecord> out = new ArrayList<>(records.values());
        out.sort(Comparator.comparingInt(r -> r.range().startOffset()));
        return out;
    }

    private String textOf(Statement s) {
        int from = Math.max(0, Math.min(s.range().startOffset(), source.length()));
        int to = Math.max(from, Math.min(s.range().endOffset(), source.length()));
        String t = source.substring(from, to);
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl);
        }
        return t.strip();
    }
}
