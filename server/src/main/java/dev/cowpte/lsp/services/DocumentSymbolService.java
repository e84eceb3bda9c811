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
            }
            collectMmaps(s.children(), into);
        }
    }

    private record Outline(String text, List<Statement.Mmap> mmaps) implements Statement.Visitor<DocumentSymbol> {
        List<DocumentSymbol> of(List<Statement> statements) {
            List<DocumentSymbol> out = new ArrayList<>();
            for (Statement s : statements) {
                DocumentSymbol symbol = s.accept(this);
                if (symbol != null) {
                    out.add(symbol);
                }
            }
            return out;
        }

        /** The symbol a statement declares (the title, a process, a repeat holding others), or null. */
        @Override
        public DocumentSymbol visit(Statement.ScenarioTitle s) {
            return symbol(s.title().isEmpty() ? "(untitled)" : s.title(), SymbolKind.String, "scenario",
                    s.range(), s.range(), List.of());
        }

        @Override
        public DocumentSymbol visit(Statement.Policy s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineMemory s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineLevels s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachinePtReclaim s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineFaultAround s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineThp s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineSeed s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineHugetlb s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.MachineKernel s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Process s) {
            return s.name() == null ? null : process(s.name(), "process", s);
        }

        @Override
        public DocumentSymbol visit(Statement.File s) {
            return s.name() == null ? null : symbol(s.name().text(), SymbolKind.File, fileDetail(s), s.range(), s.name().range(), List.of());
        }

        @Override
        public DocumentSymbol visit(Statement.Mmap s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Munmap s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Mremap s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Mprotect s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Madvise s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Touch s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Read s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Write s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Fork s) {
            if (s.child() == null) {
                return null;
            }
            String parent = s.parent() == null ? "?" : s.parent().text();
            return process(s.child(), "fork of " + parent + (s.policy() == null ? "" : ", " + s.policy()), s);
        }

        @Override
        public DocumentSymbol visit(Statement.Exit s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Pin s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Unpin s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Repeat s) {
            SourceRange keyword = new SourceRange(s.range().line(), s.range().column(), s.range().line(),
                    s.range().column() + "repeat".length(), s.range().startOffset(),
                    s.range().startOffset() + "repeat".length());
            String name = "repeat " + s.count() + (s.variable() == null ? "" : " as " + s.variable());
            return symbol(name, SymbolKind.Namespace, dev.cowpte.words.Amounts.count(s.count(), "time"), s.range(), keyword,
                    of(s.body()));
        }

        @Override
        public DocumentSymbol visit(Statement.Show s) {
            return null;
        }

        @Override
        public DocumentSymbol visit(Statement.Expect s) {
            return null;
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

        private String fileDetail(Statement.File f) {
            SourceRange r = f.size().range();
            return "file " + text.substring(r.startOffset(), r.endOffset());
        }

        private String mmapDetail(Statement.Mmap m) {
            StringBuilder d = new StringBuilder();
            if (m.size() != null) {
                SourceRange r = m.size().range();
                d.append(text.substring(r.startOffset(), r.endOffset()));
            }
            if (m.file() != null) {
                d.append(" file ").append(m.file().text());
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
