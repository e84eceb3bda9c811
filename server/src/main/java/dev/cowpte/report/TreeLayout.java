package dev.cowpte.report;

import dev.cowpte.mm.LargeFolioPages;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.PageTableTree.Node;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places one {@link Drawing}: a block of rows per process, columns pgd → (p4d) → pud → pmd → PTE
 * tables, and one more column for PTE tables shared by several processes, each drawn once with a
 * pointer from every sharer's pmd. Alike neighbours are condensed at every level: the inspector
 * gives runs of alike PTE tables, and here consecutive upper tables whose subtrees look the same
 * (same runs, same sharing, same changes) become one box with a count, so 32 pmd tables of a
 * 32 GiB mapping are one "pmd ×32" pointing at one "pte ×16384".
 */
final class TreeLayout {
    static final double ROW = 44;
    static final double BOX_H = 34;
    static final double MARGIN = 8;
    static final double LABEL_W = 156;
    static final double GAP = 24;
    static final double PTE_W = 200;
    static final double SHARED_GAP = 72;
    static final double SHARED_W = 250;
    static final double BLOCK_GAP = 12;

    /** A table or a run of alike tables, with its children condensed the same way. */
    static final class Group {
        final Level level;
        final int firstIndex;
        int count;
        /** The first virtual address the group maps (its first table's), in the process it is drawn under. */
        final long base;
        long span;
        long present;
        final int refcount;
        final List<String> sharers;
        final boolean writeProtected;
        final String owner;
        final dev.cowpte.mm.ForkPolicy sharedBy;
        /** A run of huge PMDs: 2 MiB pages mapped by the pmd entries, each with a deposited PTE table. */
        final boolean huge;
        final EnumMap<Change, Integer> changes;
        /** The regions the group maps (PTE level), in address order. */
        final List<String> regions;
        /** Pages pinned in the group's range by the process it is drawn under. */
        int pinnedPages;
        /** For tables a fork copied instead of sharing: the pages the parent had pinned in them. */
        int pinnedByParent;
        /** How many of the group's tables hold pages the parent had pinned (copied for that). */
        int tablesPinnedByParent;
        /** The group's pages that belong to large folios (multi-size THP), by folio size, smallest first. */
        List<LargeFolioPages> largeFolios;
        final List<Long> ids = new ArrayList<>();
        final List<Group> children = new ArrayList<>();
        String signature;

        Group(Drawing.MarkedNode m) {
            Node n = m.node();
            level = n.level();
            firstIndex = n.firstIndex();
            count = n.count();
            base = n.base();
            span = n.span();
            present = n.mappedPages();
            refcount = n.refcount();
            sharers = n.sharers();
            writeProtected = n.writeProtected();
            owner = n.owner();
            sharedBy = n.sharedBy();
            huge = n.huge();
            changes = new EnumMap<>(m.changes());
            regions = new ArrayList<>(m.regions());
            pinnedPages = m.pinnedPages();
            pinnedByParent = m.pinnedByParent();
            tablesPinnedByParent = m.tablesPinnedByParent();
            largeFolios = m.largeFolios();
            ids.add(n.id());
        }

        boolean shared() {
            return level == Level.PTE && refcount > 1;
        }

        /** Identifies the very same tables in every sharer's tree. */
        String key() {
            StringBuilder sb = new StringBuilder(huge ? "huge" : level.label());
            for (long id : ids) {
                sb.append('-').append(id);
            }
            return sb.toString();
        }

        /** Everything that must match for two neighbours to be drawn as one, position excluded. */
        private String computeSignature() {
            StringBuilder sb = new StringBuilder(level.name()).append('|').append(changes.keySet());
            if (level == Level.PTE) {
                sb.append('|').append(huge).append('|').append(refcount).append('|').append(writeProtected).append('|').append(sharers)
                        .append('|').append(owner).append('|').append(sharedBy).append('|').append(regions)
                        .append('|').append(pinnedPages > 0).append('|').append(pinnedByParent > 0);
            }
            sb.append('[');
            for (Group c : children) {
                sb.append(c.firstIndex).append('+').append(c.count).append(c.signature).append(';');
            }
            return sb.append(']').toString();
        }

        void absorb(Group other) {
            count += other.count;
            span += other.span;
            present += other.present;
            pinnedPages += other.pinnedPages;
            pinnedByParent += other.pinnedByParent;
            tablesPinnedByParent += other.tablesPinnedByParent;
            largeFolios = addFolios(largeFolios, other.largeFolios);
            other.regions.stream().filter(r -> !regions.contains(r)).forEach(regions::add);
            ids.addAll(other.ids);
            other.changes.forEach((k, v) -> changes.merge(k, v, Integer::sum));
            for (int i = 0; i < children.size(); i++) {
                children.get(i).absorb(other.children.get(i));
            }
        }

