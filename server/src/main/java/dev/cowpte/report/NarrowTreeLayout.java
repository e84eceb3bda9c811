package dev.cowpte.report;

import dev.cowpte.mm.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places the boxes of a {@link TreeLayout} anew as an outline for a narrow window: per process a
 * block, its name and numbers first, then a row per box indented by level (pgd, pud, pmd, PTE
 * tables), each pointer running down a stem from the upper table and right into the table below.
 * A PTE table shared by several processes stands once in a block of its own below the processes:
 * in each sharer's rows a reference stands where the table would, and the sharer's pointer goes on
 * from there to a lane at the right side, down the lane and into the shared box. The boxes (ids,
 * groups, processes) and the pointers (ends, write protection) are the wide layout's; only where
 * they stand changes.
 */
final class NarrowTreeLayout {
    static final double WIDTH = 420;
    static final double MARGIN = 6;
    /** Left padding of the rows inside a block. */
    static final double PAD = 8;
    static final double INDENT = 20;
    /** Where a box's stem runs down, from its left side. */
    static final double STEM = 9;
    /** The process's name and numbers, above its rows. */
    static final double HEAD = 34;
    static final double GAP = 6;
    static final double BLOCK_GAP = 10;
    static final double REF_W = 200;
    static final double REF_H = 18;
    /** The lanes of the pointers to shared tables, one per shared box (at most {@link #LANES}, then reused). */
    static final double LANE = 6;
    static final int LANES = 5;
    static final double SHARED_HEAD = 22;

    /** Where a sharer's rows name a shared PTE table, drawn below, that its pmd table points to. */
    record Ref(String from, String to, String process, double x, double y, double w, double h) {
        double cy() {
            return y + h / 2;
        }
    }

    /**
     * The outline: boxes, pointers and blocks as records of the wide layout, the references, and
     * where the block of shared tables starts (NaN when there is none).
     */
    record Outline(TreeLayout.Layout layout, List<Ref> refs, double sharedTop) {
    }

    private final TreeLayout.Layout wide;
    private final Map<TreeLayout.Group, TreeLayout.Box> privateBoxes = new IdentityHashMap<>();
    private final Map<String, TreeLayout.Box> sharedByKey = new LinkedHashMap<>();
    private final Map<String, TreeLayout.Box> placed = new HashMap<>();
    private final Map<String, Ref> refs = new LinkedHashMap<>();
    private final Map<String, Double> lanes = new HashMap<>();
    /** The right side of the boxes; the lanes are right of it. */
    private final double right;

    private NarrowTreeLayout(TreeLayout.Layout wide) {
        this.wide = wide;
        for (TreeLayout.Box b : wide.boxes()) {
            if (b.process() == null) {
                sharedByKey.put(b.group().key(), b);
            } else {
                privateBoxes.put(b.group(), b);
            }
        }
        int used = Math.min(LANES, sharedByKey.size());
        right = WIDTH - MARGIN - (used == 0 ? 0 : 12 + LANE * (used - 1));
    }

    static Outline of(TreeLayout.Layout wide) {
        return new NarrowTreeLayout(wide).layout();
    }

    private Outline layout() {
        Set<String> pointedTo = new HashSet<>();
        wide.edges().forEach(e -> pointedTo.add(e.to()));
        List<TreeLayout.Block> blocks = new ArrayList<>();
        double y = MARGIN;
        for (TreeLayout.Block wb : wide.blocks()) {
            String comm = wb.process().comm();
            double top = y;
            y += HEAD;
            for (TreeLayout.Box root : wide.boxes()) {
                if (comm.equals(root.process()) && !pointedTo.contains(root.id()) && !placed.containsKey(root.id())) {
                    y = place(root, y);
                    break;
                }
            }
            blocks.add(new TreeLayout.Block(wb.process(), top, y - top));
            y += BLOCK_GAP;
        }
        double sharedTop = Double.NaN;
        if (!sharedByKey.isEmpty()) {
            sharedTop = y;
            y = placeShared(y + SHARED_HEAD);
        }
        List<TreeLayout.Box> boxes = wide.boxes().stream().map(b -> placed.get(b.id())).toList();
        return new Outline(new TreeLayout.Layout(WIDTH, y + MARGIN, wide.columns(), List.copyOf(blocks), boxes,
                route()), List.copyOf(refs.values()), sharedTop);
    }

