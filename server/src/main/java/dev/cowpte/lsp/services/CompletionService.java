package dev.cowpte.lsp.services;

import dev.cowpte.lang.ast.Name;
import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.document.ScopeAt;
import dev.cowpte.lsp.services.CompletionSlots.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion: statement templates at the start of a line, then what fits the slot at the cursor
 * (living processes, their regions, policies, metrics, levels, fault kinds, advices, units …).
 */
public final class CompletionService {
    private static final Command RETRIGGER = new Command("Suggest", "editor.action.triggerSuggest");


    /** What follows each expectation and what it measures, by the expectation's word. */
    private static final Map<String, String> METRIC_SHAPES = new LinkedHashMap<>();
    /** What each machine setting sets, by the setting's word. */
    private static final Map<String, String> SETTINGS = Map.of(
            "memory", "RAM of the machine (default 64G; at most 64T, or 4P with machine levels 5)",
            "levels", "paging levels (default 4)",
            "pt-reclaim", "reclaim emptied PTE tables (default off)",
            "fault-around", "a shmem read fault maps the cached pages around it (default on)",
            "thp", "transparent huge pages for private anonymous memory (default never); with a size, one folio size",
            "kernel", "the kernel profile the simulation follows (default: the version-1.1 rules)");
    /** The placeholder of a setting that takes a number. */
    private static final Map<String, String> SETTING_NUMBERS = Map.of("memory", "${1:64G}", "levels", "${1|4,5|}",
            "kernel", "${1|" + String.join(",", LanguageWords.KERNEL_VERSIONS) + "|}");

    static {
        METRIC_SHAPES.put("pagetables", "pagetables [P] OP Q — page-table memory");
        METRIC_SHAPES.put("tables", "tables [P] [" + String.join("|", LanguageWords.LEVELS) + "] OP N — page-table pages");
        METRIC_SHAPES.put("rss", "rss P [" + String.join("|", LanguageWords.RSS_KINDS) + "] OP Q — resident memory (VmRSS, or one part)");
        METRIC_SHAPES.put("memory", "memory OP Q — machine memory in use");
        METRIC_SHAPES.put("refcount", "refcount P ADDR OP N — users of the PTE table");
        METRIC_SHAPES.put("mapcount", "mapcount P ADDR OP N — entries mapping the page");
        METRIC_SHAPES.put("value", "value P ADDR OP VALUE — what a load returns");
        METRIC_SHAPES.put("faults", "faults [P] [" + String.join("|", LanguageWords.FAULT_KINDS) + "] OP N — page faults");
        METRIC_SHAPES.put("shared", "shared P Q ADDR — same PTE table");
        METRIC_SHAPES.put("private", "private P ADDR — own PTE table");
        METRIC_SHAPES.put("segv", "segv STATEMENT — the access must fault");
        METRIC_SHAPES.put("thp", "thp [P] OP Q — memory mapped by huge PMDs (AnonHugePages)");
        METRIC_SHAPES.put("huge", "huge P ADDR — a huge PMD maps it (2 MiB page)");
        METRIC_SHAPES.put("mthp", "mthp SIZE STAT OP N — a statistic of multi-size THP (hugepages-<size>kB/stats)");
    }

    private CompletionService() {
    }

    public static List<CompletionItem> complete(ScenarioDocument document, Position position) {
        LineIndex lines = document.lines();
        int offset = lines.offsetAt(position);
        int lineStart = lines.lineStart(lines.positionAt(offset).getLine());
        CompletionSlots.Result slots = CompletionSlots.at(document.text(), lineStart, offset);
        if (slots.slots().isEmpty()) {
            return List.of();
        }
        Range replace = new Range(lines.positionAt(slots.replaceStart()), lines.positionAt(offset));
        ScopeAt scope = ScopeAt.of(document, offset);
        Items items = new Items(replace);
        for (Slot slot : slots.slots()) {
            if (slot == Slot.FILE) {
                files(document, offset, items);
            } else {
                add(slot, slots, scope, items);
            }
        }
        return items.list;
    }

    /** The files declared before the cursor (a file's name is its own namespace, declared once). */
    private static void files(ScenarioDocument document, int offset, Items items) {
        for (dev.cowpte.lang.check.Names.Occurrence o : document.names().all()) {
            if (o.kind() == dev.cowpte.lang.check.Names.Kind.FILE && o.declaration()
                    && o.range().endOffset() <= offset) {
                items.plain(o.text(), CompletionItemKind.File, "file (line " + o.range().line() + ")");
            }
        }
    }

