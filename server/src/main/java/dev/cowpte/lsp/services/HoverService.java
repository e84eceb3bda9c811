package dev.cowpte.lsp.services;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.check.Names;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.NameIndex;
import dev.cowpte.lsp.document.NodeAt;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.mm.MmSummary;
import dev.cowpte.mm.VmaInfo;
import dev.cowpte.run.StatementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The live page-table view: hovers from the last finished run, never running anything. On a
 * policy name, what the policy does; on a {@code machine kernel} line, its profile; on an address, its walk pgd → PTE → page; on a process or a
 * region name, its summary; on any other part of a statement, the state after it and the work it
 * did. A run of an older version is still shown on the lines that did not change, under a note
 * that says so. After a kernel check ({@code cowpte.kernel}), a statement's hover ends with the
 * kernel's values beside the simulated ones ({@link KernelCheckService#hover}).
 */
public final class HoverService {

    /** The hover of the last run, followed by the last kernel check's values for the statement. */
    public Hover hover(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun,
                       Optional<DocumentStore.LastKernelCheck> kernelCheck, Position position) {
        Hover base = hover(document, lastRun, position);
        Optional<KernelCheckService.Section> kernel = KernelCheckService.hover(document, kernelCheck, position);
        if (kernel.isEmpty()) {
            return base;
        }
        if (base == null) {
            return hover(kernel.get().markdown(), kernel.get().range());
        }
        return hover(base.getContents().getRight().getValue() + "\n\n---\n\n" + kernel.get().markdown(),
                base.getRange());
    }

    public Hover hover(ScenarioDocument document, Optional<DocumentStore.LastRun> lastRun, Position position) {
        int offset = document.lines().offsetAt(position);
        Scenario here = document.analysis().scenario();
        Optional<Statement> statement = NodeAt.statement(here, offset);
        if (statement.isPresent()) {
            Optional<NodeAt.PolicyName> policy = NodeAt.policyName(statement.get(), offset);
            if (policy.isPresent()) {
                return PolicyMarkdown.render(policy.get().name())
                        .map(md -> hover(md, LineIndex.toLsp(policy.get().range()))).orElse(null);
            }
            if (statement.get() instanceof Statement.MachineKernel k) {
                Optional<String> md = ProfileMarkdown.render(k.version());
                if (md.isPresent()) {
                    return hover(md.get(), LineIndex.toLsp(k.range()));
                }
            }
        }
        Optional<RunView> view = RunView.of(document, lastRun);
        if (view.isEmpty()) {
            return statement.map(s -> hover("_not run yet: run the scenario (cowpte.run) to see its page tables_",
                    LineIndex.toLsp(s.range()))).orElse(null);
        }
        OptionalInt ranOffset = view.get().toRanOffset(position);
        if (ranOffset.isEmpty()) {
            return null;
        }
        return fromRun(view.get(), ranOffset.getAsInt());
    }

    private Hover fromRun(RunView view, int offset) {
        List<Statement> path = NodeAt.statements(view.ran().analysis().scenario(), offset);
        if (path.isEmpty()) {
            return null;
        }
        Statement inner = path.get(path.size() - 1);
        Optional<StatementRecord> rec = view.record(inner);
        if (rec.isEmpty()) {
            return null;
        }
        LastIteration last = new LastIteration(path);
        List<String> header = new ArrayList<>();
        if (!view.isCurrent()) {
            header.add("_from the run of version " + view.ranVersion() + "; the text has changed since_");
        }
        if (last.insideRepeat()) {
            header.add(last.note());
        }
        if (rec.get().pageSet() != null) {
            header.add(rec.get().pageSet().toString());
        }
        Optional<Address> address = NodeAt.address(inner, offset);
        if (address.isPresent()) {
            return answer(view, header, walks(view, rec.get(), address.get()), address.get().range());
        }
        Optional<Names.Occurrence> name = view.ran().names().at(offset);
        if (name.isPresent()) {
            Names.Occurrence o = name.get();
            String md = switch (o.kind()) {
                case PROCESS -> process(view, inner, rec.get(), last.expand(o.text()));
                case REGION -> region(view, inner, rec.get(), last.expand(o.text()),
                        last.expand(o.process() == null ? "" : o.process()));
                case FILE -> file(view, rec.get(), o);
            };
            return answer(view, header, md, o.range());
        }
        return answer(view, header, StateMarkdown.afterStatement(rec.get()), inner.range());
    }

