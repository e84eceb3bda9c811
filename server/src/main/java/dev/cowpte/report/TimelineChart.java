package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;
import static dev.cowpte.report.Html.num;

import dev.cowpte.words.Amounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A line chart of one counter over the run, x = executed statement (labelled by {@link TimelineAxis}),
 * one bold machine-wide line per policy (its colour and dash) and a thin line per process and policy
 * (the process's colour, the policy's dash), as {@link TimelineLegend} assigns them.
 */
final class TimelineChart {
    static final double W = 960;
    static final double H = 318;
    private static final double LEFT = 78;
    private static final double RIGHT = 14;
    private static final double TOP = 12;
    /** At most this many processes' values in a column's tooltip. */
    private static final int PROCESSES_IN_TOOLTIP = 6;
    private static final double BOTTOM = 62;

    /** A counter the chart plots. */
    enum Metric {
        PAGE_TABLES("page-table memory", "PageTables (machine)", "pgtables_bytes"),
        RSS("resident memory", "data pages in use (machine)", "rss");

        final String title;
        final String machineWords;
        final String processWords;

        Metric(String title, String machineWords, String processWords) {
            this.title = title;
            this.machineWords = machineWords;
            this.processWords = processWords;
        }

        long machine(Timeline.Sample s) {
            return this == PAGE_TABLES ? s.machinePageTables() : s.machineDataBytes();
        }

        long process(Timeline.Sample s, int series) {
            return this == PAGE_TABLES ? s.pgtables(series) : s.rss(series);
        }
    }

    /** One policy's timeline. */
    record Run(String policy, int index, Timeline timeline) {
    }

    private TimelineChart() {
    }

