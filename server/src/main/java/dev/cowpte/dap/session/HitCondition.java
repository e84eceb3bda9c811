package dev.cowpte.dap.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A breakpoint's hit condition: after how many hits (its condition held, in this run, repeat
 * iterations counted one by one) it stops. {@code N} or {@code == N} stops at the N-th hit only;
 * {@code >= N}, {@code > N}, {@code <= N}, {@code < N}, {@code != N} compare; {@code % N} stops at
 * every N-th.
 */
public record HitCondition(String op, long n) {
    private static final Pattern FORM = Pattern.compile("\\s*(==|!=|>=|<=|>|<|%)?\\s*(\\d{1,18})\\s*");

    public static HitCondition parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a hit count is N (the N-th hit), or >= N, > N, <= N, < N, != N,"
                    + " or % N (every N-th hit)");
        }
        long n = Long.parseLong(m.group(2));
        String op = m.group(1) == null ? "==" : m.group(1);
        if (op.equals("%") && n == 0) {
            throw new IllegalArgumentException("% 0 never stops");
        }
        return new HitCondition(op, n);
    }

    public boolean test(long hits) {
        return switch (op) {
            case "==" -> hits == n;
            case "!=" -> hits != n;
            case ">=" -> hits >= n;
            case "<=" -> hits <= n;
            case ">" -> hits > n;
            case "<" -> hits < n;
            default -> hits % n == 0;
        };
    }
}
