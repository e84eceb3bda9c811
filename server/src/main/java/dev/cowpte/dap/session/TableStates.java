package dev.cowpte.dap.session;

import dev.cowpte.mm.Level;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.PageTableTree;
import dev.cowpte.mm.PageTableTree.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The page-table trees of the live processes at one stop, to tell at the next stop which tables
 * changed: an upper table that is new; PTE tables whose range was mapped before by tables of
 * another state (refcount, sharers, write-protection, owner, sharing policy), by another table
 * (a copy), or not at all. Taken once per stop: O(tables), a few milliseconds for 32 GiB × 17.
 */
final class TableStates {
    private final Map<String, PageTableTree> trees = new HashMap<>();
    private final Map<String, TreeMap<Long, Node>> ptes = new HashMap<>();
    private final Map<String, Map<Long, Node>> uppers = new HashMap<>();
    private final Map<String, long[]> counters = new HashMap<>();

    static TableStates of(Machine machine, List<Mm> alive) {
        TableStates s = new TableStates();
        if (machine == null) {
            return s;
        }
        for (Mm mm : alive) {
            PageTableTree t = machine.inspector().tree(mm);
            s.trees.put(mm.comm(), t);
            TreeMap<Long, Node> p = new TreeMap<>();
            Map<Long, Node> u = new HashMap<>();
            for (Node n : t.nodes()) {
                if (n.level() == Level.PTE) {
                    p.put(n.base(), n);
                } else {
                    u.put(n.id(), n);
                }
            }
            s.ptes.put(mm.comm(), p);
            s.uppers.put(mm.comm(), u);
            s.counters.put(mm.comm(), new long[] {mm.rss(), mm.pgtablesBytes()});
        }
        return s;
    }

    PageTableTree tree(String comm) {
        return trees.get(comm);
    }

    /** Whether the process's rss or page-table bytes differ from {@code before}'s. */
    boolean countersChanged(String comm, TableStates before) {
        if (before == null) {
            return false;
        }
        long[] was = before.counters.get(comm);
        long[] now = counters.get(comm);
        return was == null || now == null || was[0] != now[0] || was[1] != now[1];
    }

    /** Whether the node (of this stop's tree of {@code comm}) differs from what {@code before} had there. */
    boolean changed(String comm, Node n, TableStates before) {
        if (before == null) {
            return false;
        }
        if (n.level() != Level.PTE) {
            Map<Long, Node> u = before.uppers.get(comm);
            Node o = u == null ? null : u.get(n.id());
            return o == null || o.refcount() != n.refcount();
        }
        TreeMap<Long, Node> old = before.ptes.get(comm);
        if (old == null) {
            return true;
        }
        Node same = old.get(n.base());
        if (same != null && same.count() == n.count()) {
            return !alike(same, n) || same.id() != n.id() || same.mappedPages() != n.mappedPages();
        }
        if (same != null && same.id() != n.id()) {
            return true;
        }
        long end = n.base() + n.span();
        long covered = 0;
        Long from = old.floorKey(n.base());
        for (Node o : old.subMap(from == null ? n.base() : from, true, end, false).values()) {
            long lo = Math.max(o.base(), n.base());
            long hi = Math.min(o.base() + o.span(), end);
            if (hi <= lo) {
                continue;
            }
            if (!alike(o, n)) {
                return true;
            }
            covered += hi - lo;
        }
        return covered != n.span();
    }

    private static boolean alike(Node a, Node b) {
        return a.refcount() == b.refcount() && a.writeProtected() == b.writeProtected()
                && a.sharers().equals(b.sharers()) && Objects.equals(a.owner(), b.owner())
                && Objects.equals(a.sharedBy(), b.sharedBy());
    }
}