    static String render(Metric metric, List<Run> runs, Map<Long, String> drawnSteps, TimelineLegend legend) {
        long maxStep = 1;
        long maxValue = 1;
        List<Timeline.Sample> axis = List.of();
        for (Run r : runs) {
            List<Timeline.Sample> ss = r.timeline().samples();
            if (ss.size() > axis.size()) {
                axis = ss;
            }
            int n = r.timeline().series().size();
            for (Timeline.Sample s : ss) {
                maxStep = Math.max(maxStep, s.step());
                maxValue = Math.max(maxValue, metric.machine(s));
                for (int i = 0; i < n; i++) {
                    maxValue = Math.max(maxValue, metric.process(s, i));
                }
            }
        }
        Scale y = Scale.of(maxValue);
        double pw = W - LEFT - RIGHT;
        double ph = H - TOP - BOTTOM;
        final long steps = maxStep;
        // statement st holds the interval [st, st + 1): the last one, too, has its width
        java.util.function.LongToDoubleFunction xs = st -> LEFT + (st - 1) * pw / steps;
        java.util.function.LongToDoubleFunction ys = v -> TOP + ph - v * ph / y.max;

        StringBuilder sb = new StringBuilder(16384);
        sb.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(num(W)).append(' ')
                .append(num(H)).append("\" width=\"").append(num(W)).append("\" height=\"").append(num(H))
                .append("\" role=\"img\" aria-label=\"").append(esc(metric.title + " after each statement"))
                .append("\" data-metric=\"").append(metric.name().toLowerCase(java.util.Locale.ROOT)).append("\">\n");
        // y grid and labels
        for (int i = 0; i <= y.ticks; i++) {
            long v = y.step * i;
            double py = ys.applyAsDouble(v);
            sb.append("<line class=\"grid\" x1=\"").append(num(LEFT)).append("\" x2=\"").append(num(W - RIGHT))
                    .append("\" y1=\"").append(num(py)).append("\" y2=\"").append(num(py)).append("\"/>")
                    .append("<text class=\"axis y\" x=\"").append(num(LEFT - 6)).append("\" y=\"").append(num(py + 4))
                    .append("\">").append(esc(y.label(v))).append("</text>\n");
        }
        TimelineAxis.render(sb, axis, xs, LEFT, W - RIGHT, W, TOP + ph);
        boolean repeats = axis.stream().anyMatch(s -> !s.repeats().isEmpty());
        sb.append("<text class=\"axis-title\" x=\"").append(num(LEFT + pw / 2)).append("\" y=\"").append(num(H - 6))
                .append("\">statements as executed (L13 = line 13").append(repeats ? "; inside a repeat also the "
                        + "iteration: i=3, or #4 = the 4th" : "").append(")</text>\n");
        // drawn statements: a mark on the axis linking to the drawing
        for (Map.Entry<Long, String> d : drawnSteps.entrySet()) {
            if (d.getKey() > maxStep) {
                continue;
            }
            double px = xs.applyAsDouble(d.getKey());
            sb.append("<a href=\"#").append(esc(d.getValue())).append("\"><path class=\"drawn-mark\" d=\"M")
                    .append(num(px)).append(',').append(num(TOP + ph - 1)).append(" l-4,7 h8 z\"><title>")
                    .append("trees drawn after this statement</title></path></a>\n");
        }
        // per-process lines first, machine lines on top
        for (Run r : runs) {
            List<Timeline.Sample> ss = r.timeline().samples();
            List<String> names = r.timeline().series();
            for (int i = 0; i < names.size(); i++) {
                final int series = i;
                String d = path(ss, s -> metric.process(s, series), xs, ys);
                if (!d.isEmpty()) {
                    sb.append("<path class=\"series proc pol-").append(r.index()).append(" proc-c")
                            .append(legend.colour(names.get(i))).append("\" data-policy=\"")
                            .append(esc(r.policy())).append("\" data-process=\"").append(esc(names.get(i)))
                            .append("\" d=\"").append(d).append("\"><title>").append(esc(r.policy() + " · "
                            + names.get(i) + " · " + metric.processWords)).append("</title></path>\n");
                }
            }
        }
        // last policy first: of policies whose lines coincide, the first (the one the legend
        // names, "same line as cow-pte") is drawn last, on top, in its own colour and dash
        for (int k = runs.size() - 1; k >= 0; k--) {
            Run r = runs.get(k);
            String d = path(r.timeline().samples(), metric::machine, xs, ys);
            if (!d.isEmpty()) {
                machineLine(sb, r, legend.sameLine(metric, r.policy()), metric, d);
            }
        }
        hoverBands(sb, metric, runs, axis, xs, ph);
        sb.append("<rect class=\"frame\" x=\"").append(num(LEFT)).append("\" y=\"").append(num(TOP)).append("\" width=\"")
                .append(num(pw)).append("\" height=\"").append(num(ph)).append("\"/>\n");
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** A policy's bold line; drawn over or under others of the same values, it names them all. */
    private static void machineLine(StringBuilder sb, Run r, List<String> same, Metric metric, String d) {
        sb.append("<path class=\"series machine pol-").append(r.index()).append(same.size() > 1 ? " same" : "")
                .append("\" data-policy=\"").append(esc(r.policy())).append('"');
        if (same.size() > 1) {
            sb.append(" data-same-line=\"").append(esc(String.join(" ", same))).append('"');
            if (!same.get(0).equals(r.policy())) {
                sb.append(" data-same-as=\"").append(esc(same.get(0))).append('"');
            }
        }
        sb.append(" d=\"").append(d).append("\"><title>")
                .append(esc((same.size() > 1 ? String.join(", ", same) + " (the same line)" : r.policy()) + " · "
                        + metric.machineWords)).append("</title></path>\n");
    }

    /** Invisible columns, one per sample, whose tooltip gives every policy's machine-wide value there. */
    private static void hoverBands(StringBuilder sb, Metric metric, List<Run> runs, List<Timeline.Sample> axis,
                                   java.util.function.LongToDoubleFunction xs, double ph) {
        List<Map<Long, Timeline.Sample>> byStep = new ArrayList<>();
        for (Run r : runs) {
            Map<Long, Timeline.Sample> m = new HashMap<>();
            r.timeline().samples().forEach(s -> m.put(s.step(), s));
            byStep.add(m);
        }
        for (int i = 0; i < axis.size(); i++) {
            Timeline.Sample s = axis.get(i);
            // the value after a statement holds from its x to the next statement kept
            double x0 = xs.applyAsDouble(s.step());
            double x1 = i == axis.size() - 1 ? W - RIGHT : xs.applyAsDouble(axis.get(i + 1).step());
            StringBuilder t = new StringBuilder(TimelineAxis.words(s));
            // policies with the same values there share one line
            Map<String, List<String>> policiesByValues = new java.util.LinkedHashMap<>();
            for (int k = 0; k < runs.size(); k++) {
                Timeline.Sample at = byStep.get(k).get(s.step());
                if (at != null) {
                    StringBuilder v = new StringBuilder(metric.machineWords).append(' ')
                            .append(Amounts.bytes(metric.machine(at)));
                    processValues(v, metric, runs.get(k), at);
                    policiesByValues.computeIfAbsent(v.toString(), x -> new ArrayList<>()).add(runs.get(k).policy());
                }
            }
            policiesByValues.forEach((v, policies) -> t.append('\n').append(String.join(", ", policies)).append(": ")
                    .append(v));
            sb.append("<rect class=\"hover\" x=\"").append(num(x0)).append("\" y=\"").append(num(TOP))
                    .append("\" width=\"").append(num(Math.max(0.5, x1 - x0))).append("\" height=\"").append(num(ph))
                    .append("\"><title>").append(esc(t.toString())).append("</title></rect>\n");
        }
    }

    /** {@code  (parent 2060 KiB, child 12 KiB, …)}: the processes' own values, whose thin lines may lie on each other. */
    private static void processValues(StringBuilder t, Metric metric, Run run, Timeline.Sample at) {
        List<String> names = run.timeline().series();
        List<String> values = new ArrayList<>();
        int alive = 0;
        for (int i = 0; i < names.size(); i++) {
            long v = metric.process(at, i);
            if (v >= 0 && alive++ < PROCESSES_IN_TOOLTIP) {
                values.add(names.get(i) + " " + Amounts.bytes(v));
            }
        }
        if (!values.isEmpty()) {
            t.append(" (").append(String.join(", ", values)).append(alive > PROCESSES_IN_TOOLTIP ? ", …" : "")
                    .append(')');
        }
    }

    private static String path(List<Timeline.Sample> ss, ToLongFunction<Timeline.Sample> value,
                               java.util.function.LongToDoubleFunction xs, java.util.function.LongToDoubleFunction ys) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        double lastY = Double.NaN;
        for (Timeline.Sample s : ss) {
            long v = value.applyAsLong(s);
            double x = xs.applyAsDouble(s.step());
            if (v < 0) {
                if (pen) {
                    // the process is gone after this statement: its last value held until here
                    d.append(" H").append(num(x));
                }
                pen = false;
                continue;
            }
            double y = ys.applyAsDouble(v);
            if (!pen) {
                d.append(d.length() == 0 ? "" : " ").append('M').append(num(x)).append(',').append(num(y));
                pen = true;
            } else if (y != lastY) {
                // a step: the value holds until the next statement changes it (a value that
                // holds needs no point: the next step's or the end's H draws it on)
                d.append(" H").append(num(x)).append(" V").append(num(y));
            }
            lastY = y;
        }
        if (pen) {
            d.append(" H").append(num(W - RIGHT));
        }
        return d.toString();
    }

    /** A y axis from 0 with round ticks in a binary unit. */
    private record Scale(long max, long step, int ticks, long unit) {
        private static final String[] NAMES = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

        String label(long v) {
            if (v == 0) {
                return "0";
            }
            int u = Long.numberOfTrailingZeros(unit) / 10;
            String n = new java.math.BigDecimal(v).divide(java.math.BigDecimal.valueOf(unit), 2,
                    java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            return n + " " + NAMES[u];
        }

        static Scale of(long maxValue) {
            long unit = 1;
            while (maxValue / unit >= 1024 && unit < (1L << 50)) {
                unit *= 1024;
            }
            double inUnit = (double) maxValue / unit;
            double raw = inUnit / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
            double nice = raw / mag <= 1 ? 1 : raw / mag <= 2 ? 2 : raw / mag <= 2.5 ? 2.5 : raw / mag <= 5 ? 5 : 10;
            long step = Math.max(1, Math.round(nice * mag * unit));
            int ticks = Math.max(1, (int) Math.ceil((double) maxValue / step));
            return new Scale(step * ticks, step, ticks, unit);
        }
    }
}
