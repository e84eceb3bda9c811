package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tells the timeline's lines apart: a colour per process (the CSS variables {@code --proc0}
 * to {@code --proc7}, cycling), the dash of its policy, and, per chart, the policies whose
 * machine-wide lines are the same over the whole run and so are drawn over each other.
 */
final class TimelineLegend {
    /** Process colours, {@code --proc0} to {@code --proc7} in the stylesheet. */
    static final int PROCESS_COLOURS = 8;

    private final Map<String, Integer> processes = new LinkedHashMap<>();
    private final Map<TimelineChart.Metric, Map<String, List<String>>> sameLine =
            new EnumMap<>(TimelineChart.Metric.class);

    private TimelineLegend() {
    }

    static TimelineLegend of(List<TimelineChart.Run> runs) {
        TimelineLegend l = new TimelineLegend();
        for (TimelineChart.Run r : runs) {
            r.timeline().series().forEach(p -> l.processes.putIfAbsent(p, l.processes.size()));
        }
        for (TimelineChart.Metric m : TimelineChart.Metric.values()) {
            Map<String, List<String>> same = new LinkedHashMap<>();
            List<long[]> lines = runs.stream().map(r -> line(m, r.timeline())).toList();
            for (int i = 0; i < runs.size(); i++) {
                List<String> on = new ArrayList<>();
                for (int j = 0; j < runs.size(); j++) {
                    if (i == j || lines.get(i).length > 0 && Arrays.equals(lines.get(i), lines.get(j))) {
                        on.add(runs.get(j).policy());
                    }
                }
                same.put(runs.get(i).policy(), List.copyOf(on));
            }
            l.sameLine.put(m, same);
        }
        return l;
    }

    /** The machine-wide line as drawn: step and value of every kept sample. */
    private static long[] line(TimelineChart.Metric m, Timeline t) {
        List<Timeline.Sample> ss = t.samples();
        long[] out = new long[2 * ss.size()];
        for (int i = 0; i < ss.size(); i++) {
            out[2 * i] = ss.get(i).step();
            out[2 * i + 1] = m.machine(ss.get(i));
        }
        return out;
    }

    /** The colour of a process's thin lines, the same under every policy. */
    int colour(String process) {
        return processes.getOrDefault(process, 0) % PROCESS_COLOURS;
    }

    /** Every policy whose machine-wide line of {@code m} is the same as {@code policy}'s, in report order, itself included. */
    List<String> sameLine(TimelineChart.Metric m, String policy) {
        return sameLine.get(m).getOrDefault(policy, List.of(policy));
    }

    /** The bold machine-wide line of each policy, with its colour and dash. */
    static String policies(List<TimelineChart.Run> runs) {
        StringBuilder sb = new StringBuilder("<p class=\"legend policies\"><span class=\"legend-head\">policies, bold ")
                .append("machine-wide:</span> ");
        for (TimelineChart.Run r : runs) {
            sb.append("<span>").append(swatch("series machine pol-" + r.index())).append(' ').append(esc(r.policy()))
                    .append("</span> ");
        }
        return sb.append("</p>\n").toString();
    }

    /** Each process with its colour; its thin lines take the dash of their policy. */
    String processes() {
        if (processes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<p class=\"legend processes\"><span class=\"legend-head\">processes, ")
                .append("thin, dashed as their policy:</span> ");
        int shown = 0;
        for (String p : processes.keySet()) {
            if (shown++ == PROCESS_COLOURS) {
                // past one of each colour a swatch names nothing: the lines' tooltips do
                int more = processes.size() - PROCESS_COLOURS;
                sb.append("<span class=\"more\">and ").append(more).append(more == 1 ? " more process" : " more processes")
                        .append(", in the same colours again: hover a line to name its process</span>");
                break;
            }
            sb.append("<span data-process=\"").append(esc(p)).append("\">")
                    .append(swatch("series proc proc-c" + colour(p))).append(' ').append(esc(p)).append("</span> ");
        }
        return sb.append("</p>\n").toString();
    }

    /**
     * For the chart of {@code m}: the policies drawn under another's line, by line, e.g.
     * {@code cow-pte-rfc, odf — same line as cow-pte}; empty when every line is its own.
     */
    String coinciding(TimelineChart.Metric m, List<TimelineChart.Run> runs) {
        StringBuilder sb = new StringBuilder();
        for (TimelineChart.Run r : runs) {
            List<String> on = sameLine(m, r.policy());
            if (on.size() > 1 && on.get(0).equals(r.policy())) {
                List<String> others = on.subList(1, on.size());
                sb.append("<span class=\"same\" data-same-as=\"").append(esc(r.policy())).append("\" data-policies=\"")
                        .append(esc(String.join(" ", others))).append("\">").append(esc(String.join(", ", others)))
                        .append(" — same line as ").append(esc(r.policy())).append("</span> ");
            }
        }
        if (sb.length() == 0) {
            return "";
        }
        return "<p class=\"legend coinciding\"><span class=\"legend-head\">lines drawn over each other:</span> " + sb
                + "</p>\n";
    }

    private static String swatch(String cls) {
        return "<svg width=\"34\" height=\"10\" aria-hidden=\"true\"><path class=\"" + cls + "\" d=\"M1,5 H33\"/></svg>";
    }
}