        /**
         * The large folios of two groups of tables together: a folio (at most 1 MiB, aligned to
         * its size) lies within one table, so the tables' counts add up.
         */
        private static List<LargeFolioPages> addFolios(List<LargeFolioPages> a, List<LargeFolioPages> b) {
            if (b.isEmpty()) {
                return a;
            }
            TreeMap<Long, LargeFolioPages> bySize = new TreeMap<>();
            for (LargeFolioPages f : a) {
                bySize.put(f.sizeBytes(), f);
            }
            for (LargeFolioPages f : b) {
                bySize.merge(f.sizeBytes(), f, (x, y) -> new LargeFolioPages(x.sizeBytes(), x.pages() + y.pages(),
                        x.folios() + y.folios()));
            }
            return List.copyOf(bySize.values());
        }
    }

    /** A drawn box: a group of one process, or a shared PTE group (process null). */
    record Box(String id, Group group, String process, double x, double y, double w, double h) {
        double right() {
            return x + w;
        }

        double cy() {
            return y + h / 2;
        }
    }

    /**
     * A pointer from an upper table's entries to the table(s) below. {@code bends}: the corners of
     * an orthogonal route between the two ends, x and y alternating, the end being where the arrow
     * tip stands; empty for the wide layout's straight or curved pointer.
     */
    record Edge(String from, String to, String process, double x1, double y1, double x2, double y2,
                boolean writeProtected, boolean toShared, double... bends) {
    }

    /** One process's rows. */
    record Block(Drawing.ProcessTree process, double top, double height) {
    }

    record Layout(double width, double height, List<Level> columns, List<Block> blocks, List<Box> boxes,
                  List<Edge> edges) {
        long sharedBoxes() {
            return boxes.stream().filter(b -> b.process() == null).count();
        }

        long privateBoxes() {
            return boxes.stream().filter(b -> b.process() != null).count();
        }
    }

    private record Port(String process, String fromBox, double x, double y, boolean writeProtected) {
    }

    private final List<Level> columns = new ArrayList<>();
    private final List<Box> boxes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Group> sharedGroups = new LinkedHashMap<>();
    private final Map<String, List<Port>> ports = new LinkedHashMap<>();
    private int nextBox;

    private TreeLayout() {
    }

    static Layout of(Drawing d) {
        return new TreeLayout().layout(d);
    }

    private Layout layout(Drawing d) {
        boolean p4d = d.processes().stream().anyMatch(p -> p.nodes().stream()
                .anyMatch(n -> n.node().level() == Level.P4D));
        columns.add(Level.PGD);
        if (p4d) {
            columns.add(Level.P4D);
        }
        columns.add(Level.PUD);
        columns.add(Level.PMD);
        columns.add(Level.PTE);
        List<Block> blocks = new ArrayList<>();
        double y = MARGIN;
        for (Drawing.ProcessTree p : d.processes()) {
            Group root = condense(p);
            double h = root == null ? ROW : place(root, p.comm(), null, y);
            h = Math.max(h, 3 * 14 + 12);
            blocks.add(new Block(p, y, h));
            y += h + BLOCK_GAP;
        }
        double bottom = Math.max(y - BLOCK_GAP, MARGIN + ROW);
        bottom = Math.max(bottom, placeShared());
        return new Layout(sharedX() + SHARED_W + MARGIN, bottom + MARGIN, List.copyOf(columns), blocks,
                List.copyOf(boxes), List.copyOf(edges));
    }

    // ---- condensing ----

    private static Group condense(Drawing.ProcessTree p) {
        Map<Long, List<Drawing.MarkedNode>> kids = new LinkedHashMap<>();
        Drawing.MarkedNode root = null;
        for (Drawing.MarkedNode m : p.nodes()) {
            if (m.node().parentId() == 0 && root == null) {
                root = m;
            } else {
                kids.computeIfAbsent(m.node().parentId(), k -> new ArrayList<>()).add(m);
            }
        }
        return root == null ? null : build(root, kids);
    }