    private static String walks(RunView view, StatementRecord rec, Address address) {
        String written = text(view, address.range());
        StringBuilder sb = new StringBuilder();
        for (StatementRecord.AddressWalk w : rec.addressWalks()) {
            if (w.address() != null && w.address().startOffset() == address.range().startOffset()
                    && w.address().endOffset() == address.range().endOffset()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(WalkMarkdown.render(written, w.walk()));
            }
        }
        if (sb.length() == 0) {
            return "**" + written + "**: no walk recorded — the statement did not get that far, or the process is gone";
        }
        return sb.toString();
    }

    private static String process(RunView view, Statement s, StatementRecord rec, String comm) {
        Optional<MmSummary> after = summary(rec, comm);
        if (after.isPresent()) {
            return ProcessMarkdown.process(after.get(), "after line " + s.range().line());
        }
        Optional<MmSummary> before = lastSeenBefore(view, s, comm);
        if (before.isPresent()) {
            return ProcessMarkdown.process(before.get(), "before line " + s.range().line()
                    + " (it is gone after it)");
        }
        return "**process " + comm + "**: not alive after this statement";
    }

    private static String region(RunView view, Statement s, StatementRecord rec, String region, String comm) {
        Optional<MmSummary> p = summary(rec, comm).or(() -> lastSeenBefore(view, s, comm));
        if (p.isEmpty()) {
            return "**region " + region + "** of " + comm + ": the process is not alive here";
        }
        List<VmaInfo> vmas = p.get().vmas().stream().filter(v -> v.name().equals(region)).toList();
        return ProcessMarkdown.region(region, comm, vmas, "after line " + s.range().line());
    }

    /** A file: where it was declared with its size, and the regions that map it after the statement. */
    private static String file(RunView view, StatementRecord rec, Names.Occurrence o) {
        StringBuilder md = new StringBuilder("**file " + o.text() + "**");
        for (Statement s : view.statements()) {
            if (s instanceof Statement.File f && f.name().text().equals(o.text())) {
                md.append(": ").append(text(view, f.size().range())).append(" in the page cache from line ")
                        .append(f.range().line()).append(" on, mapped or not");
            }
        }
        List<String> mappings = new ArrayList<>();
        for (MmSummary p : rec.processes()) {
            for (VmaInfo v : p.vmas()) {
                if (o.text().equals(v.file()) && !mappings.contains(p.comm() + " " + v.name())) {
                    mappings.add(p.comm() + " " + v.name());
                }
            }
        }
        md.append("\n\n").append(mappings.isEmpty() ? "mapped by no process here"
                : "mapped here by " + String.join(", ", mappings));
        return md.toString();
    }

    private static Optional<MmSummary> summary(StatementRecord rec, String comm) {
        return rec.processes().stream().filter(p -> p.comm().equals(comm)).findFirst();
    }

    /** The process as the last statement above {@code s} that saw it alive left it. */
    private static Optional<MmSummary> lastSeenBefore(RunView view, Statement s, String comm) {
        MmSummary found = null;
        for (Statement x : new RelatedStatements(view).all()) {
            if (x.range().startOffset() >= s.range().startOffset()) {
                break;
            }
            Optional<MmSummary> m = view.record(x).flatMap(r -> summary(r, comm));
            if (m.isPresent()) {
                found = m.get();
            }
        }
        return Optional.ofNullable(found);
    }

    private static Hover answer(RunView view, List<String> header, String body, SourceRange range) {
        StringBuilder md = new StringBuilder();
        for (String h : header) {
            md.append(h).append("\n\n");
        }
        md.append(body);
        return hover(md.toString(), view.toCurrent(range).orElse(null));
    }

    private static Hover hover(String markdown, Range range) {
        Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown.stripTrailing()));
        if (range != null) {
            h.setRange(range);
        }
        return h;
    }

    private static String text(RunView view, SourceRange r) {
        String t = view.ran().text();
        int from = Math.max(0, Math.min(r.startOffset(), t.length()));
        return t.substring(from, Math.max(from, Math.min(r.endOffset(), t.length())));
    }
}
