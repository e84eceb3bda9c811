package dev.cowpte.report;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.mm.Geometry;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.PageTableTree;
import dev.cowpte.mm.PageTableTree.Node;
import dev.cowpte.mm.Work;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marks what a statement did to each table by comparing the trees before and after it. A table
 * is new when its id was handed out during the statement (ids are sequential); a new PTE table
 * where a write-protected or shared one stood is a copy (COW broken by copying), and so is every
 * private PTE table of a child just forked; an old PTE table that was write-protected and no
 * longer is was reused; an old one whose refcount rose or fell gained or lost a sharer. A PTE
 * table where a huge PMD stood, with the id of its deposited table, was split from it; a huge
 * PMD where none stood was mapped by a fault (new), and a child's huge PMDs were copied by fork.
 */
final class TreeChanges {
    private TreeChanges() {
    }

    static Drawing drawing(String policy, long step, Statement s, String text, Machine machine, List<Mm> alive,
                           Map<String, PageTableTree> before, List<String> aliveBefore, long firstNewId, Work work) {
        List<Drawing.ProcessTree> procs = new ArrayList<>();
        List<TreeMap<Long, Node>> namedBefore = new ArrayList<>();
        for (PageTableTree t : before.values()) {
            namedBefore.add(ptesByBase(t));
        }
        ForkPolicy forkPolicy = s instanceof Statement.Fork f
                ? ForkPolicies.byName(f.policy() != null ? f.policy() : policy).orElse(null) : null;
        Mm forker = null;
        for (Mm mm : alive) {
            if (forkPolicy != null && before.containsKey(mm.comm())) {
                forker = mm;
            }
        }
        Mm pinner = forkPolicy != null && forkPolicy.sharesPteTablesAtFork() ? forker : null;
        for (Mm mm : alive) {
            if (procs.size() == ReportRecorder.MAX_PROCESSES_DRAWN) {
                break;
            }
            PageTableTree after = machine.inspector().tree(mm);
            boolean forked = !aliveBefore.contains(mm.comm());
            PageTableTree was = before.get(mm.comm());
            List<Drawing.MarkedNode> nodes = new ArrayList<>();
            TreeMap<Long, Node> oldPtes = was == null ? new TreeMap<>() : ptesByBase(was);
            for (Node n : after.nodes()) {
                EnumMap<Change, Integer> changes = new EnumMap<>(Change.class);
                if (n.level() != Level.PTE) {
                    if (!forked && n.id() >= firstNewId) {
                        changes.put(Change.ALLOCATED, 1);
                    }
                } else if (forked) {
                    // every private table of a new child was copied by fork; shared ones gained it as a sharer
                    changes.put(n.shared() || n.id() < firstNewId ? Change.SHARED : Change.COPIED, n.count());
                } else if (was != null) {
                    if (!unchanged(n, oldPtes.get(n.base()))) {
                        markRun(n, machine, mm, oldPtes, firstNewId, changes);
                    }
                } else if (n.id() < firstNewId) {
                    markSharer(n, mm.comm(), namedBefore, changes);
                }
                nodes.add(n.level() == Level.PTE ? leaf(machine, mm, n, changes, forked ? pinner : null)
                        : new Drawing.MarkedNode(n, changes));
            }
            procs.add(new Drawing.ProcessTree(mm.comm(), mm.rss(), mm.pgtablesBytes(), forked, nodes));
        }
        List<String> gone = new ArrayList<>(aliveBefore);
        for (Mm mm : alive) {
            gone.remove(mm.comm());
        }
        String note = null;
        if (s instanceof Statement.Fork f && f.policy() != null) {
            note = "this fork names its policy: " + f.policy();
        }
        return new Drawing(policy, step, s.range().line(), text, note, procs, Math.max(0, alive.size() - procs.size()),
                gone, work.asMap());
    }

