package dev.cowpte.lsp.services;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.check.Names.Kind;
import dev.cowpte.lang.check.Names.Occurrence;
import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.NameIndex;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Rename of processes and regions: every occurrence of the same symbol.
 *
 * <p>Templates: a name written with placeholders ({@code worker{i}}) and its instances
 * ({@code worker3}) are one symbol. The editable part is the literal text under the cursor
 * ({@code worker}); the new text replaces that part in the template and in every instance
 * ({@code worker{i}} → {@code server{i}}, {@code worker3} → {@code server3}). A new name with
 * placeholders ({@code server{i}}) replaces the whole template instead, and must keep the same
 * placeholders in the same order. The cursor on a placeholder ({@code {i}}) renames nothing.
 */
public final class RenameService {
    private RenameService() {
    }

    /** The range the editor lets the user change, or null where nothing can be renamed. */
    public static Range prepareRename(ScenarioDocument document, Position position) {
        int offset = document.lines().offsetAt(position);
        return Symbols.at(document.names(), offset).map(s -> {
            int[] part = editablePart(s, offset);
            if (part == null) {
                return null;
            }
            return new Range(document.lines().positionAt(part[0]), document.lines().positionAt(part[1]));
        }).orElse(null);
    }

    public static WorkspaceEdit rename(ScenarioDocument document, Position position, String newName) {
        int offset = document.lines().offsetAt(position);
        Symbols.Symbol symbol = Symbols.at(document.names(), offset).orElseThrow(() ->
                new IllegalArgumentException("Nothing to rename here: put the cursor on a process, region or file name."));
        String what = switch (symbol.at().kind()) {
            case PROCESS -> "process";
            case REGION -> "region";
            case FILE -> "file";
        };
        String name = newName == null ? "" : newName.strip();
        NameTemplate renamed = newText(symbol, offset, name, what);
        if (!NameTemplate.isName(renamed.text())) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + what + " name: a name starts with a"
                    + " letter or _ and goes on with letters, digits and _ (and {i} for a repeat variable).");
        }
        if (LanguageWords.isKeyword(renamed.text())) {
            throw new IllegalArgumentException("'" + renamed.text() + "' is a keyword of the scenario language;"
                    + " choose another " + what + " name.");
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Occurrence o : symbol.occurrences()) {
            edits.add(new TextEdit(LineIndex.toLsp(o.range()), textFor(symbol, renamed, o)));
        }
        checkClash(document.names(), symbol, renamed, what);
        return new WorkspaceEdit(Map.of(document.uri(), edits));
    }

    /** Start and end offsets of the part the user edits, or null on a placeholder. */
    private static int[] editablePart(Symbols.Symbol s, int offset) {
        SourceRange r = s.at().range();
        if (s.template() == null) {
            return new int[] {r.startOffset(), r.endOffset()};
        }
        int[] literal = literalAt(s, offset);
        return literal == null ? null : new int[] {r.startOffset() + literal[1], r.startOffset() + literal[2]};
    }

    /**
     * The literal part of the template under the cursor in the occurrence: {index in the template's
     * parts, start, end within the occurrence's text}; null on a placeholder or its value.
     */
    private static int[] literalAt(Symbols.Symbol s, int offset) {
        NameTemplate t = s.template();
        Occurrence o = s.at();
        int within = offset - o.range().startOffset();
        List<int[]> spans = literalSpans(t, o.text());
        for (int[] span : spans) {
            if (span[1] <= within && within <= span[2]) {
                return span;
            }
        }
        return null;
    }

    /** Where each literal part of {@code t} stands in {@code text} (a template or an instance of it). */
    private static List<int[]> literalSpans(NameTemplate t, String text) {
        List<int[]> spans = new ArrayList<>();
        List<NameTemplate.Part> parts = t.parts();
        List<Long> values = text.equals(t.text()) ? null : t.match(text);
        int at = 0;
        int v = 0;
        for (int i = 0; i < parts.size(); i++) {
            NameTemplate.Part p = parts.get(i);
            if (p.variable()) {
                at += values == null ? p.end() - p.start() : String.valueOf(values.get(v++)).length();
            } else {
                spans.add(new int[] {i, at, at + p.text().length()});
                at += p.text().length();
            }
        }
        return spans;
    }

    private static NameTemplate newText(Symbols.Symbol s, int offset, String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A " + what + " name can not be empty.");
        }
        NameTemplate t = s.template();
        NameTemplate whole = NameTemplate.of(name);
        boolean braces = whole.isTemplate() || whole.hasUnclosedBrace();
        if (t == null) {
            if (braces) {
                throw new IllegalArgumentException("'" + name + "' has a placeholder, but '" + s.at().text()
                        + "' is a single " + what + "; placeholders such as {i} belong to names written in a repeat.");
            }
            return whole;
        }
        if (braces) {
            if (!whole.variables().equals(t.variables())) {
                throw new IllegalArgumentException("'" + name + "' must keep the placeholders of '" + t.text()
                        + "' (" + String.join(", ", t.variables().stream().map(v -> "{" + v + "}").toList())
                        + ") in the same order.");
            }
            return whole;
        }
        int[] literal = literalAt(s, offset);
        if (literal == null) {
            throw new IllegalArgumentException("The cursor is on the repeat variable of '" + t.text()
                    + "'; put it on the text of the name to rename the " + what + "s.");
        }
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("'" + name + "' is not valid in a " + what
                    + " name: use letters, digits and _.");
        }
        return t.withPart(t.parts().get(literal[0]), name);
    }

    private static String textFor(Symbols.Symbol s, NameTemplate renamed, Occurrence o) {
        if (s.template() == null || o.text().equals(s.template().text())) {
            return renamed.text();
        }
        return renamed.instance(s.template().match(o.text()));
    }

    private static void checkClash(NameIndex names, Symbols.Symbol symbol, NameTemplate renamed, String what) {
        for (Occurrence d : names.all()) {
            if (!d.declaration() || d.kind() != symbol.at().kind() || symbol.occurrences().contains(d)) {
                continue;
            }
            if (d.kind() == Kind.REGION && !names.regionsMeet(d, symbol.at())) {
                continue;
            }
            boolean clash = d.text().equals(renamed.text()) || renamed.match(d.text()) != null
                    || NameTemplate.of(d.text()).match(renamed.text()) != null;
            if (clash) {
                throw new IllegalArgumentException("A " + what + " named '" + d.text() + "' already exists (line "
                        + d.range().line() + "); choose another name.");
            }
        }
    }
}
