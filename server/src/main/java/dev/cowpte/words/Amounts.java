package dev.cowpte.words;

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

    /** A page set as hovers and reports name it: {@code a page set of 64 pages in 64 runs over 1024 pages}. */
    public static String pageSet(long pages, long runs, long over) {
        return "a page set of " + count(pages, "page") + " in " + count(runs, "run") + " over " + count(over, "page");
    }

    /** A page set as an inlay hint names it: {@code set of 64 pages in 64 runs}. */
    public static String pageSetShort(long pages, long runs) {
        return "set of " + count(pages, "page") + " in " + count(runs, "run");
    }

    /** {@code 1 table}, {@code 2 tables}, {@code 3 entries}, {@code 2 processes}: a count with its noun in the right number. */
    public static String count(long n, String singular) {
        return n + " " + (Math.abs(n) == 1 ? singular : plural(singular));
    }

    /** {@code table}: {@code tables}; {@code entry}: {@code entries}; {@code process}: {@code processes}. */
    public static String plural(String singular) {
        if (singular.endsWith("y") && singular.length() > 1 && "aeiou".indexOf(singular.charAt(singular.length() - 2)) < 0) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        if (singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch") || singular.endsWith("sh")) {
            return singular + "es";
        }
        return singular + "s";
    }

    /** {@code 1 page}, {@code 262144 pages}. */
    public static String pages(long pages) {
        return pages + (Math.abs(pages) == 1 ? " page" : " pages");
    }

    /** A byte count in the unit the user wrote. */
    public static String inUnit(long bytes, boolean userWroteBytes) {
        return userWroteBytes ? bytes(bytes) : pages(Math.floorDiv(bytes, Geometry.PAGE_SIZE));
    }

    /** A byte count as a size is written in a scenario: {@code 12K}, {@code 2M}, {@code 1G}, {@code 100B} when no unit holds it. */
    public static String size(long bytes) {
        String[] letters = {"K", "M", "G", "T", "P"};
        int unit = -1;
        long v = bytes;
        while (v != 0 && unit + 1 < letters.length && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return unit < 0 ? bytes + "B" : v + letters[unit];
    }

    /**
     * A size as the user wrote it ({@code 2.1M}, {@code 2060K}, {@code 64KiB}): its number and
     * unit, to show the expected side as written and the actual side in the same unit.
     */
    public record Written(String number, int unit) {
        /** {@code 2.1M} or {@code 2.1MiB}; null for anything else (a bare page count). */
        public static Written parse(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9][0-9_.]*)\\s*([KMGTP])(iB)?")
                    .matcher(text.strip());
            if (!m.matches()) {
                return null;
            }
            return new Written(m.group(1).replace("_", ""), "KMGTP".indexOf(m.group(2)));
        }

        /** {@code 2.1 MiB}. */
        public String shown() {
            return number + " " + UNITS[unit];
        }

        /** Bytes in this unit: {@code 4 MiB}, or {@code 4.02 MiB (4120 KiB)} when it does not hold them exactly. */
        public String inUnit(long bytes) {
            long scale = 1L << (10 * (unit + 1));
            if (bytes % scale == 0) {
                return bytes / scale + " " + UNITS[unit];
            }
            String rounded = new java.math.BigDecimal(bytes).divide(java.math.BigDecimal.valueOf(scale), 2,
                    java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            return rounded + " " + UNITS[unit] + " (" + Amounts.bytes(bytes) + ")";
        }
    }

    public static String hex(long address) {
        return String.format("%#x", address);
    }
}
