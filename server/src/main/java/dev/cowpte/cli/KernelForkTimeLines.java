package dev.cowpte.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cowpte.kernel.KernelForkTime;
import java.util.List;
import java.util.Locale;

/**
 * The {@code fork()} times of a kernel run, for {@code cowpte kernel}'s text and JSON: per fork
 * its line, the time the kernel took (measured) and the modeled latency of the simulated fork's
 * work, which {@code cowpte compare} shows; the text says which is which and where the model's
 * costs come from.
 */
final class KernelForkTimeLines {
    /** Most forks the text lists one by one; the JSON has them all. */
    static final int MOST = 32;

    private KernelForkTimeLines() {
    }

    static String text(List<KernelForkTime> forks) {
        if (forks.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("  fork() time: measured on the kernel around the parent's clone call;"
                + " modeled from the simulated fork's work (" + forks.get(0).model() + ")\n");
        int stmt = "statement".length();
        for (KernelForkTime f : forks) {
            stmt = Math.max(stmt, Math.min(40, f.statement().length()));
        }
        String fmt = "  %5s  %-" + stmt + "s  %12s  %12s%s%n";
        sb.append(String.format(Locale.ROOT, fmt, "line", "statement", "measured", "modeled", ""));
        for (KernelForkTime f : forks.subList(0, Math.min(MOST, forks.size()))) {
            String s = f.statement().length() > 40 ? f.statement().substring(0, 39) + "…" : f.statement();
            String policy = f.policy().equals("classic") ? ""
                    : "  (simulated as " + f.policy() + "; the kernel forked as classic)";
            sb.append(String.format(Locale.ROOT, fmt, f.range().line(), s, micros(f.measuredNs()),
                    micros(f.modeledNs()), policy));
        }
        if (forks.size() > MOST) {
            sb.append("  … and ").append(forks.size() - MOST).append(" more forks (--format json lists them all)\n");
        }
        return sb.toString();
    }

    static JsonArray json(List<KernelForkTime> forks) {
        JsonArray out = new JsonArray();
        for (KernelForkTime f : forks) {
            JsonObject o = new JsonObject();
            o.addProperty("line", f.range().line());
            o.addProperty("column", f.range().column());
            o.addProperty("statement", f.statement());
            o.addProperty("parent", f.parent());
            o.addProperty("child", f.child());
            o.addProperty("policy", f.policy());
            o.addProperty("measuredNs", f.measuredNs());
            o.addProperty("modeledNs", Math.round(f.modeledNs()));
            o.addProperty("model", f.model());
            out.add(o);
        }
        return out;
    }

    private static String micros(double ns) {
        return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
    }
}
