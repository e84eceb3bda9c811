package dev.cowpte.lsp.services;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Scenario;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline: the scenario's title, every process where it is declared (process or fork) with
 * the regions mapped in it as children, and repeat blocks with what they declare inside.
 */
public final class DocumentSymbolService {
    private DocumentSymbolService() {
    }

    public static List<DocumentSymbol> symbols(ScenarioDocument document) {
        Scenario scenario = document.analysis().scenario();
        if (scenario == null) {
            return List.of();
        }
        List<Statement.Mmap> mmaps = new ArrayList<>();
        collectMmaps(scenario.statements(), mmaps);
        return new Outline(document.text(), mmaps).of(scenario.statements());
    }

    private static void collectMmaps(List<Statement> statements, List<Statement.Mmap> into) {
        for (Statement s : statements) {
            if (s instanceof Statement.Mmap m && m.process() != null && m.region() != null) {
                into.add(m);
            } else if (s instanceof Statement.Repeat r) {
                collectMmaps(r.body(), into);
            }
        }
    }

    private record Outline(String text, List<Statement.Mmap> mmaps) {
        List<DocumentSymbol> of(List<Statement> statements) {
            List<DocumentSymbol> out = new ArrayList<>();
            for (Statement s : statements) {
                if (s instanceof Statement.ScenarioTitle t) {
                    out.add(symbol(t.title().isEmpty() ? "(untitled)" : t.title(), SymbolKind.String, "scenario",
                            t.range(), t.range(), List.of()));
                } else if (s instanceof Statement.Process p && p.name() != null) {
                    out.add(process(p.name(), "process", s));
                } else if (s instanceof Statement.Fork f && f.child() != null) {
                    String parent = f.parent() == null ? "?" : f.parent().text();
                    out.add(process(f.child(), "fork of " + parent + (f.policy() == null ? "" : ", " + f.policy()), s));
                } else if (s instanceof Statement.Repeat r) {
                    SourceRange keyword = new SourceRange(r.range().line(), r.range().column(), r.range().line(),
                            r.range().column() + "repeat".length(), r.range().startOffset(),
                            r.range().startOffset() + "repeat".length());
                    String name = "repeat " + r.count() + (r.variable() == null ? "" : " as " + r.variable());
                    out.add(symbol(name, SymbolKind.Namespace, dev.cowpte.words.Amounts.count(r.count(), "time"), r.range(), keyword, of(r.body())));
                }
            }
            return out;
        }

        private DocumentSymbol process(Name name, String detail, Statement declaredBy) {
            List<DocumentSymbol> regions = new ArrayList<>();
            for (Statement.Mmap m : mmaps) {
                if (m.process().text().equals(name.text())) {
                    regions.add(symbol(m.region().text(), SymbolKind.Field, mmapDetail(m), m.range(),
                            m.region().range(), List.of()));
                }
            }
            return symbol(name.text(), SymbolKind.Object, detail, declaredBy.range(), name.range(), regions);
        }

        private String mmapDetail(Statement.Mmap m) {
            StringBuilder d = new StringBuilder();
            if (m.size() != null) {
                SourceRange r = m.size().range();
                d.append(text.substring(r.startOffset(), r.endOffset()));
            }
            for (Statement.MapOption o : m.options()) {
                d.append(' ').append(o.name().toLowerCase(Locale.ROOT));
            }
            return d.toString();
        }

        private static DocumentSymbol symbol(String name, SymbolKind kind, String detail, SourceRange range,
                                             SourceRange selection, List<DocumentSymbol> children) {
            DocumentSymbol s = new DocumentSymbol(name, kind, LineIndex.toLsp(range), LineIndex.toLsp(selection), detail);
            s.setChildren(children);
            return s;
        }
    }
}
