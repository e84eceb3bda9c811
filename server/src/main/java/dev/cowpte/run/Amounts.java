package dev.cowpte.run;

import dev.cowpte.mm.Geometry;
import java.util.Locale;

/**
 * Formats memory amounts in the unit the user wrote: a bare integer counted pages, a size with a
 * unit counted bytes. Bytes print in the largest binary unit that holds them exactly.
 */
public final class Amounts {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private Amounts() {
    }

    /** {@code 2060 KiB}, {@code 1 GiB}, {@code 0 B}, or {@code 2202009 B (2.1 MiB)} when no unit is exact. */
    public static String bytes(long bytes) {
        if (bytes == 0) {
            return "0 B";
        }
        long a = Math.abs(bytes);
        int unit = -1;
        long v = a;
        while (unit + 1 < UNITS.length && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (unit >= 0) {
            return sign + v + " " + UNITS[unit];
        }
        if (a < 1024) {
            return sign + a + " B";
        }
        double d = a;
        int u = -1;
        while (d >= 1024 && u + 1 < UNITS.length) {
            d /= 1024;
            u++;
        }
        return sign + a + " B (" + sign + String.format(Locale.ROOT, "%.1f %s", d, UNITS[u]) + ")";
    }

    /** {@code 1 page}, {@code 262144 pages}. */
    public static String pages(long pages) {
        return pages + (Math.abs(pages) == 1 ? " page" : " pages");
    }

    /** A byte count in the unit the user wrote. */
    public static String inUnit(long bytes, boolean userWroteBytes) {
        return userWroteBytes ? bytes(bytes) : pages(Math.floorDiv(bytes, Geometry.PAGE_SIZE));
    }

    public static String hex(long address) {
        return String.format("%#x", address);
    }
}
