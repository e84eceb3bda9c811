package dev.cowpte.report;

import static dev.cowpte.report.Charts.classStarting;
import static dev.cowpte.report.Charts.elements;
import static dev.cowpte.report.Charts.hasClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What a reader sees in the timeline charts: a colour per process with a legend naming it, the
 * policies whose machine-wide lines are drawn over each other, and x labels in the order the
 * statements ran, repeat iterations included.
 */
class TimelineChartTest {
    private static final List<String> METRICS = List.of("page_tables", "rss");

    /** Three processes: a parent and two children, one writing, one exiting. */
    private static final String THREE = """
            process parent
            mmap parent buf 4M
            touch parent buf
            fork parent -> a
            fork parent -> b
            write a buf[0] = 1
            exit b
            """;

    private static final String NO_FORK = """
            process solo
            mmap solo buf 4M
            touch solo buf
            exit solo
            """;

    @Test
    void eachProcessHasItsOwnColourUnderEveryPolicyAndTheLegendNamesIt() {
        Charts c = Charts.of(THREE, "classic", "cow-pte");
        for (String metric : METRICS) {
            Element chart = c.chart(metric);
            Map<String, Set<String>> colours = new LinkedHashMap<>();
            Map<String, String> policyDash = new LinkedHashMap<>();
            for (Element m : elements(chart, "path", "machine")) {
                policyDash.put(m.getAttribute("data-policy"), classStarting(m, "pol-"));
            }
            assertEquals(Set.of("classic", "cow-pte"), policyDash.keySet());
            assertNotEquals(policyDash.get("classic"), policyDash.get("cow-pte"), "each policy its own dash");
            for (Element p : elements(chart, "path", "proc")) {
                colours.computeIfAbsent(p.getAttribute("data-process"), k -> new TreeSet<>())
                        .add(classStarting(p, "proc-c"));
                assertEquals(policyDash.get(p.getAttribute("data-policy")), classStarting(p, "pol-"),
                        "a thin line is dashed as its policy's bold line");
            }
            assertEquals(List.of("parent", "a", "b"), List.copyOf(colours.keySet()), metric);
            colours.forEach((proc, cs) -> assertEquals(1, cs.size(), proc + " has one colour under both policies"));
            assertEquals(3, colours.values().stream().flatMap(Set::stream).distinct().count(),
                    "three processes, three colours: " + colours);
        }
        Element processes = legend(c.legends(), "processes");
        Map<String, String> named = new LinkedHashMap<>();
        for (Element span : elements(processes, "span", null)) {
            if (span.hasAttribute("data-process")) {
                Element swatch = elements(span, "path", "proc").get(0);
                named.put(span.getAttribute("data-process"), classStarting(swatch, "proc-c"));
                assertTrue(span.getTextContent().contains(span.getAttribute("data-process")));
            }
        }
        assertEquals(List.of("parent", "a", "b"), List.copyOf(named.keySet()), "the legend names every process");
        Element chart = c.chart("page_tables");
        for (Element p : elements(chart, "path", "proc")) {
            assertEquals(named.get(p.getAttribute("data-process")), classStarting(p, "proc-c"),
                    "the legend shows the colour of " + p.getAttribute("data-process"));
        }
        String policies = legend(c.legends(), "policies").getTextContent();
        assertTrue(policies.contains("classic") && policies.contains("cow-pte"), policies);
    }

