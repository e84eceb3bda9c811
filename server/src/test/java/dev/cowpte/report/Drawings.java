package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The tree drawings of a report, parsed as XML: each {@code <svg class="tree">} (or, for
 * {@link #narrow}, each outline {@code <svg class="tree narrow">}) by policy and source line, with
 * the boxes, pointers and labels a reader sees.
 */
final class Drawings {
    private static final Pattern SVG = Pattern.compile("<svg class=\"tree\"[\\s\\S]*?</svg>");
    private static final Pattern NARROW = Pattern.compile("<svg class=\"tree narrow\"[\\s\\S]*?</svg>");

    private final Map<String, Drawn> byKey = new LinkedHashMap<>();

    Drawings(String html) {
        this(html, SVG);
    }

    /** The outlines drawn for a narrow window. */
    static Drawings narrow(String html) {
        return new Drawings(html, NARROW);
    }

    private Drawings(String html, Pattern svg) {
        Matcher m = svg.matcher(html);
        while (m.find()) {
            Drawn d = new Drawn(parse(m.group()));
            byKey.put(d.policy() + "@" + d.line(), d);
        }
    }

    static Drawings of(String scenario, String... policies) {
        return new Drawings(ReportWriter.write(scenario, List.of(policies),
                ReportWriter.Options.defaults().withThreads(1)));
    }

    /** The drawing of the statement on {@code line} under {@code policy}. */
    Drawn at(String policy, int line) {
        Drawn d = byKey.get(policy + "@" + line);
        assertNotNull(d, "no drawing of line " + line + " under " + policy + "; drawn: " + byKey.keySet());
        return d;
    }

    List<Drawn> all() {
        return List.copyOf(byKey.values());
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("a drawing is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** One drawing. */
    record Drawn(Document doc) {
        Element root() {
            return doc.getDocumentElement();
        }

        String policy() {
            return root().getAttribute("data-policy");
        }

        int line() {
            return Integer.parseInt(root().getAttribute("data-line"));
        }

        List<Element> tables() {
            return elements("g", "table");
        }

        List<Element> shared() {
            return tables().stream().filter(e -> hasClass(e, "shared")).toList();
        }

        /** The private boxes of one process, in drawing order. */
        List<Element> privateOf(String process) {
            return tables().stream().filter(e -> hasClass(e, "private") && process.equals(e.getAttribute("data-process")))
                    .toList();
        }

        List<Element> privateOf(String process, String level) {
            return privateOf(process).stream().filter(e -> level.equals(e.getAttribute("data-level"))).toList();
        }

        /** Pointers drawn into a box. */
        List<Element> into(Element box) {
            return elements("path", "ptr").stream().filter(p -> box.getAttribute("id").equals(p.getAttribute("data-to")))
                    .toList();
        }

        List<Element> pointers() {
            return elements("path", "ptr");
        }

        /** The references to shared tables in the sharers' rows (the narrow outline's). */
        List<Element> refs() {
            return elements("g", "ref");
        }

        Element box(String id) {
            return tables().stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no box " + id));
        }

        /** The words drawn in a box (its title tooltip excluded). */
        static String text(Element box) {
            StringBuilder sb = new StringBuilder();
            NodeList texts = box.getElementsByTagName("text");
            for (int i = 0; i < texts.getLength(); i++) {
                sb.append(texts.item(i).getTextContent()).append('\n');
            }
            return sb.toString();
        }

        /** The rectangle of a box (or reference): x, y, width, height. */
        static double[] rect(Element box) {
            Element r = (Element) box.getElementsByTagName("rect").item(0);
            return new double[] {Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("y")),
                    Double.parseDouble(r.getAttribute("width")), Double.parseDouble(r.getAttribute("height"))};
        }

        static int count(Element box) {
            return Integer.parseInt(box.getAttribute("data-count"));
        }

        static int refcount(Element box) {
            return Integer.parseInt(box.getAttribute("data-refcount"));
        }

        /** How many tables of the box the statement changed that way (data-copied, data-shared, …). */
        static int changed(Element box, String how) {
            String v = box.getAttribute("data-" + how);
            return v.isEmpty() ? 0 : Integer.parseInt(v);
        }

        static boolean hasClass(Element e, String c) {
            return Arrays.asList(e.getAttribute("class").split(" ")).contains(c);
        }

        int attr(String name) {
            return Integer.parseInt(root().getAttribute(name));
        }

        private List<Element> elements(String tag, String cls) {
            List<Element> out = new ArrayList<>();
            NodeList nl = doc.getElementsByTagName(tag);
            for (int i = 0; i < nl.getLength(); i++) {
                Element e = (Element) nl.item(i);
                if (hasClass(e, cls)) {
                    out.add(e);
                }
            }
            return out;
        }

        void assertCounts(int sharedBoxes, int privateBoxes) {
            assertEquals(sharedBoxes, shared().size(), "shared boxes under " + policy() + " at line " + line());
            assertEquals(privateBoxes, tables().size() - shared().size(),
                    "private boxes under " + policy() + " at line " + line());
            assertEquals(sharedBoxes, attr("data-shared-tables"));
            assertEquals(privateBoxes, attr("data-private-tables"));
        }
    }
}
