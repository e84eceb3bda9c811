package dev.cowpte.mm;

/** Formats byte counts the way /proc and the kernel's messages do: 4 KiB, 2.0 MiB, 1 GiB. */
public final class Sizes {
    private Sizes() {
    }

    public static String format(long bytes) {
        long a = Math.abs(bytes);
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double v = a;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (u == 0) {
            return sign + a + " B";
        }
        if (v == Math.rint(v)) {
            return sign + (long) v + " " + units[u];
        }
        return sign + String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