    @Test
    void processColoursCycleThroughEightColoursDefinedForBothSchemes() {
        Charts c = Charts.of("process p\nmmap p buf 2M\nrepeat 9 as i {\n  fork p -> c{i}\n}\n", "classic");
        List<String> colours = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> legendColours = new ArrayList<>();
        String more = "";
        for (Element span : elements(legend(c.legends(), "processes"), "span", null)) {
            if (span.hasAttribute("data-process")) {
                names.add(span.getAttribute("data-process"));
                legendColours.add(classStarting(elements(span, "path", "proc").get(0), "proc-c"));
            } else if (span.getAttribute("class").equals("more")) {
                more = span.getTextContent();
            }
        }
        assertEquals(List.of("p", "c0", "c1", "c2", "c3", "c4", "c5", "c6"), names, "one of each colour named");
        assertEquals("and 2 more processes, in the same colours again: hover a line to name its process", more);
        List<Element> lines = elements(c.chart("page_tables"), "path", "proc");
        for (String p : List.of("p", "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8")) {
            colours.add(classStarting(lines.stream().filter(e -> p.equals(e.getAttribute("data-process")))
                    .findFirst().orElseThrow(), "proc-c"));
        }
        assertEquals(legendColours, colours.subList(0, 8), "the legend shows each line's colour");
        assertEquals(8, colours.subList(0, 8).stream().distinct().count(), "the first eight differ: " + colours);
        assertEquals(colours.get(0), colours.get(8), "the ninth takes the first's colour again");
        for (int i = 0; i < TimelineLegend.PROCESS_COLOURS; i++) {
            assertTrue(ReportStyle.CSS.contains(".series.proc.proc-c" + i + " { stroke: var(--proc" + i + "); }"),
                    "proc-c" + i + " is drawn in --proc" + i);
            Matcher m = Pattern.compile("--proc" + i + ": (#[0-9a-f]{6});").matcher(ReportStyle.CSS);
            Set<String> values = new TreeSet<>();
            while (m.find()) {
                values.add(m.group(1));
            }
            assertEquals(2, values.size(), "--proc" + i + " has a light and a dark value: " + values);
        }
    }

    @Test
    void withoutAForkEveryPolicyDrawsTheSameLinesAndBothChartsSaySo() {
        Charts c = Charts.of(NO_FORK, "classic", "cow-pte", "odf");
        for (String metric : METRICS) {
            Element same = legend(c.figure(metric), "coinciding");
            List<Element> spans = elements(same, "span", "same");
            assertEquals(1, spans.size(), metric);
            assertEquals("classic", spans.get(0).getAttribute("data-same-as"));
            assertEquals("cow-pte, odf — same line as classic", spans.get(0).getTextContent(), metric);
            Map<String, Element> machine = machineLines(c.chart(metric));
            assertEquals(Set.of("classic", "cow-pte", "odf"), machine.keySet());
            assertFalse(machine.get("classic").hasAttribute("data-same-as"), "classic is the line the others share");
            assertEquals("classic", machine.get("cow-pte").getAttribute("data-same-as"));
            assertEquals("classic", machine.get("odf").getAttribute("data-same-as"));
            List<Element> drawn = elements(c.chart(metric), "path", "machine");
            assertEquals("classic", drawn.get(drawn.size() - 1).getAttribute("data-policy"),
                    "the line the legend names is drawn last, on top of the others");
            for (Element line : machine.values()) {
                assertTrue(hasClass(line, "same"));
                assertEquals("classic cow-pte odf", line.getAttribute("data-same-line"));
                String title = elements(line, "title", null).get(0).getTextContent();
                assertTrue(title.startsWith("classic, cow-pte, odf (the same line)"), title);
            }
        }
    }

    @Test
    void aForkDrawsClassicAndCowPteApartInPageTablesWhileTheirResidentMemoryIsOneLine() {
        Charts c = Charts.of(ReportTreeTest.FORK_WRITE_EXIT, "classic", "cow-pte");
        Element pageTables = c.figure("page_tables");
        assertTrue(elements(pageTables, "p", "coinciding").isEmpty(), "no page-table line hides another");
        for (Element line : machineLines(c.chart("page_tables")).values()) {
            assertFalse(hasClass(line, "same"), line.getAttribute("data-policy"));
            assertFalse(line.hasAttribute("data-same-as"), line.getAttribute("data-policy"));
        }
        Element rss = legend(c.figure("rss"), "coinciding");
        assertEquals("cow-pte — same line as classic", elements(rss, "span", "same").get(0).getTextContent());
        assertEquals("classic", machineLines(c.chart("rss")).get("cow-pte").getAttribute("data-same-as"));
    }

