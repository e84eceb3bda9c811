package dev.cowpte.lsp.services;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.NodeAt;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.run.RunResult;
import dev.cowpte.run.StatementRecord;
import dev.cowpte.words.KernelWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * At the top, the last run's passed and failed counts with the run and compare commands, and "check
 * against this kernel" ({@code cowpte.kernel}: the scenario on the running Linux kernel beside the
 * simulation, shown in hovers and diagnostics); on each
 * fork of a current run, what the fork did under this run's policy, and one lens per other policy
 * with what the same fork costs under it.
 *
 * <p>The other policies' costs are lazy: {@link #codeLenses} only lists them (fast, no
 * simulation), and {@link #resolve} computes them on the service's own background thread, once
 * per document version and fork, by running the scenario up to the fork with that fork's policy
 * replaced ({@link ForkVariant}), each run under a step budget, cancelled when a newer version is
 * listed, kept in a small LRU cache. A fork whose variants would build more than
 * {@value #MAX_TABLES} page tables is not simulated in the editor; its lens points to
 * {@code cowpte compare}.
 */
public final class CodeLensService implements AutoCloseable {
    public static final String RUN = "cowpte.run";
    public static final String COMPARE = "cowpte.compare";
    public static final String KERNEL = "cowpte.kernel";
    /** Page tables (1 GiB of them) beyond which fork variants are left to {@code cowpte compare}. */
    static final long MAX_TABLES = 262_144;
    private static final int MAX_DOCUMENTS = 32;

    private final ForkCostCache cache = new ForkCostCache();
    private final Map<String, RunView> listed = new LinkedHashMap<>(16, 0.75f, true);

    public List<CodeLens> codeLenses(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun) {
        List<CodeLens> out = new ArrayList<>();
        Optional<RunView> view = RunView.of(document, lastRun);
        Range top = new Range(new Position(0, 0), new Position(0, 0));
        out.add(new CodeLens(top, new Command(summary(view), RUN, List.of(document.uri())), null));
        out.add(new CodeLens(top, new Command("compare policies", COMPARE, List.of(document.uri())), null));
        out.add(new CodeLens(top, new Command("check against this kernel", KERNEL, List.of(document.uri())), null));
        cache.supersede(document.uri(), document.version());
        if (view.isEmpty() || !view.get().isCurrent()) {
            return out;
        }
        remember(document.uri(), view.get());
        for (Statement s : view.get().statements()) {
            forks(view.get(), s, s, 1, out);
        }
        return out;
    }

    /** Fills in an other-policy fork lens; the future completes on the background thread. */
    public CompletableFuture<CodeLens> resolve(CodeLens lens) {
        Optional<LensData> data = LensData.of(lens.getData());
        if (data.isEmpty() || lens.getCommand() != null) {
            return CompletableFuture.completedFuture(lens);
        }
        LensData d = data.get();
        RunView view = listed(d.uri());
        Optional<Statement.Fork> fork = view == null || view.current().version() != d.version()
                ? Optional.empty() : forkAt(view, d.fork());
        if (fork.isEmpty()) {
            lens.setCommand(new Command(d.policy() + ": outdated, run again", RUN, List.of(d.uri())));
            return CompletableFuture.completedFuture(lens);
        }
        Statement topLevel = NodeAt.statements(view.ran().analysis().scenario(), d.fork()).get(0);
        List<String> others = others(view, fork.get());
        ForkCostCache.Key key = new ForkCostCache.Key(d.uri(), d.version(), d.fork());
        String text = view.ran().text();
        return cache.get(key, cancel -> ForkCosts.compute(text, fork.get(), topLevel, others, cancel))
                .handle((costs, failure) -> {
                    String title = failure != null || costs == null || !costs.containsKey(d.policy())
                            ? d.policy() + ": not computed" : costs.get(d.policy()).title();
                    lens.setCommand(new Command(title, COMPARE, List.of(d.uri())));
                    return lens;
                });
    }

    private void forks(RunView view, Statement top, Statement s, long repeats, List<CodeLens> out) {
        if (s instanceof Statement.Repeat r) {
            for (Statement inner : r.body()) {
                forks(view, top, inner, repeats * Math.max(1, r.count()), out);
            }
            return;
        }
        if (!(s instanceof Statement.Fork f)) {
            return;
        }
        Optional<StatementRecord> rec = view.record(f);
        if (rec.isEmpty() || rec.get().executions() == 0 || rec.get().errorCount() > 0) {
            return;
        }
        Range range = LineIndex.toLsp(f.range());
        String uri = view.current().uri();
        ForkCost mine = ForkCost.of(rec.get().forkPolicy().name(), rec.get());
        out.add(new CodeLens(range, new Command("this run, " + mine.title(), COMPARE, List.of(uri)), null));
        long tables = rec.get().machine() == null ? 0
                : rec.get().machine().tables().values().stream().mapToLong(Integer::longValue).sum();
        if (tables * repeats > MAX_TABLES) {
            out.add(new CodeLens(range, new Command("other policies: too large to simulate here (about "
                    + tables * repeats + " tables); run cowpte compare", COMPARE, List.of(uri)), null));
            return;
        }
        for (String p : others(view, f)) {
            out.add(new CodeLens(range, null,
                    new LensData(uri, view.current().version(), f.range().startOffset(), p).json()));
        }
    }

    private static List<String> others(RunView view, Statement.Fork f) {
        dev.cowpte.mm.ForkPolicy used = view.record(f).map(StatementRecord::forkPolicy).orElse(null);
        return ForkPolicies.all().stream().filter(p -> p != used).map(dev.cowpte.mm.ForkPolicy::name).toList();
    }

    private static Optional<Statement.Fork> forkAt(RunView view, int offset) {
        return NodeAt.statement(view.ran().analysis().scenario(), offset)
                .filter(s -> s instanceof Statement.Fork && s.range().startOffset() == offset)
                .map(s -> (Statement.Fork) s);
    }

    private static String summary(Optional<RunView> view) {
        if (view.isEmpty()) {
            return "▶ run scenario";
        }
        RunResult r = view.get().result();
        StringBuilder sb = new StringBuilder();
        sb.append("✓ ").append(r.expectationsPassed()).append(" passed · ✗ ").append(r.expectationsFailed())
                .append(" failed");
        if (r.errors() > 0) {
            sb.append(" · ").append(KernelWords.count(r.errors(), "error"));
        }
        if (!view.get().isCurrent()) {
            sb.append(" (run of version ").append(view.get().ranVersion()).append("; the text has changed) ▶ run");
        }
        return sb.toString();
    }

    private synchronized void remember(String uri, RunView view) {
        listed.put(uri, view);
        while (listed.size() > MAX_DOCUMENTS) {
            listed.remove(listed.keySet().iterator().next());
        }
    }

    private synchronized RunView listed(String uri) {
        return listed.get(uri);
    }

    /** Stops the background thread (on server shutdown). */
    @Override
    public void close() {
        cache.close();
    }

    /** What an unresolved lens carries: the document version, the fork's offset and the policy. */
    private record LensData(String uri, int version, int fork, String policy) {
        JsonObject json() {
            JsonObject o = new JsonObject();
            o.addProperty("uri", uri);
            o.addProperty("version", version);
            o.addProperty("fork", fork);
            o.addProperty("policy", policy);
            return o;
        }

        static Optional<LensData> of(Object data) {
            if (!(data instanceof JsonElement e) || !e.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject o = e.getAsJsonObject();
            try {
                return Optional.of(new LensData(o.get("uri").getAsString(), o.get("version").getAsInt(),
                        o.get("fork").getAsInt(), o.get("policy").getAsString()));
            } catch (RuntimeException bad) {
                return Optional.empty();
            }
        }
    }
}