    private static Group build(Drawing.MarkedNode m, Map<Long, List<Drawing.MarkedNode>> kids) {
        Group g = new Group(m);
        if (m.node().level() != Level.PTE) {
            Group last = null;
            for (Drawing.MarkedNode c : kids.getOrDefault(m.node().id(), List.of())) {
                Group gc = build(c, kids);
                if (last != null && last.level == gc.level && gc.level != Level.PTE
                        && gc.firstIndex == last.firstIndex + last.count && last.signature.equals(gc.signature)) {
                    last.absorb(gc);
                } else {
                    g.children.add(gc);
                    last = gc;
                }
            }
        }
        g.signature = g.computeSignature();
        return g;
    }

    // ---- placing ----

    private double columnX(Level level) {
        double x = MARGIN + LABEL_W + GAP;
        for (Level l : columns) {
            if (l == level) {
                return x;
            }
            x += width(l) + GAP;
        }
        return x;
    }

    static double width(Level l) {
        return switch (l) {
            case PGD, P4D, PUD -> 64;
            case PMD -> 100;
            case PTE -> PTE_W;
        };
    }

    private double sharedX() {
        return columnX(Level.PTE) + PTE_W + SHARED_GAP;
    }

    /** Places a group and its subtree from {@code top}; returns the height of its rows. */
    private double place(Group g, String process, Box parent, double top) {
        if (g.level == Level.PTE) {
            double cy = top + ROW / 2;
            if (g.shared()) {
                // drawn once: it names the regions of every sharer (a child may map more in its range)
                Group drawn = sharedGroups.putIfAbsent(g.key(), g);
                if (drawn != null) {
                    g.regions.stream().filter(r -> !drawn.regions.contains(r)).forEach(drawn.regions::add);
                }
                ports.computeIfAbsent(g.key(), k -> new ArrayList<>())
                        .add(new Port(process, parent == null ? null : parent.id(), parent == null ? columnX(Level.PTE)
                                : parent.right(), cy, g.writeProtected));
                return ROW;
            }
            Box b = box(g, process, columnX(Level.PTE), cy - BOX_H / 2, PTE_W, BOX_H);
            link(parent, b, process, cy, g.writeProtected, false);
            return ROW;
        }
        String id = "b" + (nextBox++);
        int at = boxes.size();
        double h = 0;
        Box self = new Box(id, g, process, columnX(g.level), top + 4, width(g.level), 0);
        for (Group c : g.children) {
            h += place(c, process, self, top + h);
        }
        h = Math.max(h, ROW);
        Box placed = new Box(id, g, process, self.x(), top + (ROW - BOX_H) / 2, self.w(), h - (ROW - BOX_H));
        boxes.add(at, placed);
        link(parent, placed, process, placed.cy(), false, false);
        // children's edges were drawn from the provisional box: same id and x, so they stand
        return h;
    }

    private Box box(Group g, String process, double x, double y, double w, double h) {
        Box b = new Box("b" + (nextBox++), g, process, x, y, w, h);
        boxes.add(b);
        return b;
    }

    private void link(Box from, Box to, String process, double y, boolean wp, boolean shared) {
        if (from != null) {
            edges.add(new Edge(from.id(), to.id(), process, from.right(), y, to.x(), y, wp, shared));
        }
    }

    /** Places every shared group beside its sharers, in order, without overlap; returns the bottom. */
    private double placeShared() {
        double bottom = 0;
        double x = sharedX();
        List<Map.Entry<String, List<Port>>> order = new ArrayList<>(ports.entrySet());
        order.sort((a, b) -> Double.compare(mean(a.getValue()), mean(b.getValue())));
        double prev = MARGIN - BLOCK_GAP;
        for (Map.Entry<String, List<Port>> e : order) {
            List<Port> in = e.getValue();
            Group g = sharedGroups.get(e.getKey());
            double h = Math.max(5 * 13 + 10, in.size() * 10 + 12);
            double y = Math.max(mean(in) - h / 2, prev + BLOCK_GAP);
            Box b = new Box("s" + (nextBox++), g, null, x, y, SHARED_W, h);
            boxes.add(b);
            in.sort((p, q) -> Double.compare(p.y(), q.y()));
            for (int i = 0; i < in.size(); i++) {
                Port p = in.get(i);
                double ay = y + (i + 1) * h / (in.size() + 1);
                edges.add(new Edge(p.fromBox(), b.id(), p.process(), p.x(), p.y(), x, ay, p.writeProtected(), true));
            }
            prev = y + h;
            bottom = Math.max(bottom, prev);
        }
        return bottom;
    }

    private static double mean(List<Port> in) {
        return in.stream().mapToDouble(Port::y).average().orElse(0);
    }
}