    @Test
    void xLabelsInsideARepeatNameTheIterationAndReadInStatementOrder() {
        String scenario = """
                process server
                mmap server heap 4M
                repeat 12 as i {
                  fork server -> w{i}
                  write w{i} heap[i] = 1
                  touch server heap
                  exit w{i}
                }
                repeat 3 {
                  repeat 4 as j {
                    touch server heap
                    write server heap[j] = 2
                  }
                }
                exit server
                """;
        Charts c = Charts.of(scenario, "classic", "cow-pte");
        for (String metric : METRICS) {
            List<Charts.Label> labels = c.xLabels(metric);
            assertInStatementOrder(labels, List.of(3, 9), metric);
            assertTrue(labels.stream().anyMatch(l -> l.text().matches("L[4-7] i=\\d+")), "the first repeat: " + labels);
            assertTrue(labels.stream().anyMatch(l -> l.text().matches("L1[12] #\\d j=\\d")),
                    "the nested repeats, the outer without a variable: " + labels);
            assertTrue(labels.stream().anyMatch(l -> l.text().equals("L1")), labels.toString());
            List<Element> brackets = elements(c.chart(metric), "g", "repeat");
            assertEquals(List.of("3", "9"), brackets.stream().map(b -> b.getAttribute("data-line")).toList(),
                    "a bracket under each top-level repeat");
        }
        assertTrue(c.html().contains("line 5, iteration 4 of 12 of the repeat at line 3 (i = 3): write w{i} heap[i] = 1"),
                "the column's tooltip names the iteration");
    }

    @Test
    void xLabelsOfAThinnedRepeatStillReadInStatementOrder() {
        Charts c = Charts.of("""
                process p
                mmap p buf 2M
                repeat 400 as i {
                  touch p buf
                  write p buf[0] = 1
                  mprotect p buf readwrite
                }
                exit p
                """, "classic");
        assertTrue(c.html().contains("the charts show every k-th statement"), "1203 statements are thinned");
        List<Charts.Label> labels = c.xLabels("page_tables");
        assertTrue(labels.size() >= 8, labels.toString());
        assertInStatementOrder(labels, List.of(3), "page_tables");
        assertTrue(labels.stream().filter(l -> l.text().startsWith("L4") || l.text().startsWith("L5")
                || l.text().startsWith("L6")).allMatch(l -> l.text().matches("L\\d i=\\d+")), labels.toString());
    }

    private static final Pattern LABEL = Pattern.compile("L(\\d+)((?: (?:\\w+=\\d+|#\\d+))*)");
    private static final Pattern ITERATION = Pattern.compile(" (?:\\w+=(\\d+)|#(\\d+))");

