package dev.cowpte.dap.session;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import dev.cowpte.dap.session.VariableTree.Node;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.PageTableTree;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.mm.VmaInfo;
import dev.cowpte.mm.Work;
import dev.cowpte.words.Amounts;
import dev.cowpte.words.Counters;
import dev.cowpte.words.KernelWords;
import dev.cowpte.words.StateRenderer;
import dev.cowpte.words.TreeWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stopped machine as variables: the machine's counters; each live process with its rss,
 * pgtables_bytes, faults and vmas and its page-table tree pgd → … → PTE tables, each table with
 * its refcount, sharers, owner and write-protection, down to the pages it maps. Alike neighbours
 * are condensed as the report condenses them (runs of PTE tables from the inspector; consecutive
 * upper tables with the same subtree become one node with a count), and tables the last step
 * changed are marked. Built lazily from the simulator's read-only views, only while the run waits.
 */
final class StateView {
    private final Machine machine;
    private final List<Mm> alive;
    private final TableStates now;
    private final TableStates before;

    StateView(Machine machine, List<Mm> alive, TableStates now, TableStates before) {
        this.machine = machine;
        this.alive = alive;
        this.now = now;
        this.before = before;
    }

    // ---- the machine ----

    List<Node> machine() {
        if (machine == null) {
            return List.of(Node.leaf("machine", "not set up yet (no process so far)", null));
        }
        List<Node> out = new ArrayList<>();
        out.add(Node.leaf("pagetables", Amounts.bytes(machine.pageTablesBytes()), "bytes"));
        Map<String, Long> tables = new LinkedHashMap<>();
        long all = 0;
        for (Level l : Level.values()) {
            int n = machine.tables(l);
            if (l != Level.P4D || n > 0) {
                tables.put(l.label(), (long) n);
            }
            all += n;
        }
        out.add(counters("tables", Long.toString(all), tables));
        out.add(Node.leaf("memory", Amounts.bytes(machine.memoryInUse()), "bytes"));
        out.add(Node.leaf("data pages", Long.toString(machine.dataPages()), "pages"));
        out.add(faults("faults", machine.faults()));
        Work w = machine.work();
        out.add(counters("work", Counters.work(w.asMap(), "no work"), w.asMap()));
        out.add(Node.leaf("config", StateRenderer.config(machine.config()), null));
        return out;
    }

    static Node counters(String name, String value, Map<String, Long> values) {
        return Node.group(name, value, () -> {
            List<Node> out = new ArrayList<>();
            values.forEach((k, v) -> out.add(Node.leaf(k, Long.toString(v), "count")));
            return out;
        });
    }

