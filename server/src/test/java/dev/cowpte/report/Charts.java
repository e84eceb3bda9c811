package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The timeline of a report, parsed as XML: the legends above the charts and, per metric
 * ({@code page_tables}, {@code rss}), the chart's figure with its caption and SVG.
 */
record Charts(String html) {
    static Charts of(String scenario, String... policies) {
        return new Charts(ReportWriter.write(scenario, List.of(policies),
                ReportWriter.Options.defaults().withThreads(1)));
    }

    /** The legends above both charts: policies and processes. */
    Element legends() {
        return parse(find("<div class=\"legends\">[\\s\\S]*?</div>"));
    }

    /** The figure of one metric: caption and chart. */
    Element figure(String metric) {
        return parse(find("<figure class=\"chart\" data-metric=\"" + metric + "\">[\\s\\S]*?</figure>"));
    }

    /** {@code <svg class="chart">} of one metric. */
    Element chart(String metric) {
        List<Element> svg = elements(figure(metric), "svg", "chart");
        assertTrue(svg.size() == 1, "one chart for " + metric);
        return svg.get(0);
    }

    /** A label under the x axis: its text and where it is centred. */
    record Label(String text, double x) {
    }

    List<Label> xLabels(String metric) {
        List<Label> out = new ArrayList<>();
        for (Element t : elements(chart(metric), "text", "x")) {
            if (hasClass(t, "axis")) {
                out.add(new Label(t.getTextContent(), Double.parseDouble(t.getAttribute("x"))));
            }
        }
        return out;
    }

    private String find(String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertTrue(m.find(), "the report has " + regex);
        return m.group();
    }

    static List<Element> elements(Element root, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = root.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (cls == null || hasClass(e, cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static boolean hasClass(Element e, String c) {
        return List.of(e.getAttribute("class").split(" ")).contains(c);
    }

    /** The class of {@code e} that starts with {@code prefix}, e.g. {@code proc-c3}. */
    static String classStarting(Element e, String prefix) {
        for (String c : e.getAttribute("class").split(" ")) {
            if (c.startsWith(prefix)) {
                return c;
            }
        }
        throw new AssertionError("no class " + prefix + "… on <" + e.getTagName() + " class=\""
                + e.getAttribute("class") + "\">");
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
