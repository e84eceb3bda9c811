package dev.cowpte.report;

import static dev.cowpte.report.Html.cut;
import static dev.cowpte.report.Html.esc;
import static dev.cowpte.report.Html.num;

import dev.cowpte.mm.Level;
import dev.cowpte.words.Amounts;
import dev.cowpte.words.FolioWords;
import dev.cowpte.words.SharingWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link TreeLayout} as inline SVG. Structure, for readers and tests: each table box is a
 * {@code <g class="table …">} with {@code data-level}, {@code data-count}, {@code data-refcount}
 * and, for a shared PTE group, {@code data-key} and {@code data-sharers}; each pointer is a
 * {@code <path class="ptr …">} with {@code data-from}/{@code data-to} box ids; the root carries
 * {@code data-shared-tables} and {@code data-private-tables} (boxes, not tables); a PTE box whose
 * pages belong to large folios carries {@code data-large-folios}, in its tooltip's words.
 */
final class TreeSvg {
    /** Width of one character of the drawing's monospace font, for cutting labels. */
    static final double CHAR_W = 6.7;
    /** At most this many characters of region names before a PTE box's page count. */
    private static final int REGION_CHARS = 14;
    /** At most this many region names in a box's tooltip and data-regions. */
    private static final int MAX_REGIONS_NAMED = 8;

    private TreeSvg() {
    }

