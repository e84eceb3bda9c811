package dev.cowpte.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cowpte.kernel.KernelFacts;
import dev.cowpte.kernel.KernelReport;
import dev.cowpte.kernel.KernelRow;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import java.util.List;
import java.util.Locale;

/**
 * {@code cowpte kernel --format json}: the kernel's facts, every row compared, and per file the
 * scenario's identity (as {@code run --format json} gives it) and a summary.
 */
final class KernelJsonReport {
    private KernelJsonReport() {
    }

    static String render(List<KernelFileRun> runs) {
        JsonObject root = new JsonObject();
        JsonArray files = new JsonArray();
        for (KernelFileRun run : runs) {
            files.add(file(run));
        }
        root.add("files", files);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static JsonObject file(KernelFileRun run) {
        KernelReport r = run.report();
        JsonObject o = new JsonObject();
        o.addProperty("file", run.file().display());
        o.addProperty("identity", run.identity());
        o.addProperty("title", r.simulated().title());
        o.add("kernel", facts(r.facts()));
        o.addProperty("exitCode", r.exitCode());
        o.addProperty("summary", KernelTextReport.summary(r));
        o.addProperty("ranOnKernel", r.ranOnKernel());
        JsonObject compared = new JsonObject();
        compared.addProperty("expectations", r.expectationsCompared());
        compared.addProperty("expectationsNotCompared", r.expectationRows() - r.expectationsCompared());
        compared.addProperty("counters", r.coverage().countersCompared());
        compared.addProperty("countersNotCompared", r.coverage().countersNotCompared());
        o.add("compared", compared);
        o.addProperty("seconds", r.seconds());
        JsonArray notes = new JsonArray();
        r.notes().forEach(notes::add);
        o.add("notes", notes);
        JsonArray refused = new JsonArray();
        r.refused().forEach(refused::add);
        o.add("notRun", refused);
        JsonArray errors = new JsonArray();
        for (Diagnostic d : r.simulated().diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR && d.code() != DiagnosticCode.EXPECTATION_FAILED) {
                JsonObject e = new JsonObject();
                e.addProperty("line", d.range().line());
                e.addProperty("column", d.range().column());
                e.addProperty("code", d.code().id());
                e.addProperty("message", d.message());
                errors.add(e);
            }
        }
        o.add("errors", errors);
        JsonArray rows = new JsonArray();
        for (KernelRow row : r.rows()) {
            rows.add(row(row));
        }
        o.add("rows", rows);
        o.add("forks", KernelForkTimeLines.json(r.forks()));
        return o;
    }

    private static JsonObject row(KernelRow row) {
        JsonObject o = new JsonObject();
        o.addProperty("line", row.range().line());
        o.addProperty("column", row.range().column());
        o.addProperty("statement", row.statement());
        o.addProperty("kind", row.kind().name().toLowerCase(Locale.ROOT));
        o.addProperty("counter", row.counter());
        o.addProperty("kernel", row.kernel());
        o.addProperty("simulated", row.simulated());
        o.addProperty("verdict", row.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (row.heldOnKernel() != null) {
            o.addProperty("heldOnKernel", row.heldOnKernel());
        }
        if (row.heldOnSimulator() != null) {
            o.addProperty("heldOnSimulator", row.heldOnSimulator());
        }
        if (!row.note().isEmpty()) {
            o.addProperty("note", row.note());
        }
        if (row.expected() != null && !row.expected().isEmpty()) {
            o.addProperty("expected", row.expected());
        }
        return o;
    }

    private static JsonObject facts(KernelFacts f) {
        JsonObject o = new JsonObject();
        o.addProperty("linux", f.linux());
        o.addProperty("release", f.release());
        o.addProperty("arch", f.arch());
        o.addProperty("root", f.root());
        o.addProperty("pfnsReadable", f.pfnsReadable());
        o.addProperty("thp", f.thp());
        f.ptReclaim().ifPresent(b -> o.addProperty("ptReclaim", b));
        o.addProperty("levels", f.levels());
        o.addProperty("memAvailable", f.memAvailable());
        return o;
    }
}