    private static void add(Slot slot, CompletionSlots.Result slots, ScopeAt scope, Items items) {
        switch (slot) {
            case STATEMENT -> StatementTemplates.all(scope).forEach(t -> items.snippet(t.keyword(), t.snippet(),
                    t.shape(), CompletionItemKind.Keyword, t.retrigger()));
            case ACCESS_STATEMENT -> StatementTemplates.all(scope).stream()
                    .filter(t -> List.of("touch", "read", "write", "pin").contains(t.keyword()))
                    .forEach(t -> items.snippet(t.keyword(), t.snippet(), t.shape(), CompletionItemKind.Keyword, false));
            case PROCESS -> scope.processes().forEach(p -> items.plain(p.name(), CompletionItemKind.Variable,
                    "process" + (p.parent() == null ? "" : ", forked from " + p.parent())
                            + " (line " + p.declaredAt().line() + ")"));
            case REGION -> {
                if (slots.regionOwner() != null) {
                    for (Name region : scope.regions(slots.regionOwner())) {
                        items.plain(region.text(), CompletionItemKind.Field,
                                "region of " + slots.regionOwner() + " (mmap at line " + region.range().line() + ")");
                    }
                }
            }
            case VARIABLE -> scope.variables().forEach(v -> items.plain(v, CompletionItemKind.Variable,
                    "repeat variable (page index)"));
            case POLICY -> LanguageWords.POLICIES.forEach(p -> items.plain(p, CompletionItemKind.EnumMember,
                    dev.cowpte.mm.ForkPolicies.byName(p).map(f -> f.description().brief()).orElse("fork policy")));
            case POLICY_KEYWORD -> items.snippet("policy", "policy ${1|" + String.join(",", LanguageWords.POLICIES)
                    + "|}", "this fork's own policy", CompletionItemKind.Keyword, false);
            case ARROW -> items.plain("->", CompletionItemKind.Operator, "fork P -> C");
            case STEP -> items.snippet("step", "step ${1:16}", "page set: every S-th page of the range",
                    CompletionItemKind.Keyword, false);
            case RANDOM -> items.snippet("random", "random ${1:10}%",
                    "page set: N % of the pages, the same on every run (machine seed)", CompletionItemKind.Keyword, false);
            case AS -> items.plain("as", CompletionItemKind.Keyword, "repeat N as i: name the counter");
            case ASSIGN -> items.plain("=", CompletionItemKind.Operator, "write P RANGE = VALUE");
            case MACHINE_SETTING -> LanguageWords.SETTING_VALUES.forEach((setting, values) -> items.snippet(setting,
                    setting + " " + (values.isEmpty() ? SETTING_NUMBERS.getOrDefault(setting, "${1}")
                            : "${1|" + String.join(",", values) + "|}"),
                    SETTINGS.getOrDefault(setting, "machine setting"), CompletionItemKind.Keyword, false));
            case LEVELS_VALUE -> List.of("4", "5").forEach(v -> items.plain(v, CompletionItemKind.Value, "paging levels"));
            case ON_OFF -> LanguageWords.SWITCH_VALUES.forEach(v -> items.plain(v, CompletionItemKind.Keyword, "on or off"));
            case THP_MODE -> LanguageWords.THP_MODES.forEach(v -> items.plain(v, CompletionItemKind.EnumMember,
                    "never".equals(v) ? "no huge pages (the default)" : "madvise".equals(v)
                    ? "huge pages for hugepage regions only" : "huge pages unless nohugepage"));
            case MTHP_SIZE -> LanguageWords.MTHP_SIZES.forEach(v -> items.plain(v, CompletionItemKind.Value,
                    "2M".equals(v) ? "huge PMD pages (hugepages-2048kB)" : "folio size (hugepages-"
                            + (v.endsWith("M") ? Integer.parseInt(v.substring(0, v.length() - 1)) * 1024
                            : Integer.parseInt(v.substring(0, v.length() - 1))) + "kB)"));
            case MTHP_MODE -> LanguageWords.MTHP_MODES.forEach(v -> items.plain(v, CompletionItemKind.EnumMember,
                    "inherit".equals(v) ? "follow machine thp MODE" : "never".equals(v) ? "no folio of this size"
                    : "madvise".equals(v) ? "for hugepage regions only" : "for every region unless nohugepage"));
            case KERNEL_VERSION -> LanguageWords.KERNEL_VERSIONS.forEach(v -> items.plain(v, CompletionItemKind.Value,
                    "Linux " + v + " profile"));
            case MTHP_STATISTIC -> LanguageWords.MTHP_STATISTICS.forEach(v -> items.plain(v, CompletionItemKind.Field,
                    "hugepages-<size>kB/stats/" + v));
            case METRIC -> LanguageWords.METRICS.forEach(m -> items.plain(m, CompletionItemKind.Keyword,
                    METRIC_SHAPES.getOrDefault(m, "expect " + m)));
            case LEVEL -> LanguageWords.LEVELS.forEach(l -> items.plain(l, CompletionItemKind.EnumMember,
                    "count only " + l + " tables"));
            case FAULT_KIND -> LanguageWords.FAULT_KINDS.forEach(k -> items.plain(k, CompletionItemKind.EnumMember,
                    "count only " + k + " faults"));
            case COMPARISON -> LanguageWords.COMPARISONS.forEach(c -> items.plain(c, CompletionItemKind.Operator,
                    "comparison"));
            case ADVICE -> LanguageWords.ADVICES.forEach(a -> items.plain(a, CompletionItemKind.EnumMember,
                    "MADV_" + a.toUpperCase(java.util.Locale.ROOT)));
            case PROTECTION -> LanguageWords.PROTECTIONS.forEach(p -> items.plain(p, CompletionItemKind.EnumMember,
                    "readonly".equals(p) ? "PROT_READ" : "PROT_READ|PROT_WRITE"));
            case ACCESS_KIND -> LanguageWords.ACCESS_KINDS.forEach(a -> items.plain(a, CompletionItemKind.Keyword,
                    "read".equals(a) ? "load only" : "store 0 (the default)"));
            case MAP_OPTION -> LanguageWords.MAP_OPTIONS.stream()
                    .filter(o -> !slots.words().subList(Math.min(4, slots.words().size()), slots.words().size()).contains(o))
                    .forEach(o -> {
                        if ("at".equals(o)) {
                            items.snippet("at", "at ${1:0x7f0000000000}", "place at a fixed address (page-aligned)",
                                    CompletionItemKind.Keyword, false);
                        } else if ("file".equals(o)) {
                            items.snippet("file", "file ${1:F}", "map file F (declared by `file F SIZE`) from its start",
                                    CompletionItemKind.Keyword, false);
                        } else if ("mshare".equals(o)) {
                            items.snippet("mshare", "mshare ${1:M}", "map the mshare region M: its page tables are shared",
                                    CompletionItemKind.Keyword, false);
                        } else if ("hugepage".equals(o) || "nohugepage".equals(o)) {
                            items.plain(o, CompletionItemKind.Keyword, "MADV_" + o.toUpperCase(java.util.Locale.ROOT)
                                    + " from the start");
                        } else {
                            items.plain(o, CompletionItemKind.Keyword, "mmap flag");
                        }
                    });
            case RSS_KIND -> LanguageWords.RSS_KINDS.forEach(k -> items.plain(k, CompletionItemKind.EnumMember,
                    "Rss" + Character.toUpperCase(k.charAt(0)) + k.substring(1) + " of /proc/PID/status"));
            case FILE -> {
                // filled by complete(), which has the document's names
            }
            case UNIT -> LanguageWords.UNITS.forEach(u -> items.plain(u, CompletionItemKind.Unit,
                    "bytes (binary unit; a bare number counts 4 KiB pages)"));
        }
    }

    /** The items, each replacing the same range, without duplicate labels. */
    private static final class Items {
        final List<CompletionItem> list = new ArrayList<>();
        private final Range replace;

        Items(Range replace) {
            this.replace = replace;
        }

        void plain(String label, CompletionItemKind kind, String detail) {
            add(label, label, InsertTextFormat.PlainText, kind, detail, false);
        }

        void snippet(String label, String snippet, String detail, CompletionItemKind kind, boolean retrigger) {
            add(label, snippet, InsertTextFormat.Snippet, kind, detail, retrigger);
        }

        private void add(String label, String text, InsertTextFormat format, CompletionItemKind kind, String detail,
                         boolean retrigger) {
            if (list.stream().anyMatch(i -> i.getLabel().equals(label))) {
                return;
            }
            CompletionItem item = new CompletionItem(label);
            item.setKind(kind);
            item.setDetail(detail);
            item.setInsertTextFormat(format);
            item.setTextEdit(Either.forLeft(new TextEdit(replace, text)));
            item.setSortText(String.format("%03d", list.size()));
            if (retrigger) {
                item.setCommand(RETRIGGER);
            }
            list.add(item);
        }
    }
}