    /**
     * Labels left to right, clear of each other, each one's statement after the one before: inside a
     * repeat (the top-level repeats start at {@code repeats}) by iteration, then by line.
     */
    private static void assertInStatementOrder(List<Charts.Label> labels, List<Integer> repeats, String metric) {
        assertFalse(labels.isEmpty(), metric);
        List<Long> before = null;
        Charts.Label prev = null;
        for (Charts.Label l : labels) {
            Matcher m = LABEL.matcher(l.text());
            assertTrue(m.matches(), "a label reads L<line> and the iterations: " + l.text());
            int line = Integer.parseInt(m.group(1));
            List<Long> key = new ArrayList<>();
            Matcher it = ITERATION.matcher(m.group(2));
            while (it.find()) {
                key.add(it.group(1) != null ? Long.parseLong(it.group(1)) : Long.parseLong(it.group(2)) - 1);
            }
            int repeat = repeats.stream().filter(r -> r < line).reduce((a, b) -> b).orElse(0);
            boolean inside = !key.isEmpty();
            key.add(0, (long) (inside ? repeat : line));
            key.add((long) line);
            if (prev != null) {
                assertTrue(l.x() > prev.x(), metric + ": x increases: " + prev + " then " + l);
                double clear = (prev.text().length() + l.text().length()) * TimelineAxis.CHAR / 2;
                assertTrue(l.x() - prev.x() >= clear, metric + ": " + prev + " and " + l + " do not overlap");
                assertTrue(compare(key, before) > 0, metric + ": " + prev.text() + " then " + l.text()
                        + " is not statement order; all: " + labels.stream().map(Charts.Label::text)
                        .collect(Collectors.joining(" ")));
            }
            prev = l;
            before = key;
        }
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Test
    void theLastStatementsValueIsDrawnAcrossItsOwnWidthAndAProcessLineEndsWhereItExits() {
        Charts c = Charts.of("process p\nmmap p buf 2M\nfork p -> q\nexit q\ntouch p buf\n", "classic");
        Element chart = c.chart("page_tables");
        Element frame = elements(chart, "rect", "frame").get(0);
        double right = Double.parseDouble(frame.getAttribute("x")) + Double.parseDouble(frame.getAttribute("width"));
        double[] peak = widestAtTop(machineLines(chart).get("classic").getAttribute("d"));
        assertTrue(peak[1] > 50, "the peak, after the last statement, is a segment one statement wide: " + peak[1]);
        assertEquals(right, peak[0], 0.05, "and it ends at the chart's right edge");
        Element q = elements(chart, "path", "proc").stream().filter(e -> "q".equals(e.getAttribute("data-process")))
                .findFirst().orElseThrow();
        double[] qLine = widestAtTop(q.getAttribute("d"));
        assertTrue(qLine[1] > 50 && qLine[0] < right - 50, "q's line holds its value until its exit: " + q.getAttribute("d"));
        // a column's tooltip names each process's value too: their thin lines may lie on each other
        List<Element> columns = elements(chart, "rect", "hover");
        String afterFork = elements(columns.get(2), "title", null).get(0).getTextContent();
        assertTrue(afterFork.matches("(?s)line 3: fork p -> q\nclassic: PageTables \\(machine\\) \\d+ KiB "
                + "\\(p \\d+ B, q \\d+ B\\)"), afterFork);
        Element last = columns.get(columns.size() - 1);
        assertEquals(right, Double.parseDouble(last.getAttribute("x")) + Double.parseDouble(last.getAttribute("width")),
                0.05, "the last column reaches the right edge");
    }

    /** Of a step path (M x,y H x V y …): the end x and the length of its horizontal run at its highest value. */
    private static double[] widestAtTop(String d) {
        double x = 0;
        double y = 0;
        double top = Double.MAX_VALUE;
        double[] best = {0, 0};
        for (String part : d.trim().split(" ")) {
            char cmd = part.charAt(0);
            String arg = part.substring(1);
            if (cmd == 'M') {
                x = Double.parseDouble(arg.split(",")[0]);
                y = Double.parseDouble(arg.split(",")[1]);
            } else if (cmd == 'V') {
                y = Double.parseDouble(arg);
            } else if (cmd == 'H') {
                double to = Double.parseDouble(arg);
                if (y < top - 0.05 || (Math.abs(y - top) < 0.05 && to - x > best[1])) {
                    top = Math.min(top, y);
                    best = new double[] {to, to - x};
                }
                x = to;
            }
        }
        return best;
    }

    private static Map<String, Element> machineLines(Element chart) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Element p : elements(chart, "path", "machine")) {
            out.put(p.getAttribute("data-policy"), p);
        }
        return out;
    }

    private static Element legend(Element root, String kind) {
        List<Element> ps = elements(root, "p", kind);
        assertEquals(1, ps.size(), "one legend of " + kind);
        return ps.get(0);
    }
}
