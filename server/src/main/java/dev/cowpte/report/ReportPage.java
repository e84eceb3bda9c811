package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;

import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.words.Amounts;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assembles the report's HTML: header, timeline, trees, expectations, comparison; CSS inline. */
final class ReportPage {
    private ReportPage() {
    }

    static String render(List<ReportWriter.PolicyReport> reports, String name) {
        StringBuilder sb = new StringBuilder(1 << 16);
        RunResult first = reports.isEmpty() ? null : reports.get(0).run().result();
        String title = first != null && first.title() != null ? first.title() : name != null ? name : "scenario";
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<meta name=\"generator\" content=\"cowpte report\">\n")
                .append("<title>").append(esc("cowpte report: " + title)).append("</title>\n<style>\n")
                .append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n");
        defs(sb);
        sb.append("<header><h1>").append(esc(title)).append("</h1>\n<p class=\"sub\">");
        if (name != null) {
            sb.append("<code>").append(esc(name)).append("</code> · ");
        }
        sb.append("policies ");
        for (int i = 0; i < reports.size(); i++) {
            String p = reports.get(i).run().policy();
            sb.append(i > 0 ? ", " : "").append("<span class=\"pol-name pol-").append(colour(p)).append("\">")
                    .append(esc(p)).append("</span>");
        }
        sb.append("</p>\n");
        summary(sb, reports);
        dev.cowpte.run.PolicyComparison.unreached(null, reports.stream().map(ReportWriter.PolicyReport::run).toList())
                .ifPresent(w -> sb.append("<p class=\"warning\" role=\"note\">").append(esc(w)).append("</p>\n"));
        sb.append("<nav><a href=\"#timeline\">1 Timeline</a> <a href=\"#trees\">2 Page-table trees</a> ")
                .append("<a href=\"#expectations\">3 Expectations</a> <a href=\"#comparison\">4 Comparison</a></nav>\n")
                .append("</header>\n")
                .append("<input type=\"checkbox\" id=\"diff-only\" class=\"diff-toggle\">")
                .append("<label for=\"diff-only\" class=\"diff-label\">differences only: hide the statements whose ")
                .append("trees are the same under all policies</label>\n<main>\n");
        timeline(sb, reports);
        trees(sb, reports);
        sb.append("<section id=\"expectations\"><h2>3 Expectations</h2>\n<p class=\"note\">Each policy replaces every ")
                .append("<code>policy</code> statement of the scenario (a <code>fork … policy X</code> keeps its X), so ")
                .append("expectations written for one policy may fail under another.</p>\n")
                .append("<div class=\"scroll\">")
                .append(ExpectationsTable.render(reports.stream().map(ReportWriter.PolicyReport::run).toList()))
                .append("</div></section>\n");
        sb.append("<section id=\"comparison\"><h2>4 Comparison</h2>\n<p class=\"note\">As <code>cowpte compare</code>: ")
                .append("per process the numbers at the end of the run or just before the process exited.</p>\n")
                .append("<div class=\"scroll\">")
                .append(ComparisonTable.render(reports.stream().map(ReportWriter.PolicyReport::run).toList()))
                .append("</div></section>\n");
        sb.append("</main>\n<footer>Made by <code>cowpte report</code>. Page tables as the simulator of docs/MODEL.md ")
                .append("keeps them: x86-64, 4 KiB pages, 512 entries a table.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** Colours and dashes for policies, {@code --pol0} to {@code --pol5} in the stylesheet: one per known policy. */
    static final int POLICY_STYLES = 6;

    /** The colour index of a policy: fixed per known policy, so a policy looks the same in every report. */
    static int colour(String policy) {
        int i = ForkPolicies.names().indexOf(policy);
        return i < 0 ? 0 : i % POLICY_STYLES;
    }

    private static void defs(StringBuilder sb) {
        sb.append("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>")
                .append("<marker id=\"cowpte-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto\" markerUnits=\"userSpaceOnUse\">")
                .append("<path class=\"arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs></svg>\n");
    }

    private static void summary(StringBuilder sb, List<ReportWriter.PolicyReport> reports) {
        sb.append("<ul class=\"summary\">");
        for (ReportWriter.PolicyReport r : reports) {
            RunResult res = r.run().result();
            long held = res.expectationsPassed();
            long all = held + res.expectationsFailed();
            sb.append("<li class=\"").append(res.errors() > 0 ? "error" : held == all ? "pass" : "fail")
                    .append("\"><span class=\"pol-name pol-").append(colour(r.run().policy())).append("\">")
                    .append(esc(r.run().policy())).append("</span> ").append(held).append('/').append(all)
                    .append(all == 1 ? " expectation held" : " expectations held");
            if (res.expectationsNotRun() > 0) {
                sb.append(", ").append(res.expectationsNotRun()).append(" not run");
            }
            if (res.errors() > 0) {
                sb.append(", ").append(res.errors()).append(res.errors() == 1 ? " error" : " errors");
            }
            sb.append(" · PageTables peak ").append(esc(dev.cowpte.words.Amounts.bytes(r.run().peakPageTablesBytes())))
                    .append("</li>");
        }
        sb.append("</ul>\n");
    }

    private static void timeline(StringBuilder sb, List<ReportWriter.PolicyReport> reports) {
        sb.append("<section id=\"timeline\"><h2>1 Timeline</h2>\n<p class=\"note\">After every executed statement ")
                .append("(repeat iterations included). Bold: machine-wide, a colour and dash per policy; thin: one ")
                .append("line per process and policy, coloured by process and dashed as the policy. ")
                .append("▲ on the axis: trees drawn in section 2. Thin lines of processes with the same values lie on each other: hover a column for every value.</p>\n");
        List<TimelineChart.Run> runs = new ArrayList<>();
        Map<Long, String> drawn = new TreeMap<>();
        boolean thinned = false;
        java.util.Set<String> omitted = new java.util.LinkedHashSet<>();
        for (ReportWriter.PolicyReport r : reports) {
            runs.add(new TimelineChart.Run(r.run().policy(), colour(r.run().policy()), r.recorder().timeline()));
            r.recorder().drawings().forEach(d -> drawn.put(d.step(), anchor(d.step())));
            thinned |= r.recorder().timeline().thinned();
            for (String o : r.recorder().timeline().omittedProcesses()) {
                omitted.add(o);
            }
        }
        TimelineLegend legend = TimelineLegend.of(runs);
        sb.append("<div class=\"legends\">").append(TimelineLegend.policies(runs)).append(legend.processes())
                .append("</div>\n");
        for (TimelineChart.Metric m : TimelineChart.Metric.values()) {
            sb.append("<figure class=\"chart\" data-metric=\"").append(m.name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"><figcaption><b>").append(esc(m.title)).append("</b>: bold ")
                    .append(esc(m.machineWords)).append(", thin ").append(esc(m.processWords))
                    .append(" per process (as the policy accounts it)").append(legend.coinciding(m, runs))
                    .append("</figcaption>\n<div class=\"scroll\">")
                    .append(TimelineChart.render(m, runs, drawn, legend)).append("</div></figure>\n");
        }
        if (thinned) {
            sb.append("<p class=\"note\">The run is long: the charts show every k-th statement and the last.</p>\n");
        }
        if (!omitted.isEmpty()) {
            sb.append("<p class=\"note\">").append(omitted.size() == 1 ? "1 process has" : omitted.size() + " processes have")
                    .append(" no line of their own (")
                    .append(esc(String.join(", ", omitted.stream().limit(8).toList())))
                    .append(omitted.size() > 8 ? ", …" : "").append(").</p>\n");
        }
        sb.append("</section>\n");
    }

    static String anchor(long step) {
        return "step-" + step;
    }

    private static void trees(StringBuilder sb, List<ReportWriter.PolicyReport> reports) {
        sb.append("<section id=\"trees\"><h2>2 Page-table trees</h2>\n<p class=\"note\">After each fork, write, ")
                .append("exit and each statement that can share, copy or drop a PTE table (touch, munmap, mprotect, ")
                .append("madvise, pin): the trees of the live processes, pgd → pud → pmd → PTE tables. A PTE table ")
                .append("shared by several processes is drawn once, on the right (below the processes in a narrow ")
                .append("window), with a pointer from each sharer's pmd table; alike neighbouring tables are one ")
                .append("box with a count. Inside a repeat, the last iteration is drawn.</p>\n");
        treeLegend(sb);
        Map<Long, List<Drawing>> bySteps = new TreeMap<>();
        int notDrawn = 0;
        for (ReportWriter.PolicyReport r : reports) {
            for (Drawing d : r.recorder().drawings()) {
                bySteps.computeIfAbsent(d.step(), k -> new ArrayList<>()).add(d);
            }
            notDrawn = Math.max(notDrawn, r.recorder().notDrawn());
        }
        if (bySteps.isEmpty()) {
            sb.append("<p class=\"muted\">No statement of this scenario changes page tables.</p>\n");
        }
        for (Map.Entry<Long, List<Drawing>> e : bySteps.entrySet()) {
            Drawing head = e.getValue().get(0);
            List<String> figures = new ArrayList<>();
            for (Drawing d : e.getValue()) {
                StringBuilder f = new StringBuilder();
                figure(f, d);
                figures.add(f.toString());
            }
            boolean same = e.getValue().size() > 1 && e.getValue().size() == reports.size()
                    && figures.stream().map(f -> withoutPolicy(f, e.getValue(), figures)).distinct().count() == 1;
            sb.append("<section class=\"step").append(same ? " same" : "").append("\" id=\"").append(anchor(e.getKey()))
                    .append("\"><h3><span class=\"line\">line ")
                    .append(head.line()).append("</span> <code>").append(esc(head.text())).append("</code>");
            pageSet(sb, reports, e.getValue());
            sb.append("</h3>\n");
            if (same) {
                // one drawing for all: the first, its caption naming every policy
                String policyName = "<span class=\"pol-name pol-" + colour(head.policy()) + "\">" + esc(head.policy())
                        + "</span>";
                sb.append(figures.get(0).replace(policyName, "<span class=\"same-all\">same under all policies</span>")
                        .replace("under " + esc(head.policy()) + " after", "under all policies after")
                        .replace("data-policy=\"" + esc(head.policy()) + "\"", "data-policy=\""
                                + esc(String.join(" ", e.getValue().stream().map(Drawing::policy).toList())) + "\""));
            } else {
                figures.forEach(sb::append);
            }
            sb.append("</section>\n");
        }
        if (notDrawn > 0) {
            sb.append("<p class=\"note\">").append(notDrawn).append(" later statements are not drawn (at most ")
                    .append(ReportRecorder.MAX_DRAWINGS).append(" per policy).</p>\n");
        }
        sb.append("</section>\n");
    }

    /**
     * For a statement whose address is a page set: how many pages and runs the set held when the
     * drawn run of it ran (inside a repeat, the last iteration), as the run's record has it. The
     * set does not depend on the policy; the first drawn policy whose record has one names it.
     */
    private static void pageSet(StringBuilder sb, List<ReportWriter.PolicyReport> reports, List<Drawing> drawn) {
        for (Drawing d : drawn) {
            for (ReportWriter.PolicyReport r : reports) {
                if (!r.run().policy().equals(d.policy())) {
                    continue;
                }
                for (StatementRecord rec : r.run().result().records()) {
                    // one statement a line: the grammar ends each with a newline
                    if (rec.range().line() == d.line() && rec.pageSet() != null) {
                        StatementRecord.PageSetShape set = rec.pageSet();
                        sb.append(" <span class=\"page-set muted\">")
                                .append(esc(Amounts.pageSet(set.pages(), set.runs(), set.over()))).append("</span>");
                        return;
                    }
                }
            }
        }
    }

    /** A figure's HTML with its policy's name and colour taken out, to find statements drawn alike under every policy. */
    private static String withoutPolicy(String figure, List<Drawing> drawings, List<String> figures) {
        Drawing d = drawings.get(figures.indexOf(figure));
        return figure.replace("data-policy=\"" + esc(d.policy()) + "\"", "")
                .replace("under " + esc(d.policy()) + " after", "under all policies after")
                .replace("<span class=\"pol-name pol-" + colour(d.policy()) + "\">" + esc(d.policy()) + "</span>", "");
    }

    private static void figure(StringBuilder sb, Drawing d) {
        TreeLayout.Layout l = TreeLayout.of(d);
        sb.append("<figure class=\"drawing\" data-policy=\"").append(esc(d.policy())).append("\"><figcaption>")
                .append("<span class=\"pol-name pol-").append(colour(d.policy())).append("\">").append(esc(d.policy()))
                .append("</span> ");
        sb.append("<span class=\"work\">").append(esc(Counters.work(d.work(), "no page-table work")))
                .append("</span>");
        if (d.note() != null) {
            sb.append(" <span class=\"muted\">(").append(esc(d.note())).append(")</span>");
        }
        if (!d.gone().isEmpty()) {
            sb.append("<br><span class=\"gone\">").append(esc(String.join(", ", d.gone())))
                    .append(d.gone().size() == 1 ? " is" : " are").append(" gone: its tables were freed or its ")
                    .append("references dropped</span>");
        }
        if (d.omitted() > 0) {
            sb.append("<br><span class=\"muted\">").append(d.omitted()).append(" more live processes not drawn</span>");
        }
        sb.append("</figcaption>\n");
        if (d.processes().isEmpty()) {
            sb.append("<p class=\"muted empty\">No live process.</p>");
        } else {
            // both drawn; the stylesheet shows the outline in a narrow window, the wide one elsewhere and in print
            sb.append("<div class=\"scroll tree-wide\">").append(TreeSvg.render(d, l)).append("</div>")
                    .append("<div class=\"tree-narrow\">").append(NarrowTreeSvg.render(d, NarrowTreeLayout.of(l)))
                    .append("</div>");
        }
        sb.append("</figure>\n");
    }

    /** What the pin badge means, in both legends. */
    private static final String PINNED_WORDS = "pinned pages: fork copies them, and their PTE table";

    private static void treeLegend(StringBuilder sb) {
        sb.append("<div class=\"tree-legend tree-wide\"><svg width=\"760\" height=\"78\" viewBox=\"0 0 760 78\" role=\"img\" ")
                .append("aria-label=\"legend\">")
                .append("<g class=\"table private\"><rect x=\"2\" y=\"4\" width=\"92\" height=\"22\" rx=\"4\"/>")
                .append("<text class=\"t-title\" x=\"8\" y=\"19\">private</text></g>")
                .append("<g class=\"table shared\"><rect x=\"104\" y=\"4\" width=\"150\" height=\"22\" rx=\"4\"/>")
                .append("<text class=\"t-title\" x=\"110\" y=\"19\">shared (drawn once)</text></g>")
                .append("<path class=\"ptr\" d=\"M270,15 H318\" marker-end=\"url(#cowpte-arrow)\"/>")
                .append("<text class=\"t-sub\" x=\"324\" y=\"19\">pmd entry</text>")
                .append("<path class=\"ptr wp\" d=\"M400,15 H448\" marker-end=\"url(#cowpte-arrow)\"/>")
                .append("<text class=\"t-sub\" x=\"454\" y=\"19\">write-protected pmd entry (COW PTE)</text>");
        double x = 2;
        for (Change c : Change.values()) {
            double w = c.words.length() * 6 + 8;
            sb.append("<g class=\"badge b-").append(c.css).append("\"><rect x=\"").append(Html.num(x))
                    .append("\" y=\"38\" width=\"").append(Html.num(w)).append("\" height=\"13\" rx=\"6.5\"/><text x=\"")
                    .append(Html.num(x + 4)).append("\" y=\"48\">").append(esc(c.words)).append("</text></g>");
            x += w + 8;
        }
        sb.append("<text class=\"t-sub\" x=\"").append(Html.num(x + 4)).append("\" y=\"48\">")
                .append("what the statement did (tables)</text>");
        sb.append("<g class=\"badge b-pinned\"><rect x=\"2\" y=\"58\" width=\"56\" height=\"13\" rx=\"2\"/>")
                .append("<text x=\"6\" y=\"68\">1 pinned</text></g><text class=\"t-sub\" x=\"66\" y=\"68\">")
                .append(esc(PINNED_WORDS)).append("</text>");
        sb.append("</svg></div>\n");
        narrowLegend(sb);
    }

    /** The legend of the outline drawn in a narrow window: the same marks in rows of at most 400 px. */
    private static void narrowLegend(StringBuilder sb) {
        StringBuilder svg = new StringBuilder()
                .append("<g class=\"table private\"><rect x=\"2\" y=\"4\" width=\"92\" height=\"22\" rx=\"4\"/>")
                .append("<text class=\"t-title\" x=\"8\" y=\"19\">private</text></g>")
                .append("<g class=\"table shared\"><rect x=\"104\" y=\"4\" width=\"150\" height=\"22\" rx=\"4\"/>")
                .append("<text class=\"t-title\" x=\"110\" y=\"19\">shared (drawn once)</text></g>")
                .append("<path class=\"ptr\" d=\"M2,45 H50\" marker-end=\"url(#cowpte-arrow)\"/>")
                .append("<text class=\"t-sub\" x=\"56\" y=\"49\">pmd entry</text>")
                .append("<path class=\"ptr wp\" d=\"M132,45 H180\" marker-end=\"url(#cowpte-arrow)\"/>")
                .append("<text class=\"t-sub\" x=\"186\" y=\"49\">write-protected (COW PTE)</text>")
                .append("<g class=\"ref\"><rect x=\"2\" y=\"60\" width=\"150\" height=\"18\" rx=\"9\"/>")
                .append("<text x=\"10\" y=\"73\">pte shared, below ↓</text></g>")
                .append("<text class=\"t-sub\" x=\"160\" y=\"73\">a pmd entry to a shared table</text>");
        double x = 2;
        double y = 88;
        for (Change c : Change.values()) {
            double w = c.words.length() * 6 + 8;
            if (x + w > 400) {
                x = 2;
                y += 18;
            }
            svg.append("<g class=\"badge b-").append(c.css).append("\"><rect x=\"").append(Html.num(x))
                    .append("\" y=\"").append(Html.num(y)).append("\" width=\"").append(Html.num(w))
                    .append("\" height=\"13\" rx=\"6.5\"/><text x=\"").append(Html.num(x + 4)).append("\" y=\"")
                    .append(Html.num(y + 10)).append("\">").append(esc(c.words)).append("</text></g>");
            x += w + 8;
        }
        y += 28;
        svg.append("<text class=\"t-sub\" x=\"2\" y=\"").append(Html.num(y)).append("\">")
                .append("what the statement did to the tables (count)</text>");
        y += 10;
        svg.append("<g class=\"badge b-pinned\"><rect x=\"2\" y=\"").append(Html.num(y))
                .append("\" width=\"56\" height=\"13\" rx=\"2\"/><text x=\"6\" y=\"").append(Html.num(y + 10))
                .append("\">1 pinned</text></g><text class=\"t-sub\" x=\"66\" y=\"").append(Html.num(y + 10))
                .append("\">").append(esc(PINNED_WORDS)).append("</text>");
        y += 16;
        double h = y + 6;
        sb.append("<div class=\"tree-legend tree-narrow\"><svg width=\"400\" height=\"").append(Html.num(h))
                .append("\" viewBox=\"0 0 400 ").append(Html.num(h)).append("\" role=\"img\" aria-label=\"legend\">")
                .append(svg).append("</svg></div>\n");
    }
}