    static String render(Drawing d, TreeLayout.Layout l) {
        StringBuilder sb = new StringBuilder(8192);
        open(sb, "tree", d, l);
        columnHeads(sb, l);
        for (TreeLayout.Block b : l.blocks()) {
            block(sb, b, l);
        }
        for (TreeLayout.Edge e : l.edges()) {
            edge(sb, e);
        }
        for (TreeLayout.Box b : l.boxes()) {
            box(sb, b, false);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The root element, {@code <svg class="…">}, up to its first child. */
    static void open(StringBuilder sb, String cls, Drawing d, TreeLayout.Layout l) {
        sb.append("<svg class=\"").append(cls).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(num(l.width())).append(' ').append(num(l.height())).append("\" width=\"").append(num(l.width()))
                .append("\" height=\"").append(num(l.height())).append("\" role=\"img\" aria-label=\"")
                .append(esc("page-table trees under " + d.policy() + " after line " + d.line() + ": " + d.text()))
                .append("\" data-policy=\"").append(esc(d.policy())).append("\" data-line=\"").append(d.line())
                .append("\" data-shared-tables=\"").append(l.sharedBoxes())
                .append("\" data-private-tables=\"").append(l.privateBoxes()).append("\">\n");
    }

    private static void columnHeads(StringBuilder sb, TreeLayout.Layout l) {
        // faint column guides behind everything, named in the figure's caption row
        for (TreeLayout.Box b : l.boxes()) {
            if (b.process() == null) {
                sb.append("<rect class=\"shared-lane\" x=\"").append(num(b.x() - 10)).append("\" y=\"0\" width=\"")
                        .append(num(b.w() + 20)).append("\" height=\"").append(num(l.height())).append("\"/>\n");
                break;
            }
        }
    }

    private static void block(StringBuilder sb, TreeLayout.Block b, TreeLayout.Layout l) {
        Drawing.ProcessTree p = b.process();
        double x = TreeLayout.MARGIN;
        sb.append("<g class=\"proc").append(p.forkedHere() ? " forked" : "").append("\" data-process=\"")
                .append(esc(p.comm())).append("\">");
        sb.append("<rect class=\"proc-band\" x=\"").append(num(x)).append("\" y=\"").append(num(b.top()))
                .append("\" width=\"").append(num(l.width() - 2 * x - TreeLayout.SHARED_W - TreeLayout.SHARED_GAP / 2))
                .append("\" height=\"").append(num(b.height())).append("\" rx=\"6\"/>");
        double ty = b.top() + 16;
        int chars = (int) ((TreeLayout.LABEL_W - 12) / CHAR_W);
        sb.append("<text class=\"proc-name\" x=\"").append(num(x + 8)).append("\" y=\"").append(num(ty)).append("\">")
                .append(esc(cut(p.comm(), chars - 2))).append("<title>").append(esc(p.comm())).append("</title></text>");
        sb.append("<text class=\"proc-num\" x=\"").append(num(x + 8)).append("\" y=\"").append(num(ty + 14))
                .append("\">").append(esc(rss(p))).append("</text>");
        sb.append("<text class=\"proc-num\" x=\"").append(num(x + 8)).append("\" y=\"").append(num(ty + 28))
                .append("\">").append(esc(pgtables(p))).append("</text>");
        if (p.forkedHere()) {
            sb.append("<text class=\"proc-new\" x=\"").append(num(x + 8)).append("\" y=\"").append(num(ty + 42))
                    .append("\">forked here</text>");
        }
        sb.append("</g>\n");
    }

    static String rss(Drawing.ProcessTree p) {
        return "rss " + Amounts.bytes(p.rssPages() * 4096);
    }

    static String pgtables(Drawing.ProcessTree p) {
        return "pgtables " + Amounts.bytes(p.pgtablesBytes());
    }

    static void edge(StringBuilder sb, TreeLayout.Edge e) {
        String cls = "ptr" + (e.toShared() ? " to-shared" : "") + (e.writeProtected() ? " wp" : "");
        sb.append("<path class=\"").append(cls).append("\" data-from=\"").append(esc(e.from())).append("\" data-to=\"")
                .append(esc(e.to())).append("\" data-process=\"").append(esc(e.process())).append("\" d=\"M")
                .append(num(e.x1())).append(',').append(num(e.y1()));
        if (e.bends().length > 0) {
            double x = e.x1();
            double y = e.y1();
            double[] b = e.bends();
            for (int i = 0; i <= b.length; i += 2) {
                double nx = i < b.length ? b[i] : e.x2();
                double ny = i < b.length ? b[i + 1] : e.y2();
                if (ny == y) {
                    sb.append(" H").append(num(nx));
                } else if (nx == x) {
                    sb.append(" V").append(num(ny));
                } else {
                    sb.append(" L").append(num(nx)).append(',').append(num(ny));
                }
                x = nx;
                y = ny;
            }
        } else if (e.toShared()) {
            double bend = e.x2() - TreeLayout.SHARED_GAP + 12;
            sb.append(" H").append(num(bend)).append(" C").append(num(bend + 40)).append(',').append(num(e.y1()))
                    .append(' ').append(num(e.x2() - 34)).append(',').append(num(e.y2())).append(' ')
                    .append(num(e.x2() - 2)).append(',').append(num(e.y2()));
        } else {
            sb.append(" H").append(num(e.x2() - 2));
        }
        sb.append("\" marker-end=\"url(#cowpte-arrow)\"/>\n");
    }

    /**
     * One table box. {@code badgesBeside}: an upper table's badges stand right of its box (the
     * narrow layout, where the row is free) rather than above it; a PTE table's are inside.
     */
    static void box(StringBuilder sb, TreeLayout.Box b, boolean badgesBeside) {
        TreeLayout.Group g = b.group();
        boolean shared = b.process() == null;
        List<String> classes = new ArrayList<>();
        classes.add("table");
        classes.add("lvl-" + g.level.label());
        classes.add(shared ? "shared" : "private");
        if (g.huge) {
            classes.add("huge");
        }
        if (g.pinnedPages > 0 || g.pinnedByParent > 0) {
            classes.add("pinned");
        }
        if (g.writeProtected) {
            classes.add("wp");
        }
        for (Change c : g.changes.keySet()) {
            classes.add("chg-" + c.css);
        }
        sb.append("<g class=\"").append(String.join(" ", classes)).append("\" id=\"")
                .append(esc(b.id())).append("\" data-level=\"").append(g.level.label()).append("\" data-count=\"")
                .append(g.count).append("\" data-refcount=\"").append(g.refcount).append('"');
        if (g.level == Level.PTE) {
            sb.append(" data-range=\"").append(Amounts.hex(g.base)).append('-').append(Amounts.hex(g.base + g.span))
                    .append("\" data-regions=\"").append(esc(String.join(" ", someRegions(g.regions)))).append('"');
            if (g.pinnedPages > 0) {
                sb.append(" data-pinned=\"").append(g.pinnedPages).append('"');
            }
            if (g.pinnedByParent > 0) {
                sb.append(" data-pinned-by-parent=\"").append(g.pinnedByParent).append('"');
            }
            if (!g.largeFolios.isEmpty()) {
                sb.append(" data-large-folios=\"").append(esc(FolioWords.inTables(g.largeFolios))).append('"');
            }
        }
        if (shared) {
            sb.append(" data-key=\"").append(esc(g.key())).append("\" data-sharers=\"")
                    .append(esc(String.join(" ", g.sharers))).append('"');
        } else {
            sb.append(" data-process=\"").append(esc(b.process())).append('"');
        }
        for (Map.Entry<Change, Integer> c : g.changes.entrySet()) {
            sb.append(" data-").append(c.getKey().css).append("=\"").append(c.getValue()).append('"');
        }
        sb.append('>');
        sb.append("<title>").append(esc(tooltip(b))).append("</title>");
        sb.append("<rect x=\"").append(num(b.x())).append("\" y=\"").append(num(b.y())).append("\" width=\"")
                .append(num(b.w())).append("\" height=\"").append(num(b.h())).append("\" rx=\"4\"/>");
        List<String> lines = lines(b);
        int chars = (int) ((b.w() - 10) / CHAR_W);
        double lineH = 13;
        double first = g.level == Level.PTE || lines.size() > 1
                ? b.y() + 14 : b.cy() + 4;
        if (g.level != Level.PTE && lines.size() > 1) {
            first = b.cy() - (lines.size() - 1) * lineH / 2 + 4;
        }
        for (int i = 0; i < lines.size(); i++) {
            sb.append("<text class=\"").append(i == 0 ? "t-title" : "t-sub").append("\" x=\"").append(num(b.x() + 6))
                    .append("\" y=\"").append(num(first + i * lineH)).append("\">")
                    .append(esc(cut(lines.get(i), chars))).append("</text>");
        }
        badges(sb, b, badgesBeside);
        sb.append("</g>\n");
    }

    /** What a box says, line by line: its level and count first. */
    static List<String> lines(TreeLayout.Box b) {
        TreeLayout.Group g = b.group();
        List<String> out = new ArrayList<>();
        String title = (g.huge ? "huge pmd" : g.level.label()) + (g.count > 1 ? " ×" + g.count : "");
        out.add(title);
        if (g.huge) {
            out.add(regions(g) + (g.present == 0 ? "huge zero page"
                    : Amounts.bytes(g.present * dev.cowpte.mm.Geometry.PAGE_SIZE) + " in 2 MiB pages")
                    + (g.writeProtected ? " · wp" : ""));
        } else if (g.level == Level.PTE) {
            if (b.process() == null) {
                out.add("refcount " + g.refcount + (g.writeProtected ? " · pmd entries wp" : ""));
                out.add(sharers(g.sharers));
                if (ownerAccounting(g)) {
                    out.add("owner " + (g.owner == null ? "none" : g.owner));
                }
                out.add(regions(g) + Amounts.pages(g.present) + " mapped");
            } else {
                String sub = regions(g) + Amounts.pages(g.present);
                if (g.writeProtected) {
                    // private: refcount 1 (the tooltip says so), its pmd entry still write-protected
                    sub += " · wp";
                }
                out.add(sub);
            }
        } else if (g.level == Level.PMD) {
            out.add(Amounts.bytes(g.span));
        }
        if (g.level != Level.PTE && !g.huge && g.refcount > 1) {
            // an upper table that several processes reach: a pmd table hugetlb shares, an mshare region's pud table
            out.add("shared ×" + g.refcount);
        }
        return out;
    }

    private static void badges(StringBuilder sb, TreeLayout.Box b, boolean beside) {
        TreeLayout.Group g = b.group();
        List<String> pins = pins(g);
        if (g.changes.isEmpty() && pins.isEmpty()) {
            return;
        }
        boolean inside = g.level == Level.PTE;
        double x = inside ? b.x() + 6 + ((g.huge ? "huge pmd" : g.level.label()).length()
                + (g.count > 1 ? 2 + digits(g.count) : 0) + 1)
                * CHAR_W : beside ? b.right() + 6 : b.x() + 2;
        double y = inside ? b.y() + 4 : beside ? b.cy() - 6.5 : b.y() - 9;
        for (Map.Entry<Change, Integer> c : g.changes.entrySet()) {
            String words = c.getKey().words + (g.count > 1 || c.getValue() > 1 ? " " + c.getValue() : "");
            double w = words.length() * 6 + 8;
            if (inside && x + w > b.right() - 2) {
                words = c.getKey().css;
                w = words.length() * 6 + 8;
            }
            sb.append("<g class=\"badge b-").append(c.getKey().css).append("\"><rect x=\"").append(num(x))
                    .append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                    .append("\" height=\"13\" rx=\"6.5\"/><text x=\"").append(num(x + 4)).append("\" y=\"")
                    .append(num(y + 10)).append("\">").append(esc(words)).append("</text></g>");
            x += w + 3;
        }
        for (String pin : pins) {
            String words = pin;
            double w = words.length() * 6 + 8;
            if (inside && x + w > b.right() - 2) {
                words = "pin";
                w = words.length() * 6 + 8;
            }
            sb.append("<g class=\"badge b-pinned\"><rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                    .append("\" width=\"").append(num(w)).append("\" height=\"13\" rx=\"2\"/><text x=\"")
                    .append(num(x + 4)).append("\" y=\"").append(num(y + 10)).append("\">").append(esc(words))
                    .append("</text></g>");
            x += w + 3;
        }
    }

    /**
     * {@code buf: } — the regions a PTE group maps, as the scenario names them, cut short enough
     * that what follows (the pages) stays in the box; the tooltip names them all.
     */
    private static String regions(TreeLayout.Group g) {
        if (g.regions.isEmpty()) {
            return "";
        }
        String names = g.regions.size() <= 2 ? String.join(", ", g.regions)
                : g.regions.get(0) + ", … " + g.regions.get(g.regions.size() - 1);
        return cut(names, REGION_CHARS) + ": ";
    }

    /** The pin badges of a PTE group: {@code 1 pinned}, or on a child's copy {@code pinned in parent}. */
    private static List<String> pins(TreeLayout.Group g) {
        List<String> out = new ArrayList<>();
        if (g.pinnedPages > 0) {
            out.add(g.pinnedPages + " pinned");
        }
        if (g.pinnedByParent > 0) {
            out.add("pinned in parent");
        }
        return out;
    }

    /** {@code parent, child} or, for many, {@code 17: parent, child0 … child15}. */
    static String sharers(List<String> names) {
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return names.size() + ": " + names.get(0) + ", " + names.get(1) + " … " + names.get(names.size() - 1);
    }

    /** Whether the policy that shared the table charges its rss and pgtables_bytes to its owner only. */
    private static boolean ownerAccounting(TreeLayout.Group g) {
        return SharingWords.namesOwner(g.sharedBy);
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    static String tooltip(TreeLayout.Box b) {
        TreeLayout.Group g = b.group();
        StringBuilder sb = new StringBuilder();
        if (g.huge) {
            sb.append(g.count > 1 ? g.count + " huge PMDs" : "a huge PMD").append(" covering ")
                    .append(Amounts.bytes(g.span));
            if (b.process() != null) {
                sb.append(" of ").append(b.process());
            }
            regionsTip(sb, g);
            sb.append(g.present == 0 ? "; each maps the huge zero page"
                    : "; each maps a 2 MiB page itself (no PTE table on the walk)");
            sb.append(g.writeProtected ? ", read-only (a write reuses the page or splits the PMD)" : ", writable");
            sb.append("; each keeps a deposited PTE table (pte#").append(g.ids.get(0))
                    .append(g.count > 1 ? " …" : "").append("), counted in page tables");
            pinsTip(sb, g);
            g.changes.forEach((c, n) -> sb.append("; ").append(c.words).append(": ").append(n));
            return sb.toString();
        }
        sb.append(g.count > 1 ? g.count + " " + g.level.label() + " tables" : g.level.label() + " table");
        sb.append(" covering ").append(Amounts.bytes(g.span));
        if (g.level == Level.PTE) {
            sb.append(" at ").append(Amounts.hex(g.base)).append('-').append(Amounts.hex(g.base + g.span));
        }
        if (g.level != Level.PTE && g.refcount > 1) {
            sb.append(", refcount ").append(g.refcount).append(": reached by ").append(SharingWords.sharers(g.sharers))
                    .append(" (drawn in each sharer's tree)");
        }
        if (b.process() != null) {
            sb.append(" of ").append(b.process());
        }
        if (g.level == Level.PTE) {
            sb.append("; refcount ").append(g.refcount).append(" (").append(SharingWords.sharers(g.sharers)).append(')');
            sb.append(g.writeProtected ? "; the pmd entries are write-protected (COW PTE table)" : "");
            if (ownerAccounting(g)) {
                sb.append("; owner ").append(g.owner == null ? "none (it left)" : g.owner);
            }
            if (g.sharedBy != null) {
                sb.append("; ").append(SharingWords.writeProtected(g.sharedBy, g.refcount));
            }
            regionsTip(sb, g);
            sb.append("; ").append(Amounts.pages(g.present)).append(" mapped");
            if (!g.largeFolios.isEmpty()) {
                sb.append("; ").append(FolioWords.inTables(g.largeFolios));
            }
            pinsTip(sb, g);
        }
        g.changes.forEach((c, n) -> sb.append("; ").append(c.words).append(": ").append(n));
        return sb.toString();
    }

    private static void regionsTip(StringBuilder sb, TreeLayout.Group g) {
        if (!g.regions.isEmpty()) {
            sb.append("; ").append(g.regions.size() == 1 ? "region " : g.regions.size() + " regions ")
                    .append(String.join(", ", someRegions(g.regions)));
        }
    }

    /** At most {@value #MAX_REGIONS_NAMED} names: the first ones, {@code …}, the last one. */
    private static List<String> someRegions(List<String> names) {
        if (names.size() <= MAX_REGIONS_NAMED) {
            return names;
        }
        List<String> out = new ArrayList<>(names.subList(0, MAX_REGIONS_NAMED - 2));
        out.add("…");
        out.add(names.get(names.size() - 1));
        return out;
    }

    /** The pins in a group, and on a child's copy why fork copied the table, in the kernel's words. */
    private static void pinsTip(StringBuilder sb, TreeLayout.Group g) {
        if (g.pinnedPages > 0) {
            sb.append("; ").append(Amounts.pages(g.pinnedPages)).append(" pinned (long-term pin). At fork the kernel ")
                    .append("copies a pinned page of a private mapping into the child at once (copy_present_ptes: ")
                    .append("folio_try_dup_anon_rmap_ptes fails as folio_needs_cow_for_dma, so copy_present_page); ")
                    .append("a design that shares PTE tables at fork copies the table holding it instead");
        }
        if (g.pinnedByParent > 0) {
            sb.append("; ").append(g.count > 1 ? g.tablesPinnedByParent + " of these " + g.count + " tables were"
                            : "this table was").append(" copied at fork, not shared, because the parent had ")
                    .append(Amounts.pages(g.pinnedByParent)).append(" pinned in ")
                    .append(g.count > 1 && g.tablesPinnedByParent == 1 ? "one" : g.count > 1 ? "them" : "it")
                    .append(": the kernel copies such a page into the child (copy_present_page), and this design ")
                    .append("then copies the whole table rather than share it (mainline Linux shares no PTE table)");
        }
    }
}