    /**
     * A PTE table run (or huge PMDs) with the regions it maps, the pins in it and the large folios
     * its pages belong to; in a child just
     * forked under a policy that shares tables, a copied run says how many pages the parent had
     * pinned there: fork copies a page that may be pinned for DMA ({@code copy_present_ptes}:
     * {@code folio_needs_cow_for_dma}, then {@code copy_present_page}), so the table that maps it
     * is copied, not shared.
     */
    private static Drawing.MarkedNode leaf(Machine machine, Mm mm, Node n, EnumMap<Change, Integer> changes,
                                           Mm pinner) {
        long end = n.base() + n.span();
        int[] byParent = pinner != null && changes.containsKey(Change.COPIED)
                ? machine.inspector().pinnedPagesCopiedAtFork(pinner, mm, n.base(), end) : new int[2];
        return new Drawing.MarkedNode(n, changes, machine.inspector().regionsIn(mm, n.base(), end),
                machine.inspector().pinnedPages(mm, n.base(), end), byParent[0], byParent[1],
                machine.inspector().largeFolioPages(mm, n.base(), end));
    }

    private static TreeMap<Long, Node> ptesByBase(PageTableTree t) {
        TreeMap<Long, Node> out = new TreeMap<>();
        for (Node n : t.nodes()) {
            if (n.level() == Level.PTE) {
                out.put(n.base(), n);
            }
        }
        return out;
    }

    /**
     * A process the statement did not name changes only through tables it shared with the named
     * one: a table at the same address that listed it as a sharer before is the same table, and
     * its refcount then rose (fork) or fell (exit, break by copying, unmap).
     */
    private static void markSharer(Node n, String comm, List<TreeMap<Long, Node>> namedBefore,
                                   EnumMap<Change, Integer> changes) {
        long start = n.base();
        long end = n.base() + (long) n.count() * Geometry.PMD_SIZE;
        for (TreeMap<Long, Node> old : namedBefore) {
            // the old runs that overlap this one, each counted for the tables they have in common
            Long from = old.floorKey(start);
            for (Node o : old.subMap(from != null ? from : start, true, end, false).values()) {
                long overlap = Math.min(end, o.base() + o.span()) - Math.max(start, o.base());
                if (overlap <= 0 || !o.shared() || o.refcount() == n.refcount() || !o.sharers().contains(comm)) {
                    continue;
                }
                changes.merge(n.refcount() > o.refcount() ? Change.SHARED : Change.UNSHARED,
                        (int) (overlap / Geometry.PMD_SIZE), Integer::sum);
            }
        }
    }

    private static boolean unchanged(Node now, Node was) {
        return was != null && was.id() == now.id() && was.count() == now.count() && was.refcount() == now.refcount()
                && was.writeProtected() == now.writeProtected() && was.sharers().equals(now.sharers())
                && was.huge() == now.huge();
    }

    /** Classifies each table of a run against the run that covered its 2 MiB before the statement. */
    private static void markRun(Node n, Machine machine, Mm mm, TreeMap<Long, Node> oldPtes, long firstNewId,
                                EnumMap<Change, Integer> changes) {
        if (n.huge()) {
            for (int k = 0; k < n.count(); k++) {
                Map.Entry<Long, Node> e = oldPtes.floorEntry(n.base() + k * Geometry.PMD_SIZE);
                Node old = e != null && n.base() + k * Geometry.PMD_SIZE < e.getValue().base() + e.getValue().span()
                        ? e.getValue() : null;
                if (old == null || !old.huge()) {
                    changes.merge(Change.ALLOCATED, 1, Integer::sum);
                }
            }
            return;
        }
        // a run of private writable tables may mix old and new ones: ask each table's id
        boolean walkEach = n.count() > 1 && n.refcount() == 1 && !n.writeProtected();
        for (int k = 0; k < n.count(); k++) {
            long base = n.base() + k * Geometry.PMD_SIZE;
            long id = n.id();
            if (walkEach && k > 0) {
                long t = machine.inspector().pteTableId(mm, base);
                id = t < 0 ? id : t;
            }
            Map.Entry<Long, Node> e = oldPtes.floorEntry(base);
            Node old = e != null && base < e.getValue().base() + e.getValue().span() ? e.getValue() : null;
            Change c = null;
            if (old != null && old.huge()) {
                c = Change.SPLIT;
            } else if (id >= firstNewId) {
                c = old != null && (old.writeProtected() || old.shared()) ? Change.COPIED : Change.ALLOCATED;
            } else if (old != null) {
                if (old.writeProtected() && !n.writeProtected()) {
                    c = Change.REUSED;
                } else if (n.refcount() > old.refcount()) {
                    c = Change.SHARED;
                } else if (n.refcount() < old.refcount()) {
                    c = Change.UNSHARED;
                }
            }
            if (c != null) {
                changes.merge(c, 1, Integer::sum);
            }
        }
    }
}