    static Node faults(String name, FaultCounters f) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("all", f.all());
        m.put("cow", f.cow());
        m.put("zero", f.zero());
        m.put("table", f.table());
        return counters(name, Counters.faultCounts(f), m);
    }

    // ---- processes ----

    List<Node> processes() {
        List<Node> out = new ArrayList<>();
        if (machine == null) {
            return out;
        }
        for (Mm mm : alive) {
            String value = "pid " + mm.pid() + ", rss " + Amounts.pages(mm.rss()) + ", pgtables_bytes "
                    + Amounts.bytes(mm.pgtablesBytes());
            out.add(new Node(mm.comm(), value, "process", now.countersChanged(mm.comm(), before), () -> process(mm)));
        }
        return out;
    }

    private List<Node> process(Mm mm) {
        MmSummary s = machine.inspector().summary(mm);
        List<Node> out = new ArrayList<>();
        PageTableTree tree = now.tree(mm.comm());
        if (tree != null && !tree.nodes().isEmpty()) {
            Group root = Group.condense(tree);
            out.add(Node.group("page tables", root.label(), () -> List.of(table(mm, root, true))));
        }
        out.add(Node.leaf("rss", Amounts.pages(s.rssPages()) + " (anon " + s.rssAnonPages() + ", shmem "
                + s.rssShmemPages() + (s.rssFilePages() == 0 ? "" : ", file " + s.rssFilePages()) + ")", "pages"));
        out.add(Node.leaf("pgtables_bytes", Amounts.bytes(s.pgtablesBytes()), "bytes"));
        out.add(faults("faults", s.faults()));
        Map<String, Long> reached = new LinkedHashMap<>();
        long all = 0;
        for (Level l : Level.values()) {
            Integer n = s.tables().get(l);
            if (n != null && (l != Level.P4D || n > 0)) {
                reached.put(l.label(), (long) n);
                all += n;
            }
        }
        out.add(counters("tables reached", Long.toString(all), reached));
        out.add(Node.leaf("shared PTE tables", Integer.toString(s.sharedPteTables()), "count"));
        out.add(Node.group("vmas", Integer.toString(s.vmas().size()), () -> {
            List<Node> vs = new ArrayList<>();
            for (VmaInfo v : s.vmas()) {
                vs.add(Node.leaf(v.name(), vma(v), "vma"));
            }
            return vs;
        }));
        return out;
    }

    static String vma(VmaInfo v) {
        return KernelWords.range(v) + " " + KernelWords.perms(v) + " " + Amounts.bytes(v.length())
                + (v.file() != null ? " file " + v.file() : "")
                + (v.dontfork() ? " dontfork" : "") + (v.wipeonfork() ? " wipeonfork" : "");
    }

    // ---- tables ----

    /** A table, or consecutive alike tables of one level, with its children condensed alike. */
    static final class Group {
        final PageTableTree.Node first;
        int count;
        int nodes = 1;
        long span;
        final List<Group> children = new ArrayList<>();
        final List<PageTableTree.Node> members = new ArrayList<>();
        String signature;

        Group(PageTableTree.Node n) {
            first = n;
            count = n.count();
            span = n.span();
            members.add(n);
        }

        static Group condense(PageTableTree tree) {
            Map<Long, List<PageTableTree.Node>> kids = new LinkedHashMap<>();
            PageTableTree.Node root = null;
            for (PageTableTree.Node n : tree.nodes()) {
                if (n.parentId() == 0 && root == null) {
                    root = n;
                } else {
                    kids.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
                }
            }
            return build(root, kids);
        }

        private static Group build(PageTableTree.Node n, Map<Long, List<PageTableTree.Node>> kids) {
            Group g = new Group(n);
            if (n.level() != Level.PTE) {
                Group last = null;
                for (PageTableTree.Node c : kids.getOrDefault(n.id(), List.of())) {
                    Group gc = build(c, kids);
                    if (last != null && gc.first.level() != Level.PTE
                            && gc.first.firstIndex() == last.first.firstIndex() + last.count
                            && last.signature.equals(gc.signature)) {
                        last.count += gc.count;
                        last.span += gc.span;
                        last.nodes++;
                        last.members.add(gc.first);
                    } else {
                        g.children.add(gc);
                        last = gc;
                    }
                }
            }
            StringBuilder sb = new StringBuilder(n.level().name());
            if (n.level() == Level.PTE) {
                sb.append('|').append(n.count()).append('|').append(n.refcount()).append('|')
                        .append(n.writeProtected()).append('|').append(n.sharers()).append('|').append(n.owner())
                        .append('|').append(n.sharedBy()).append('|').append(n.mappedPages());
            }
            sb.append('[');
            for (Group c : g.children) {
                sb.append(c.first.firstIndex()).append('+').append(c.count).append(c.signature).append(';');
            }
            g.signature = sb.append(']').toString();
            return g;
        }

        String label() {
            return first.label() + (count > 1 ? " ×" + count : "");
        }

        String entries() {
            return count > 1 ? "[" + first.firstIndex() + ".." + (first.firstIndex() + count - 1) + "]"
                    : "[" + first.firstIndex() + "]";
        }
    }

    private Node table(Mm mm, Group g, boolean root) {
        PageTableTree.Node n = g.first;
        boolean changed = false;
        for (PageTableTree.Node m : g.members) {
            changed |= now.changed(mm.comm(), m, before);
        }
        String name = (root ? "" : g.entries() + " ") + g.label();
        if (n.level() != Level.PTE) {
            String value = "refcount " + n.refcount() + ", " + g.children.size()
                    + (g.children.size() == 1 ? " entry" : " entries") + " below"
                    + (g.nodes > 1 ? "; " + g.nodes + " alike tables" : "");
            return new Node(name, value, n.level().label(), changed, () -> {
                List<Node> out = new ArrayList<>();
                if (g.nodes > 1) {
                    out.add(Node.leaf("alike", g.nodes + " tables with the same subtree (" + labels(g)
                            + "); below is " + n.label() + "'s", null));
                }
                for (Group c : g.children) {
                    out.add(table(mm, c, false));
                }
                return out;
            });
        }
        return new Node(name, TreeWords.pteTable(n), "PTE table", changed, () -> pteTable(mm, n));
    }

    private static String labels(Group g) {
        List<String> ids = new ArrayList<>();
        for (PageTableTree.Node m : g.members.subList(0, Math.min(4, g.members.size()))) {
            ids.add(m.label());
        }
        return String.join(", ", ids) + (g.members.size() > 4 ? ", …" : "");
    }

    private List<Node> pteTable(Mm mm, PageTableTree.Node n) {
        List<Node> out = new ArrayList<>();
        out.add(Node.leaf("refcount", Integer.toString(n.refcount()), "count"));
        out.add(Node.leaf("sharers", n.sharers().isEmpty() ? mm.comm() : String.join(" ", n.sharers()), null));
        out.add(Node.leaf("owner", n.owner() == null ? "-" : n.owner(), null));
        out.add(Node.leaf("write-protected", Boolean.toString(n.writeProtected()), "boolean"));
        out.add(Node.leaf("shared by", n.sharedBy() == null ? "-" : n.sharedBy().name(), null));
        out.add(Node.leaf("tables", n.count() == 1 ? "1" : n.count() + " alike (" + n.label() + " first)", "count"));
        out.add(Node.leaf("maps", Amounts.hex(n.base()) + "-" + Amounts.hex(n.base() + n.span()) + " ("
                + Amounts.bytes(n.span()) + ")", null));
        out.add(Node.leaf("mapped pages", Long.toString(n.mappedPages()), "pages"));
        out.add(Node.group("pages", "of " + n.label(), () -> pages(mm, n.base())));
        return out;
    }

    private List<Node> pages(Mm mm, long base) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            long addr = base + (long) i * PAGE_SIZE;
            PageWalk w = machine.inspector().walk(mm, addr);
            PageWalk.PteInfo e = w.pte();
            if (e == null || !e.present()) {
                continue;
            }
            out.add(Node.leaf("[" + i + "] " + Amounts.hex(addr), TreeWords.page(e), "page"));
        }
        if (out.isEmpty()) {
            out.add(Node.leaf("pages", "none present", null));
        }
        return out;
    }

    static long pages(long bytes) {
        return bytes / PAGE_SIZE;
    }
}
