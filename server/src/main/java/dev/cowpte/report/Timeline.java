package dev.cowpte.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy's counters after every executed statement: the machine's PageTables and data pages,
 * and each process's pgtables_bytes and rss. A long run is thinned to at most {@link #MAX_POINTS}
 * samples (every k-th statement, the last always kept), so a repeat of a million stays small.
 */
final class Timeline {
    static final int MAX_POINTS = 400;
    /** Processes that get their own line; later ones are counted in {@link #omittedProcesses()}. */
    static final int MAX_SERIES = 40;

    /**
     * The counters after one statement; per-process arrays are indexed by series, -1 when not alive;
     * {@code repeats} the iterations of the enclosing repeats, outermost first (empty outside one).
     */
    record Sample(long step, int line, String text, List<Iteration> repeats, long machinePageTables,
                  long machineDataBytes, long[] pgtables, long[] rss) {
        long pgtables(int series) {
            return series < pgtables.length ? pgtables[series] : -1;
        }

        long rss(int series) {
            return series < rss.length ? rss[series] : -1;
        }
    }

    /**
     * One iteration of a {@code repeat}: the repeat's source line, its variable (null when it has
     * none), the iteration from 0 (the variable's value) and the repeat's count.
     */
    record Iteration(int line, String variable, long index, long count) {
        /** {@code i=3} for a repeat with a variable, else {@code #4}: the 4th iteration. */
        String label() {
            return variable != null ? variable + "=" + index : "#" + (index + 1);
        }

        /** {@code iteration 4 of 16 of the repeat at line 12 (i = 3)}. */
        String words() {
            return "iteration " + (index + 1) + " of " + count + " of the repeat at line " + line
                    + (variable != null ? " (" + variable + " = " + index + ")" : "");
        }
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Integer> series = new LinkedHashMap<>();
    private final java.util.Set<String> omitted = new java.util.LinkedHashSet<>();
    private long stride = 1;
    private Sample last;
    private boolean thinned;

    /**
     * Adds the counters after step {@code step}, run in the iterations {@code repeats} (outermost
     * first); per process as {@code comm -> {pgtables bytes, rss bytes}}.
     */
    void add(long step, int line, String text, List<Iteration> repeats, long machinePageTables,
             long machineDataBytes, Map<String, long[]> processes) {
        long[] pt = new long[series.size() + processes.size()];
        long[] rss = new long[pt.length];
        Arrays.fill(pt, -1);
        Arrays.fill(rss, -1);
        int width = 0;
        for (Map.Entry<String, long[]> e : processes.entrySet()) {
            Integer idx = series.get(e.getKey());
            if (idx == null) {
                if (series.size() >= MAX_SERIES) {
                    if (omitted.size() < 10_000) {
                        omitted.add(e.getKey());
                    }
                    continue;
                }
                idx = series.size();
                series.put(e.getKey(), idx);
            }
            pt[idx] = e.getValue()[0];
            rss[idx] = e.getValue()[1];
            width = Math.max(width, idx + 1);
        }
        Sample s = new Sample(step, line, text, List.copyOf(repeats), machinePageTables, machineDataBytes,
                Arrays.copyOf(pt, width), Arrays.copyOf(rss, width));
        last = s;
        if (step % stride != 0) {
            return;
        }
        samples.add(s);
        if (samples.size() >= 2 * MAX_POINTS) {
            List<Sample> kept = new ArrayList<>();
            stride *= 2;
            for (Sample x : samples) {
                if (x.step() % stride == 0) {
                    kept.add(x);
                }
            }
            samples.clear();
            samples.addAll(kept);
            thinned = true;
        }
    }

    /** The kept samples, the last statement's always among them. */
    List<Sample> samples() {
        List<Sample> out = new ArrayList<>(samples);
        if (last != null && (out.isEmpty() || out.get(out.size() - 1) != last)) {
            out.add(last);
        }
        return out;
    }

    /** Series names (processes) in order of first appearance. */
    List<String> series() {
        return List.copyOf(series.keySet());
    }

    List<String> omittedProcesses() {
        return List.copyOf(omitted);
    }

    /** Whether samples were dropped to keep the chart small. */
    boolean thinned() {
        return thinned;
    }
}
