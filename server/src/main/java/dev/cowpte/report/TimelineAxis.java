package dev.cowpte.report;

import static dev.cowpte.report.Html.esc;
import static dev.cowpte.report.Html.num;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The x axis of a timeline chart: ticks labelled with the source line and, inside a repeat, the
 * iteration ({@code L13 i=3}), so the labels read in the order the statements ran; ticks are
 * chosen so no two labels overlap. Under the labels a bracket spans each top-level repeat.
 */
final class TimelineAxis {
    /** The width of one character of an axis label (11px monospace). */
    static final double CHAR = 6.7;
    private static final double GAP = 12;
    private static final int MAX_TICKS = 14;

    private TimelineAxis() {
    }

    /** {@code L13}, or inside a repeat {@code L13 i=3} ({@code L13 #4}: its 4th iteration, when it has no variable). */
    static String label(Timeline.Sample s) {
        StringBuilder sb = new StringBuilder("L").append(s.line());
        s.repeats().forEach(it -> sb.append(' ').append(it.label()));
        return sb.toString();
    }

    /** {@code line 13 (iteration 4 of 16 of the repeat at line 12 (i = 3)): fork ...}, for a tooltip. */
    static String words(Timeline.Sample s) {
        String in = s.repeats().stream().map(Timeline.Iteration::words).collect(Collectors.joining(", "));
        return "line " + s.line() + (in.isEmpty() ? "" : ", " + in) + ": " + s.text();
    }

    /**
     * The indexes of the samples that get a labelled tick: left to right, at least 1/14 of the
     * width apart and each label clear of the one before and inside {@code [0, width]}.
     */
    static List<Integer> ticks(List<Timeline.Sample> axis, LongToDoubleFunction xs, double left, double right,
                               double width) {
        List<Integer> out = new ArrayList<>();
        double spacing = (right - left) / MAX_TICKS;
        double lastX = Double.NEGATIVE_INFINITY;
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < axis.size(); i++) {
            double x = xs.applyAsDouble(axis.get(i).step());
            double half = label(axis.get(i)).length() * CHAR / 2;
            if (x - lastX >= spacing && x - half >= lastEnd + GAP && x - half >= 0 && x + half <= width) {
                out.add(i);
                lastX = x;
                lastEnd = x + half;
            }
        }
        return out;
    }

    /** Ticks and labels under the plot, whose bottom edge is at {@code y}; then the repeat brackets. */
    static void render(StringBuilder sb, List<Timeline.Sample> axis, LongToDoubleFunction xs, double left,
                       double right, double width, double y) {
        for (int i : ticks(axis, xs, left, right, width)) {
            Timeline.Sample s = axis.get(i);
            double px = xs.applyAsDouble(s.step());
            sb.append("<line class=\"tick\" x1=\"").append(num(px)).append("\" x2=\"").append(num(px)).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y + 4)).append("\"/>")
                    .append("<text class=\"axis x\" x=\"").append(num(px)).append("\" y=\"").append(num(y + 16))
                    .append("\" data-step=\"").append(s.step()).append("\">").append(esc(label(s)))
                    .append("</text>\n");
        }
        brackets(sb, axis, xs, y + 22);
    }

    /** A bracket under the samples of each top-level repeat, named {@code repeat 16 as i (line 12)} where it fits. */
    private static void brackets(StringBuilder sb, List<Timeline.Sample> axis, LongToDoubleFunction xs, double y) {
        int from = -1;
        for (int i = 0; i <= axis.size(); i++) {
            Timeline.Iteration outer = i < axis.size() && !axis.get(i).repeats().isEmpty()
                    ? axis.get(i).repeats().get(0) : null;
            Timeline.Iteration open = from >= 0 ? axis.get(from).repeats().get(0) : null;
            if (open != null && (outer == null || outer.line() != open.line())) {
                bracket(sb, open, xs.applyAsDouble(axis.get(from).step()), xs.applyAsDouble(axis.get(i - 1).step()), y);
                from = -1;
            }
            if (outer != null && from < 0) {
                from = i;
            }
        }
    }

    private static void bracket(StringBuilder sb, Timeline.Iteration r, double x0, double x1, double y) {
        String full = "repeat " + r.count() + (r.variable() != null ? " as " + r.variable() : "") + " (line "
                + r.line() + ")";
        String text = full.length() * CHAR <= x1 - x0 ? full : ("×" + r.count()).length() * CHAR <= x1 - x0 + 8
                ? "×" + r.count() : "";
        sb.append("<g class=\"repeat\" data-line=\"").append(r.line()).append("\"><path class=\"bracket\" d=\"M")
                .append(num(x0)).append(',').append(num(y - 3)).append(" V").append(num(y)).append(" H").append(num(x1))
                .append(" V").append(num(y - 3)).append("\"/>");
        if (!text.isEmpty()) {
            sb.append("<text class=\"repeat-name\" x=\"").append(num((x0 + x1) / 2)).append("\" y=\"")
                    .append(num(y + 11)).append("\">").append(esc(text)).append("</text>");
        }
        sb.append("<title>").append(esc(full)).append("</title></g>\n");
    }
}
