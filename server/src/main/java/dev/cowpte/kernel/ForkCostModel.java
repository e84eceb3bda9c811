package dev.cowpte.kernel;

import dev.cowpte.mm.Work;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns the work a parent's fork() does into time: a fixed cost per fork plus a cost per table
 * allocated, per entry copied (a pmd entry pointed at a shared table counts as one), per
 * per-page update and per TLB flush. The costs are calibrated on this machine from real forks
 * ({@link ForkCalibration}, saved in {@link OracleBuild#cacheDir()}), or else taken from
 * published figures (seed 001: about 4.4 ms per GiB forked under classic). It is a model: what
 * users read is always said to be one, with where its costs come from.
 */
public record ForkCostModel(double baseNs, double tableNs, double entryNs, double pageNs, double flushNs,
                            String source) {
    /** The file the calibration is saved in, under the cache folder. */
    public static final String FILE = "fork-costs.properties";

    static final String PUBLISHED = "published figures: seed 001 (Pasha Tatashin, about 4.4 ms per GiB "
            + "forked under classic; its split among operations is assumed)";

    /**
     * Seed 001's 4.4 ms per GiB (262,144 entries and per-page updates, 512 tables and flushes),
     * split among the operations by assumption; no fixed cost.
     */
    public static ForkCostModel published() {
        return new ForkCostModel(0, 350, 3.5, 12.2, 200, PUBLISHED);
    }

    /** The features a cost applies to, in the order of {@link #costs()}. */
    static double[] features(Work w) {
        return new double[] {1, w.tablesAllocated(), w.entriesCopied() + w.tablesShared(), w.pageUpdates(),
                w.tlbFlushes()};
    }

    double[] costs() {
        return new double[] {baseNs, tableNs, entryNs, pageNs, flushNs};
    }

    /** The modeled time of one fork() that did {@code atFork}, in nanoseconds. */
    public double latencyNs(Work atFork) {
        double[] f = features(atFork);
        double[] c = costs();
        double t = 0;
        for (int i = 0; i < f.length; i++) {
            t += f[i] * c[i];
        }
        return t;
    }

    /** The modeled time in milliseconds, as tables print it. */
    public String latencyMillis(Work atFork) {
        return String.format(Locale.ROOT, "%.3f ms", latencyNs(atFork) / 1e6);
    }

    /** The costs, one per line, as {@code cowpte calibrate} prints them. */
    public String describeCosts() {
        return String.format(Locale.ROOT, "  fixed cost per fork    %10.1f ns%n  per table allocated    %10.1f ns%n"
                        + "  per entry copied       %10.2f ns%n  per per-page update    %10.2f ns%n"
                        + "  per TLB flush (2 MiB)  %10.1f ns%n",
                baseNs, tableNs, entryNs, pageNs, flushNs);
    }

    // ---- where the costs come from ----

    /** The calibration saved on this machine, or the published figures when there is none (or it is unreadable). */
    public static ForkCostModel current() {
        return load(OracleBuild.cacheDir().resolve(FILE));
    }

    static ForkCostModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            return published();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return new ForkCostModel(num(p, "base.ns"), num(p, "table.ns"), num(p, "entry.ns"), num(p, "page.ns"),
                    num(p, "flush.ns"), "calibrated on this machine on " + p.getProperty("date", "an unknown date"));
        } catch (IOException | RuntimeException e) {
            return published();
        }
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        double d = Double.parseDouble(v);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(key + " " + v);
        }
        return d;
    }

    /** Saves these costs as this machine's calibration, made on {@code date}. */
    public Path save(Path dir, String date, String machine) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("base.ns", Double.toString(baseNs));
        p.setProperty("table.ns", Double.toString(tableNs));
        p.setProperty("entry.ns", Double.toString(entryNs));
        p.setProperty("page.ns", Double.toString(pageNs));
        p.setProperty("flush.ns", Double.toString(flushNs));
        p.setProperty("date", date);
        p.setProperty("machine", machine);
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "cowpte calibrate: per-operation costs of fork() on this machine");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    // ---- fitting ----

    /** One measured fork: the work the simulator says it does, and the time it took. */
    public record Sample(String label, Work work, double ns) {
    }

    /**
     * The non-negative costs that best predict the samples' times, in relative terms (each
     * sample's error divided by its time, so small forks count as much as large ones): every
     * subset of the costs is fitted by least squares, and the best fit whose costs are all
     * non-negative wins. Costs no sample can tell apart (a column of zeros) stay 0.
     */
    public static ForkCostModel fit(List<Sample> samples, String source) {
        int k = 5;
        double best = Double.POSITIVE_INFINITY;
        double[] bestCosts = new double[k];
        for (int mask = 1; mask < (1 << k); mask++) {
            List<Integer> cols = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if ((mask & (1 << j)) != 0) {
                    cols.add(j);
                }
            }
            double[] sol = leastSquares(samples, cols);
            if (sol == null) {
                continue;
            }
            boolean nonNegative = true;
            double[] costs = new double[k];
            for (int c = 0; c < cols.size(); c++) {
                nonNegative &= sol[c] >= 0;
                costs[cols.get(c)] = sol[c];
            }
            if (!nonNegative) {
                continue;
            }
            double err = relativeError(samples, costs);
            if (err < best - 1e-12) {
                best = err;
                bestCosts = costs;
            }
        }
        return new ForkCostModel(bestCosts[0], bestCosts[1], bestCosts[2], bestCosts[3], bestCosts[4], source);
    }

    private static double relativeError(List<Sample> samples, double[] costs) {
        ForkCostModel m = new ForkCostModel(costs[0], costs[1], costs[2], costs[3], costs[4], "");
        double sum = 0;
        for (Sample s : samples) {
            double r = (m.latencyNs(s.work()) - s.ns()) / s.ns();
            sum += r * r;
        }
        return sum;
    }

    /** Weighted least squares on the chosen columns (normal equations); null when they are degenerate. */
    private static double[] leastSquares(List<Sample> samples, List<Integer> cols) {
        int n = cols.size();
        double[][] a = new double[n][n + 1];
        for (Sample s : samples) {
            double[] f = features(s.work());
            double w = 1 / s.ns();
            for (int i = 0; i < n; i++) {
                double fi = f[cols.get(i)] * w;
                for (int j = 0; j < n; j++) {
                    a[i][j] += fi * f[cols.get(j)] * w;
                }
                a[i][n] += fi * s.ns() * w;
            }
        }
        // Gaussian elimination with partial pivoting, scaled by each column's size
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            double scale = 0;
            for (int r = 0; r < n; r++) {
                scale = Math.max(scale, Math.abs(a[r][c]));
            }
            if (scale == 0 || Math.abs(a[c][c]) < 1e-9 * scale) {
                return null;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
