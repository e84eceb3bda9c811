package dev.cowpte.run;

import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How far a run is: the statement it is at, the iteration of each enclosing {@code repeat}, the
 * share of the statements to execute (repeat iterations counted) done so far, and an estimate of
 * the time left. Every surface that shows a run's progress (the command line on a terminal, the
 * language server's {@code $/progress}) reads it from here; it tells {@code shown} at most every
 * {@code everyNanos}.
 */
public final class RunMeter implements RunListener {
    /** What a progress line shows. */
    public record Snapshot(int line, String statement, String iterations, long done, long total, long elapsedNanos) {
        /** Done, in percent (0-100). */
        public int percent() {
            return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }

        /** Time left at the pace so far, or -1 while too little has run to say. */
        public long leftNanos() {
            if (done <= 0 || elapsedNanos < 200_000_000L) {
                return -1;
            }
            return (long) ((double) elapsedNanos / done * Math.max(0, total - done));
        }

        /** {@code line 19: fork parent -> child{i} (repeat 3/16), 18%, about 12 s left}. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("line ").append(line).append(": ").append(statement);
            if (!iterations.isEmpty()) {
                sb.append(" (").append(iterations).append(')');
            }
            sb.append(", ").append(percent()).append('%');
            long left = leftNanos();
            if (left >= 0) {
                sb.append(", about ").append(duration(left)).append(" left");
            }
            return sb.toString();
        }

        static String duration(long nanos) {
            long s = Math.round(nanos / 1e9);
            if (s < 60) {
                return s + " s";
            }
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
    }

    private final String source;
    private final long total;
    private final Consumer<Snapshot> shown;
    private final long everyNanos;
    private final long startNanos = System.nanoTime();
    private long lastShown = Long.MIN_VALUE / 2;
    private long done;
    private final Deque<long[]> repeats = new ArrayDeque<>();

    /** A meter of {@code scenario} (its text {@code source}) that tells {@code shown} at most every {@code everyNanos}. */
    public RunMeter(Scenario scenario, String source, long everyNanos, Consumer<Snapshot> shown) {
        this.source = source == null ? "" : source;
        this.total = scenario == null ? 0 : weight(scenario.statements());
        this.everyNanos = everyNanos;
        this.shown = shown;
    }

    /** A meter of the scenario in {@code text}, checked here (a text with errors has nothing to measure). */
    public static RunMeter of(String text, long everyNanos, Consumer<Snapshot> shown) {
        return new RunMeter(ScenarioRunner.check(text).scenario(), text, everyNanos, shown);
    }

    /** The statements a run executes, each repeat's body once per iteration (saturating). */
    static long weight(List<Statement> statements) {
        long sum = 0;
        for (Statement s : statements) {
            long w = s instanceof Statement.Repeat r ? multiply(r.count(), weight(r.body())) : 1;
            sum = sum + w < 0 ? Long.MAX_VALUE : sum + w;
        }
        return sum;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    public long total() {
        return total;
    }

    @Override
    public void iteration(Statement.Repeat repeat, long iteration) {
        while (!repeats.isEmpty() && repeats.peek()[0] != repeat.range().startOffset()
                && !inside(repeat, repeats.peek())) {
            repeats.pop();
        }
        if (!repeats.isEmpty() && repeats.peek()[0] == repeat.range().startOffset()) {
            repeats.peek()[1] = iteration;
        } else {
            repeats.push(new long[] {repeat.range().startOffset(), iteration, repeat.count(), repeat.range().endOffset()});
        }
    }

    private static boolean inside(Statement.Repeat repeat, long[] outer) {
        return outer[0] <= repeat.range().startOffset() && repeat.range().endOffset() <= outer[3];
    }

    @Override
    public void beforeEach(Statement s) {
        if (s.isBlock()) {
            return;
        }
        done++;
        while (!repeats.isEmpty() && !(repeats.peek()[0] <= s.range().startOffset()
                && s.range().endOffset() <= repeats.peek()[3])) {
            repeats.pop();
        }
        long now = System.nanoTime();
        if (now - lastShown < everyNanos) {
            return;
        }
        lastShown = now;
        shown.accept(new Snapshot(s.range().line(), text(s), iterations(), done - 1, total, now - startNanos));
    }

    private String iterations() {
        StringBuilder sb = new StringBuilder();
        var it = repeats.descendingIterator();
        while (it.hasNext()) {
            long[] r = it.next();
            sb.append(sb.length() == 0 ? "repeat " : ", ").append(r[1] + 1).append('/').append(r[2]);
        }
        return sb.toString();
    }

    private String text(Statement s) {
        int from = Math.max(0, Math.min(s.range().startOffset(), source.length()));
        int to = Math.max(from, Math.min(s.range().endOffset(), source.length()));
        String t = source.substring(from, to);
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl);
        }
        return t.length() > 50 ? t.substring(0, 47) + "..." : t;
    }
}
