package dev.cowpte.mm;

import java.util.Arrays;

/**
 * Multi-size THP: for each folio size from 16 KiB (order 2) to 2 MiB (order 9, the PMD size), its
 * mode as {@code /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/enabled}: never, madvise,
 * always, or inherit (follow the top-level {@code enabled}). The kernel's defaults: inherit for
 * 2 MiB, never for the others, so a machine without per-size lines maps no folio smaller than 2 MiB.
 */
public final class MthpSettings {
    /** A size's {@code enabled}. */
    public enum Mode {
        NEVER, MADVISE, ALWAYS, INHERIT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The smallest order with a sysfs entry (16 KiB; order 1 is not allowed for anonymous memory). */
    public static final int MIN_ORDER = 2;
    /** The PMD order: 2 MiB, the huge PMD {@link HugePmd} maps. */
    public static final int PMD_ORDER = 9;

    private static final MthpSettings DEFAULTS = new MthpSettings(defaultModes());

    private final Mode[] modes;

    private MthpSettings(Mode[] modes) {
        this.modes = modes;
    }

    private static Mode[] defaultModes() {
        Mode[] m = new Mode[PMD_ORDER + 1];
        Arrays.fill(m, Mode.NEVER);
        m[PMD_ORDER] = Mode.INHERIT;
        return m;
    }

    public static MthpSettings defaults() {
        return DEFAULTS;
    }

    /** The order of a folio of {@code bytes}, or -1 when no sysfs entry has that size. */
    public static int orderOf(long bytes) {
        for (int order = MIN_ORDER; order <= PMD_ORDER; order++) {
            if (bytes == Geometry.PAGE_SIZE << order) {
                return order;
            }
        }
        return -1;
    }

    /** The bytes of a folio of {@code order}. */
    public static long bytes(int order) {
        return Geometry.PAGE_SIZE << order;
    }

    /** The sysfs directory's name for {@code order}: {@code hugepages-64kB}. */
    public static String sysfsName(int order) {
        return "hugepages-" + (bytes(order) >> 10) + "kB";
    }

    public Mode mode(int order) {
        return modes[order];
    }

    public MthpSettings with(int order, Mode mode) {
        if (order < MIN_ORDER || order > PMD_ORDER) {
            throw new IllegalArgumentException("no multi-size THP of order " + order);
        }
        Mode[] m = modes.clone();
        m[order] = mode;
        return new MthpSettings(m);
    }

    /** The mode that applies to {@code order} under the top-level {@code global} mode. */
    public Thp effective(int order, Thp global) {
        return switch (modes[order]) {
            case NEVER -> Thp.NEVER;
            case MADVISE -> Thp.MADVISE;
            case ALWAYS -> Thp.ALWAYS;
            case INHERIT -> global;
        };
    }

    /** Whether any size below 2 MiB may be used at all. */
    public boolean anySmallEnabled(Thp global) {
        for (int order = MIN_ORDER; order < PMD_ORDER; order++) {
            if (effective(order, global) != Thp.NEVER) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MthpSettings s && Arrays.equals(modes, s.modes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(modes);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int order = MIN_ORDER; order <= PMD_ORDER; order++) {
            b.append(order == MIN_ORDER ? "" : " ").append(bytes(order) >> 10).append("K=").append(modes[order].label());
        }
        return b.toString();
    }
}
