package dev.cowpte.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.SourceRange;
import dev.cowpte.mm.FaultCounters;
import dev.cowpte.mm.Level;
import dev.cowpte.mm.MachineSummary;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.PageWalk;
import dev.cowpte.mm.VmaInfo;
import dev.cowpte.run.ExpectationOutcome;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every statement's results as JSON, for tools: per file the scenario's identity ({@code
 * ScenarioIdentity}), and per statement outcome, expectation verdicts, errors, the work the
 * statement did, the state after it and the walks of the addresses it names. Addresses are hex
 * strings; sizes are bytes, rss and counts are numbers of pages or tables.
 */
final class JsonReport implements Report {
    @Override
    public boolean readsStates() {
        return true;
    }

    @Override
    public String render(List<FileRun> runs) {
        JsonObject root = new JsonObject();
        root.addProperty("format", "cowpte-run");
        root.addProperty("version", 1);
        JsonArray files = new JsonArray();
        for (FileRun run : runs) {
            files.add(file(run));
        }
        root.add("files", files);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static JsonObject file(FileRun run) {
        RunResult r = run.result();
        JsonObject f = new JsonObject();
        f.addProperty("file", run.file().display());
        String identity = run.identity();
        if (identity != null) {
            f.addProperty("identity", identity);
        }
        f.addProperty("title", r.title());
        f.addProperty("exitCode", r.exitCode());
        f.addProperty("expectationsPassed", r.expectationsPassed());
        f.addProperty("expectationsFailed", r.expectationsFailed());
        f.addProperty("expectationsNotRun", r.expectationsNotRun());
        f.addProperty("errors", r.errors());
        JsonArray diags = new JsonArray();
        for (Diagnostic d : r.diagnostics()) {
            JsonObject o = range(d.range());
            o.addProperty("severity", d.severity().name().toLowerCase(Locale.ROOT));
            o.addProperty("code", d.code().id());
            o.addProperty("message", d.message());
            diags.add(o);
        }
        f.add("diagnostics", diags);
        JsonArray statements = new JsonArray();
        for (StatementRecord rec : r.records()) {
            statements.add(statement(rec));
        }
        f.add("statements", statements);
        return f;
    }

    private static JsonObject statement(StatementRecord rec) {
        JsonObject s = range(rec.range());
        s.addProperty("text", rec.text());
        s.addProperty("outcome", rec.outcome().name().toLowerCase(Locale.ROOT));
        s.addProperty("executions", rec.executions());
        if (rec.expectation() != null) {
            s.add("expectation", verdict(rec.expectation()));
            s.addProperty("passedRuns", rec.passedCount());
            s.addProperty("failedRuns", rec.failedCount());
            if (rec.firstFailure() != null && rec.firstFailure() != rec.expectation()) {
                s.add("firstFailure", verdict(rec.firstFailure()));
            }
        }
        if (rec.errorMessage() != null) {
            JsonObject e = range(rec.errorRange());
            e.addProperty("code", rec.errorCode().id());
            e.addProperty("message", rec.errorMessage());
            e.addProperty("count", rec.errorCount());
            s.add("error", e);
        }
        if (!rec.invariantViolations().isEmpty()) {
            JsonArray v = new JsonArray();
            rec.invariantViolations().forEach(v::add);
            s.add("invariantViolations", v);
        }
        if (rec.note() != null) {
            s.addProperty("note", rec.note());
        }
        if (rec.pageSet() != null) {
            JsonObject set = new JsonObject();
            set.addProperty("pages", rec.pageSet().pages());
            set.addProperty("runs", rec.pageSet().runs());
            set.addProperty("rangePages", rec.pageSet().over());
            s.add("pageSet", set);
        }
        if (rec.executions() > 0) {
            s.add("work", counters(rec.work()));
            if (rec.executions() > 1) {
                s.add("totalWork", counters(rec.totalWork()));
            }
        }
        if (rec.machine() != null) {
            s.add("machine", machine(rec.machine()));
            JsonArray procs = new JsonArray();
            rec.processes().forEach(p -> procs.add(process(p)));
            s.add("processes", procs);
            if (rec.processesTruncated()) {
                s.addProperty("processesTruncated", true);
            }
        }
        if (!rec.walks().isEmpty()) {
            JsonArray walks = new JsonArray();
            rec.walks().forEach(w -> walks.add(walk(w)));
            s.add("walks", walks);
        }
        if (rec.shown() != null) {
            s.addProperty("show", rec.shown());
        }
        return s;
    }

    private static JsonObject verdict(ExpectationOutcome e) {
        JsonObject o = new JsonObject();
        o.addProperty("passed", e.passed());
        o.addProperty("subject", e.subject());
        o.addProperty("expected", e.expected());
        o.addProperty("actual", e.actual());
        return o;
    }

    private static JsonObject machine(MachineSummary m) {
        JsonObject o = new JsonObject();
        o.addProperty("memoryBytes", m.config().memoryBytes());
        o.addProperty("levels", m.config().levels());
        o.addProperty("ptReclaim", m.config().ptReclaim());
        o.addProperty("pageTablesBytes", m.pageTablesBytes());
        o.add("tables", tables(m.tables()));
        o.addProperty("dataPages", m.dataPages());
        o.addProperty("memoryInUseBytes", m.memoryInUse());
        o.add("faults", faults(m.faults()));
        return o;
    }

    private static JsonObject process(MmSummary p) {
        JsonObject o = new JsonObject();
        o.addProperty("comm", p.comm());
        o.addProperty("pid", p.pid());
        o.addProperty("rssAnonPages", p.rssAnonPages());
        o.addProperty("rssShmemPages", p.rssShmemPages());
        if (p.rssFilePages() != 0) {
            o.addProperty("rssFilePages", p.rssFilePages()); // only where a process maps a file's pages
        }
        o.addProperty("pgtablesBytes", p.pgtablesBytes());
        o.add("tables", tables(p.tables()));
        o.addProperty("sharedPteTables", p.sharedPteTables());
        o.add("faults", faults(p.faults()));
        JsonArray vmas = new JsonArray();
        for (VmaInfo v : p.vmas()) {
            vmas.add(vma(v));
        }
        o.add("vmas", vmas);
        return o;
    }

    private static JsonObject walk(PageWalk w) {
        JsonObject o = new JsonObject();
        o.addProperty("comm", w.comm());
        o.addProperty("address", hex(w.address()));
        if (w.vma() != null) {
            o.add("vma", vma(w.vma()));
        }
        JsonArray steps = new JsonArray();
        for (PageWalk.TableStep t : w.tables()) {
            JsonObject s = new JsonObject();
            s.addProperty("level", t.level().label());
            s.addProperty("table", t.label());
            s.addProperty("entry", t.index());
            s.addProperty("refcount", t.refcount());
            JsonArray sharers = new JsonArray();
            t.sharers().forEach(sharers::add);
            s.add("sharers", sharers);
            s.addProperty("writeProtected", t.writeProtected());
            if (t.owner() != null) {
                s.addProperty("owner", t.owner());
            }
            if (t.sharedBy() != null) {
                s.addProperty("sharedBy", t.sharedBy().name());
            }
            steps.add(s);
        }
        o.add("tables", steps);
        PageWalk.PteInfo e = w.pte();
        if (e != null) {
            JsonObject p = new JsonObject();
            p.addProperty("present", e.present());
            if (e.present()) {
                p.addProperty("pfn", e.pfn());
                p.addProperty("writable", e.writable());
                p.addProperty("zeroPage", e.zeroPage());
                p.addProperty("value", e.value());
                p.addProperty("mapcount", e.mapcount());
                p.addProperty("refcount", e.refcount());
                p.addProperty("pincount", e.pincount());
                p.addProperty("shmem", e.shmem());
                if (e.file()) {
                    p.addProperty("file", true); // only on a file's page
                }
                if (e.folio() != null) {
                    JsonObject f = new JsonObject();
                    f.addProperty("bytes", e.folio().sizeBytes());
                    f.addProperty("index", e.folio().index());
                    f.addProperty("firstPfn", e.folio().firstPfn());
                    f.addProperty("partiallyMapped", e.folio().partiallyMapped());
                    p.add("folio", f);
                }
            }
            o.add("pte", p);
        }
        if (w.hugetlb() != null) {
            JsonObject t = new JsonObject();
            t.addProperty("size", w.hugetlb().size());
            t.addProperty("level", w.hugetlb().level().label());
            t.addProperty("index", w.hugetlb().index());
            t.addProperty("present", w.hugetlb().present());
            if (w.hugetlb().present()) {
                t.addProperty("page", w.hugetlb().folioLabel());
                t.addProperty("shared", w.hugetlb().shared());
                t.addProperty("writable", w.hugetlb().writable());
                t.addProperty("mapcount", w.hugetlb().mapcount());
                t.addProperty("refcount", w.hugetlb().refcount());
                t.addProperty("value", w.hugetlb().value());
            }
            o.add("hugetlb", t);
        }
        if (w.huge() != null) {
            JsonObject h = new JsonObject();
            h.addProperty("firstPfn", w.huge().firstPfn());
            h.addProperty("hugeZeroPage", w.huge().zeroPage());
            h.addProperty("pmdMapcount", w.huge().pmdMapcount());
            h.addProperty("depositedTable", "pte#" + w.huge().depositId());
            o.add("hugePmd", h);
        }
        return o;
    }

    private static JsonObject vma(VmaInfo v) {
        JsonObject o = new JsonObject();
        o.addProperty("name", v.name());
        o.addProperty("start", hex(v.start()));
        o.addProperty("end", hex(v.end()));
        o.addProperty("writable", v.writable());
        o.addProperty("shared", v.shared());
        o.addProperty("dontfork", v.dontfork());
        o.addProperty("wipeonfork", v.wipeonfork());
        if (v.hugepage() || v.nohugepage()) {
            o.addProperty(v.hugepage() ? "hugepage" : "nohugepage", true);
        }
        return o;
    }

    private static JsonObject tables(Map<Level, Integer> counts) {
        JsonObject o = new JsonObject();
        for (Level l : Level.values()) {
            Integer n = counts.get(l);
            if (n != null) {
                o.addProperty(l.label(), n);
            }
        }
        return o;
    }

    private static JsonObject faults(FaultCounters f) {
        JsonObject o = new JsonObject();
        o.addProperty("all", f.all());
        o.addProperty("cow", f.cow());
        o.addProperty("zero", f.zero());
        o.addProperty("table", f.table());
        return o;
    }

    private static JsonObject counters(Map<String, Long> work) {
        JsonObject o = new JsonObject();
        work.forEach(o::addProperty);
        return o;
    }

    private static JsonObject range(SourceRange r) {
        JsonObject o = new JsonObject();
        o.addProperty("line", r.line());
        o.addProperty("column", r.column());
        o.addProperty("endLine", r.endLine());
        o.addProperty("endColumn", r.endColumn());
        return o;
    }

    private static String hex(long a) {
        return String.format("%#x", a);
    }
}
