package dev.cowpte.kernel;

import dev.cowpte.mm.MachineConfig;
import dev.cowpte.mm.MthpSettings;
import dev.cowpte.mm.Thp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's multi-size THP settings for a run: {@code hugepages-<size>kB/enabled} under
 * {@code /sys/kernel/mm/transparent_hugepage}. A scenario with folio sizes below 2 MiB runs with each
 * size it enables set to {@code madvise} and every other size to {@code never}, and its regions
 * get the advice the helper gives them ({@code MADV_HUGEPAGE} where the scenario's mode is
 * {@code always}, {@link HelperCommand}); {@code madvise} rather than {@code always} keeps other
 * processes of the machine on their 4 KiB pages. PMD-sized THP is set to {@code never} for the run
 * when the scenario has it off. Every file is written back as it was when the run ends, fails or
 * is cancelled, and by a shutdown hook if the JVM exits first.
 */
final class MthpSysfs {
    static final Path ROOT = Path.of("/sys/kernel/mm/transparent_hugepage");

    private MthpSysfs() {
    }

    /** Whether the scenario's machine uses any folio size below 2 MiB. */
    static boolean used(MachineConfig config) {
        return config.mthp().anySmallEnabled(config.thp());
    }

    /**
     * The mode the helper plays through each region's advice ({@link HelperCommand}): always when
     * a folio size (2 MiB included) is on for every region, madvise when one is on for advised
     * regions only, never when none is.
     */
    static Thp helperMode(MachineConfig config) {
        Thp mode = config.pmdThp();
        for (int order = MthpSettings.MIN_ORDER; order < MthpSettings.PMD_ORDER; order++) {
            Thp m = config.mthp().effective(order, config.thp());
            if (m == Thp.ALWAYS || (m == Thp.MADVISE && mode == Thp.NEVER)) {
                mode = m;
            }
        }
        return mode;
    }

    /** Why the kernel cannot run the scenario's folio sizes, or null when it can. */
    static String problem(MachineConfig config) {
        if (!used(config)) {
            return null;
        }
        Thp first = null;
        for (int order = MthpSettings.MIN_ORDER; order <= MthpSettings.PMD_ORDER; order++) {
            Thp m = order == MthpSettings.PMD_ORDER ? config.pmdThp() : config.mthp().effective(order, config.thp());
            if (m == Thp.NEVER) {
                continue;
            }
            if (first != null && m != first) {
                return "the scenario's folio sizes are in different modes (always and madvise): the kernel run plays"
                        + " one mode through each region's advice";
            }
            first = m;
            Path enabled = ROOT.resolve(MthpSettings.sysfsName(order)).resolve("enabled");
            if (!Files.isRegularFile(enabled)) {
                return "this kernel has no " + enabled + " (multi-size THP came with Linux 6.8)";
            }
            if (!Files.isWritable(enabled)) {
                return enabled + " is not writable here: a run with multi-size THP sets each size's mode (as root)";
            }
        }
        return null;
    }

    /** The values the run writes: each size's {@code enabled}, by file. */
    static Map<Path, String> wanted(MachineConfig config) {
        Map<Path, String> out = new LinkedHashMap<>();
        if (!used(config)) {
            return out;
        }
        for (int order = MthpSettings.MIN_ORDER; order < MthpSettings.PMD_ORDER; order++) {
            Path enabled = ROOT.resolve(MthpSettings.sysfsName(order)).resolve("enabled");
            if (Files.isRegularFile(enabled)) {
                out.put(enabled, config.mthp().effective(order, config.thp()) == Thp.NEVER ? "never" : "madvise");
            }
        }
        if (config.pmdThp() == Thp.NEVER) {
            out.put(ROOT.resolve(MthpSettings.sysfsName(MthpSettings.PMD_ORDER)).resolve("enabled"), "never");
        }
        return out;
    }

    /** The settings written for one run; {@link #close} writes back what was there. */
    static final class Applied implements AutoCloseable {
        private final Map<Path, String> before = new LinkedHashMap<>();
        private final Thread hook = new Thread(this::restore, "cowpte-mthp-restore");
        private boolean closed;

        private Applied() {
        }

        /** What the run changed, as {@code hugepages-64kB: never → madvise}. */
        List<String> changes(Map<Path, String> wanted) {
            List<String> out = new ArrayList<>();
            before.forEach((p, v) -> {
                if (!v.equals(wanted.get(p))) {
                    out.add(p.getParent().getFileName() + " " + v + " → " + wanted.get(p));
                }
            });
            return out;
        }

        private synchronized void restore() {
            if (closed) {
                return;
            }
            closed = true;
            before.forEach((p, v) -> {
                try {
                    Files.writeString(p, v);
                } catch (IOException e) {
                    System.err.println("cowpte: could not restore " + p + " to " + v + ": " + e.getMessage());
                }
            });
        }

        @Override
        public void close() {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (restore is idempotent)
            }
        }
    }

    /** Writes {@code wanted}, remembering each file's mode first; nothing written when it is empty. */
    static Applied apply(Map<Path, String> wanted) throws IOException {
        Applied a = new Applied();
        if (wanted.isEmpty()) {
            a.closed = true;
            return a;
        }
        for (Path p : wanted.keySet()) {
            a.before.put(p, mode(p));
        }
        Runtime.getRuntime().addShutdownHook(a.hook);
        try {
            for (Map.Entry<Path, String> e : wanted.entrySet()) {
                Files.writeString(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            a.close();
            throw e;
        }
        return a;
    }

    /** The bracketed mode of an {@code enabled} file: {@code always inherit madvise [never]} → never. */
    static String mode(Path enabled) throws IOException {
        String s = Files.readString(enabled, StandardCharsets.US_ASCII);
        int open = s.indexOf('[');
        int close = s.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            throw new IOException("cannot read the mode of " + enabled + ": " + s.trim());
        }
        return s.substring(open + 1, close);
    }
}
