package dev.cowpte.report;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Html {
    private Html() {
    }

    /** Text and attribute values: &amp; &lt; &gt; &quot; &#39; escaped, control characters dropped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n' -> sb.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A coordinate with at most one decimal. */
    static String num(double v) {
        long r = Math.round(v * 10);
        if (r % 10 == 0) {
            return Long.toString(r / 10);
        }
        long a = Math.abs(r);
        return (r < 0 ? "-" : "") + (a / 10) + "." + (a % 10);
    }

    /** Cuts text to {@code max} characters with an ellipsis. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return max <= 1 ? "…" : s.substring(0, max - 1) + "…";
    }
}
