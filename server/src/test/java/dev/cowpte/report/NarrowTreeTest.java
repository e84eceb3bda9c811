package dev.cowpte.report;

import static dev.cowpte.report.Drawings.Drawn.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The outline drawn for a narrow window (VS Code's panel beside the editor): the very tables and
 * pointers of the wide drawing, in one column at most 480 px wide, each process's tables indented
 * by level, the shared PTE tables once below the processes, named in each sharer's rows.
 */
class NarrowTreeTest {
    /** Reports whose drawings have shared tables, huge PMDs, many processes and many shared boxes. */
    private static List<String> reports() throws IOException {
        List<String> out = new ArrayList<>();
        out.add(ReportWriter.write(ReportTreeTest.FORK_WRITE_EXIT, List.of("classic", "cow-pte", "cow-pte-rfc")));
        for (String s : List.of("fork-latency-32g", "many-small-forks", "cow-pte-or-huge-pages", "munmap-shared-table")) {
            out.add(SampleReportsTest.report(SampleReportsTest.SAMPLES.resolve(s + ".cowpte")));
        }
        return out;
    }

    @Test
    void theOutlineHasTheWideDrawingsTablesAndPointers() throws IOException {
        for (String html : reports()) {
            List<Drawings.Drawn> wide = new Drawings(html).all();
            List<Drawings.Drawn> narrow = Drawings.narrow(html).all();
            assertEquals(wide.size(), narrow.size(), "an outline for every drawing");
            assertFalse(wide.isEmpty());
            for (int i = 0; i < wide.size(); i++) {
                Drawings.Drawn w = wide.get(i);
                Drawings.Drawn n = narrow.get(i);
                String at = w.policy() + " at line " + w.line();
                assertEquals(w.policy(), n.policy());
                assertEquals(w.line(), n.line());
                n.assertCounts(w.shared().size(), w.tables().size() - w.shared().size());
                assertEquals(boxes(w), boxes(n), at + ": each box's id, classes, data attributes and tooltip");
                assertEquals(keys(w), keys(n), at + ": the shared tables");
                assertEquals(pointers(w), pointers(n), at + ": the pointers, from and to the same boxes");
            }
        }
    }

    @Test
    void theOutlineIsAtMost480PixelsWideAndNothingInItOverlaps() throws IOException {
        for (String html : reports()) {
            for (Drawings.Drawn n : Drawings.narrow(html).all()) {
                String at = n.policy() + " at line " + n.line();
                double width = Double.parseDouble(n.root().getAttribute("width"));
                assertTrue(width <= 480, at + ": " + width + " px wide");
                assertEquals("0 0 " + n.root().getAttribute("width") + " " + n.root().getAttribute("height"),
                        n.root().getAttribute("viewBox"), at + ": it scales with its width");
                List<Element> marks = new ArrayList<>(n.tables());
                marks.addAll(n.refs());
                for (int i = 0; i < marks.size(); i++) {
                    double[] a = rect(marks.get(i));
                    assertTrue(a[0] >= 0 && a[0] + a[2] <= width, at + ": " + marks.get(i).getAttribute("id") + " inside");
                    for (int j = i + 1; j < marks.size(); j++) {
                        double[] b = rect(marks.get(j));
                        boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                        assertTrue(apart, at + ": " + marks.get(i).getAttribute("id") + marks.get(i).getAttribute("data-to")
                                + " and " + marks.get(j).getAttribute("id") + marks.get(j).getAttribute("data-to") + " overlap");
                    }
                }
            }
        }
    }

    @Test
    void eachSharerNamesTheSharedTableInItsRowsAndItsPointerRunsThroughThatNameDownToTheTableBelow() {
        String html = ReportWriter.write(ReportTreeTest.FORK_WRITE_EXIT, List.of("cow-pte"));
        Drawings.Drawn fork = Drawings.narrow(html).at("cow-pte", 4);
        Element shared = fork.shared().get(0);
        double[] s = rect(shared);
        for (Element band : bands(fork)) {
            double[] b = rect(band);
            assertTrue(b[1] + b[3] <= s[1], "the shared table is below the process " + band.getAttribute("data-process"));
        }
        List<Element> refs = fork.refs();
        assertEquals(Set.of("parent", "child"), refs.stream().map(r -> r.getAttribute("data-process"))
                .collect(Collectors.toSet()), "a reference in each sharer's rows");
        for (Element ref : refs) {
            assertEquals(shared.getAttribute("id"), ref.getAttribute("data-to"));
            assertTrue(Drawings.Drawn.text(ref).startsWith("pte ×2 shared, below"), Drawings.Drawn.text(ref));
            Element pmd = fork.box(ref.getAttribute("data-from"));
            assertEquals("pmd", pmd.getAttribute("data-level"));
            assertEquals(ref.getAttribute("data-process"), pmd.getAttribute("data-process"));
            double[] p = rect(pmd);
            double[] r = rect(ref);
            assertTrue(r[1] > p[1] && r[0] > p[0], "under its pmd table and indented");

            Element ptr = fork.into(shared).stream().filter(e -> e.getAttribute("data-from").equals(pmd.getAttribute("id")))
                    .findFirst().orElseThrow();
            List<double[]> route = points(ptr.getAttribute("d"));
            double[] start = route.get(0);
            double[] end = route.get(route.size() - 1);
            assertTrue(start[0] > p[0] && start[0] < p[0] + p[2] && start[1] == p[1] + p[3], "leaves the pmd table's bottom");
            assertTrue(route.stream().anyMatch(q -> q[1] == r[1] + r[3] / 2 && q[0] > r[0] + r[2]),
                    "runs through the reference and on to the right: " + ptr.getAttribute("d"));
            assertTrue(route.stream().allMatch(q -> q[0] <= 480), "within the drawing");
            assertEquals(s[0] + s[2] + 2, end[0], "ends at the shared table's right side");
            assertTrue(end[1] > s[1] && end[1] < s[1] + s[3], "within its height");
        }
    }

    @Test
    void aPointerToAPrivateTableRunsDownTheUpperTablesStemIntoTheIndentedTableBelow() {
        String html = ReportWriter.write(ReportTreeTest.FORK_WRITE_EXIT, List.of("classic"));
        Drawings.Drawn fork = Drawings.narrow(html).at("classic", 4);
        assertEquals(6, fork.pointers().size(), "pgd → pud → pmd → pte in each of two processes");
        assertTrue(fork.refs().isEmpty(), "nothing shared");
        for (Element ptr : fork.pointers()) {
            double[] from = rect(fork.box(ptr.getAttribute("data-from")));
            double[] to = rect(fork.box(ptr.getAttribute("data-to")));
            List<double[]> route = points(ptr.getAttribute("d"));
            assertEquals(3, route.size(), ptr.getAttribute("d"));
            assertEquals(from[1] + from[3], route.get(0)[1], "from the upper table's bottom");
            assertEquals(route.get(0)[0], route.get(1)[0], "straight down");
            assertEquals(to[0] - 2, route.get(2)[0], "right into the table below");
            assertEquals(to[1] + to[3] / 2, route.get(2)[1]);
            assertTrue(to[0] > from[0] && to[1] >= from[1] + from[3], "indented, below");
        }
        Map<String, List<String>> levels = new TreeMap<>();
        for (Element t : fork.tables()) {
            levels.computeIfAbsent(t.getAttribute("data-process"), k -> new ArrayList<>()).add(t.getAttribute("data-level"));
        }
        assertEquals(Map.of("parent", List.of("pgd", "pud", "pmd", "pte"), "child", List.of("pgd", "pud", "pmd", "pte")),
                levels, "a row per table, top down");
    }

    /** Each box by id: its classes, data attributes and tooltip. */
    private static Map<String, String> boxes(Drawings.Drawn d) {
        Map<String, String> out = new TreeMap<>();
        for (Element t : d.tables()) {
            StringBuilder sb = new StringBuilder();
            NamedNodeMap attrs = t.getAttributes();
            Map<String, String> sorted = new TreeMap<>();
            for (int i = 0; i < attrs.getLength(); i++) {
                sorted.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
            }
            sorted.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
            NodeList title = t.getElementsByTagName("title");
            sb.append("title=").append(title.item(0).getTextContent());
            NodeList badges = t.getElementsByTagName("g");
            for (int i = 0; i < badges.getLength(); i++) {
                sb.append(" badge=").append(((Element) badges.item(i)).getAttribute("class"));
            }
            out.put(t.getAttribute("id"), sb.toString());
        }
        return out;
    }

    private static Set<String> keys(Drawings.Drawn d) {
        return d.shared().stream().map(e -> e.getAttribute("data-key")).collect(Collectors.toSet());
    }

    /** The pointers as from → to, process and classes, with how many of each. */
    private static Map<String, Long> pointers(Drawings.Drawn d) {
        return d.pointers().stream().map(p -> p.getAttribute("data-from") + "→" + p.getAttribute("data-to") + " "
                        + p.getAttribute("data-process") + " " + p.getAttribute("class"))
                .collect(Collectors.groupingBy(x -> x, TreeMap::new, Collectors.counting()));
    }

    private static List<Element> bands(Drawings.Drawn d) {
        List<Element> out = new ArrayList<>();
        NodeList gs = d.doc().getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (Drawings.Drawn.hasClass(g, "proc")) {
                out.add(g);
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    /** The corners of a path made of M, H, V and L commands. */
    static List<double[]> points(String d) {
        List<double[]> out = new ArrayList<>();
        double x = 0;
        double y = 0;
        for (String part : d.trim().split(" ")) {
            char c = part.charAt(0);
            String[] v = part.substring(1).split(",");
            switch (c) {
                case 'M', 'L' -> {
                    x = Double.parseDouble(v[0]);
                    y = Double.parseDouble(v[1]);
                }
                case 'H' -> x = Double.parseDouble(v[0]);
                case 'V' -> y = Double.parseDouble(v[0]);
                default -> throw new AssertionError("not a corner: " + part + " in " + d);
            }
            out.add(new double[] {x, y});
        }
        return out;
    }
}