    /** Places a box of the wide layout and, below it, the rows of its subtree; returns the next row's top. */
    private double place(TreeLayout.Box wb, double top) {
        TreeLayout.Group g = wb.group();
        double x = MARGIN + PAD + Math.max(0, wide.columns().indexOf(g.level)) * INDENT;
        double w = g.level == Level.PTE ? right - x : TreeLayout.width(g.level);
        TreeLayout.Box b = sized(wb, x, top, w, 0);
        placed.put(b.id(), b);
        double y = top + b.h() + GAP;
        for (TreeLayout.Group c : g.children) {
            TreeLayout.Box s = c.shared() ? sharedByKey.get(c.key()) : null;
            if (s != null) {
                refs.putIfAbsent(b.id() + ">" + s.id(), new Ref(b.id(), s.id(), b.process(), x + INDENT, y, REF_W, REF_H));
                y += REF_H + GAP;
            } else if (privateBoxes.containsKey(c)) {
                y = place(privateBoxes.get(c), y);
            }
        }
        return y;
    }

    /** A box as tall as its lines of text need, and at least as tall as {@code min}. */
    private static TreeLayout.Box sized(TreeLayout.Box wb, double x, double y, double w, double min) {
        TreeLayout.Box probe = new TreeLayout.Box(wb.id(), wb.group(), wb.process(), x, y, w, 0);
        double h = Math.max(min, Math.max(22, 8 + 13 * TreeSvg.lines(probe).size()));
        return new TreeLayout.Box(wb.id(), wb.group(), wb.process(), x, y, w, h);
    }

    /** The shared boxes, in the order their first sharer names them, each with a lane; returns the bottom. */
    private double placeShared(double top) {
        Map<String, Integer> pointers = new HashMap<>();
        wide.edges().stream().filter(TreeLayout.Edge::toShared).forEach(e -> pointers.merge(e.to(), 1, Integer::sum));
        Map<String, TreeLayout.Box> byId = new HashMap<>();
        sharedByKey.values().forEach(b -> byId.put(b.id(), b));
        Map<String, TreeLayout.Box> first = new LinkedHashMap<>();
        refs.values().forEach(r -> first.putIfAbsent(r.to(), byId.get(r.to())));
        sharedByKey.values().forEach(b -> first.putIfAbsent(b.id(), b));
        List<TreeLayout.Box> order = List.copyOf(first.values());
        double y = top;
        for (int k = 0; k < order.size(); k++) {
            TreeLayout.Box wb = order.get(k);
            double x = MARGIN + PAD;
            TreeLayout.Box b = sized(wb, x, y, right - x, pointers.getOrDefault(wb.id(), 0) * 10 + 12);
            placed.put(b.id(), b);
            lanes.put(b.id(), right + 8 + LANE * (k % LANES));
            y += b.h() + GAP;
        }
        return y - GAP + PAD;
    }

    /** The wide layout's pointers, routed between the boxes where they now stand. */
    private List<TreeLayout.Edge> route() {
        Map<String, List<TreeLayout.Edge>> into = new HashMap<>();
        for (TreeLayout.Edge e : wide.edges()) {
            if (e.toShared()) {
                into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            }
        }
        into.values().forEach(in -> in.sort((p, q) -> Double.compare(refY(p), refY(q))));
        List<TreeLayout.Edge> out = new ArrayList<>();
        for (TreeLayout.Edge e : wide.edges()) {
            TreeLayout.Box to = placed.get(e.to());
            TreeLayout.Box from = e.from() == null ? null : placed.get(e.from());
            if (!e.toShared()) {
                double sx = from.x() + STEM;
                out.add(new TreeLayout.Edge(e.from(), e.to(), e.process(), sx, from.y() + from.h(), to.x() - 2, to.cy(),
                        e.writeProtected(), false, sx, to.cy()));
                continue;
            }
            List<TreeLayout.Edge> in = into.get(e.to());
            double ay = to.y() + (in.indexOf(e) + 1) * to.h() / (in.size() + 1);
            double lane = lanes.get(e.to());
            double ry = refY(e);
            double sx = from == null ? lane : from.x() + STEM;
            double sy = from == null ? ry : from.y() + from.h();
            out.add(new TreeLayout.Edge(e.from(), e.to(), e.process(), sx, sy, to.right() + 2, ay, e.writeProtected(),
                    true, sx, ry, lane, ry, lane, ay));
        }
        return List.copyOf(out);
    }

    /** The middle of the reference a pointer to a shared table passes through. */
    private double refY(TreeLayout.Edge e) {
        Ref r = refs.get(e.from() + ">" + e.to());
        return r == null ? placed.get(e.to()).y() : r.cy();
    }
}
