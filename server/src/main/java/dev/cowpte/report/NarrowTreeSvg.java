package dev.cowpte.report;

import static dev.cowpte.report.Html.cut;
import static dev.cowpte.report.Html.esc;
import static dev.cowpte.report.Html.num;

import java.util.HashMap;
import java.util.Map;

/**
 * Draws a {@link NarrowTreeLayout} as inline SVG, {@code <svg class="tree narrow">}: the boxes and
 * pointers as {@link TreeSvg} draws them (same classes, data attributes, titles and badges), each
 * process's block headed by its name and numbers, the references to the shared tables as
 * {@code <g class="ref">} with {@code data-from}/{@code data-to}, and the shared tables' block.
 */
final class NarrowTreeSvg {
    private NarrowTreeSvg() {
    }

    static String render(Drawing d, NarrowTreeLayout.Outline o) {
        TreeLayout.Layout l = o.layout();
        StringBuilder sb = new StringBuilder(8192);
        TreeSvg.open(sb, "tree narrow", d, l);
        for (TreeLayout.Block b : l.blocks()) {
            block(sb, b, l);
        }
        if (!Double.isNaN(o.sharedTop())) {
            double x = NarrowTreeLayout.MARGIN;
            sb.append("<g class=\"shared-block\"><rect class=\"shared-lane\" x=\"").append(num(x)).append("\" y=\"")
                    .append(num(o.sharedTop())).append("\" width=\"").append(num(l.width() - 2 * x))
                    .append("\" height=\"").append(num(l.height() - NarrowTreeLayout.MARGIN - o.sharedTop()))
                    .append("\" rx=\"6\"/><text class=\"proc-name\" x=\"").append(num(x + NarrowTreeLayout.PAD))
                    .append("\" y=\"").append(num(o.sharedTop() + 15)).append("\">shared PTE tables</text></g>\n");
        }
        for (TreeLayout.Edge e : l.edges()) {
            TreeSvg.edge(sb, e);
        }
        Map<String, TreeLayout.Box> byId = new HashMap<>();
        l.boxes().forEach(b -> byId.put(b.id(), b));
        for (NarrowTreeLayout.Ref r : o.refs()) {
            ref(sb, r, byId.get(r.to()));
        }
        for (TreeLayout.Box b : l.boxes()) {
            TreeSvg.box(sb, b, true);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The band of one process and its name, numbers and whether it was forked here. */
    private static void block(StringBuilder sb, TreeLayout.Block b, TreeLayout.Layout l) {
        Drawing.ProcessTree p = b.process();
        double x = NarrowTreeLayout.MARGIN;
        double tx = x + NarrowTreeLayout.PAD;
        sb.append("<g class=\"proc").append(p.forkedHere() ? " forked" : "").append("\" data-process=\"")
                .append(esc(p.comm())).append("\"><rect class=\"proc-band\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(b.top())).append("\" width=\"").append(num(l.width() - 2 * x)).append("\" height=\"")
                .append(num(b.height())).append("\" rx=\"6\"/>");
        String name = cut(p.comm(), 32);
        sb.append("<text class=\"proc-name\" x=\"").append(num(tx)).append("\" y=\"").append(num(b.top() + 15))
                .append("\">").append(esc(name)).append("<title>").append(esc(p.comm())).append("</title></text>");
        if (p.forkedHere()) {
            sb.append("<text class=\"proc-new\" x=\"").append(num(tx + name.length() * 7.3 + 10)).append("\" y=\"")
                    .append(num(b.top() + 15)).append("\">forked here</text>");
        }
        sb.append("<text class=\"proc-num\" x=\"").append(num(tx)).append("\" y=\"").append(num(b.top() + 28))
                .append("\">").append(esc(TreeSvg.rss(p) + " · " + TreeSvg.pgtables(p))).append("</text></g>\n");
    }

    /** Where a sharer's rows name the shared table its pmd table points to; the pointer passes under it. */
    private static void ref(StringBuilder sb, NarrowTreeLayout.Ref r, TreeLayout.Box shared) {
        String words = TreeSvg.lines(shared).get(0) + " shared, below ↓";
        sb.append("<g class=\"ref\" data-from=\"").append(esc(r.from())).append("\" data-to=\"").append(esc(r.to()))
                .append("\" data-process=\"").append(esc(r.process())).append("\"><title>")
                .append(esc(TreeSvg.tooltip(shared))).append("</title><rect x=\"").append(num(r.x())).append("\" y=\"")
                .append(num(r.y())).append("\" width=\"").append(num(r.w())).append("\" height=\"").append(num(r.h()))
                .append("\" rx=\"").append(num(r.h() / 2)).append("\"/><text x=\"").append(num(r.x() + 8))
                .append("\" y=\"").append(num(r.cy() + 4)).append("\">")
                .append(esc(cut(words, (int) ((r.w() - 14) / TreeSvg.CHAR_W)))).append("</text></g>\n");
    }
}
