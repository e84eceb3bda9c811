package dev.cowpte.lsp.document;

import dev.cowpte.lang.SourceRange;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lang.check.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * What is in scope at a place in a scenario, read from the front end's model of names
 * ({@link Names#scopeAt}): the statements above the place count (the statement on the place's
 * own line does not, as it is the one being written); the living processes, the repeat
 * variables of the enclosing blocks and the regions each process still maps.
 *
 * <p>A process declared as a family in a finished repeat ({@code fork p -> worker{i}} in
 * {@code repeat 8 as i}) is in scope as its instances {@code worker0} … {@code worker7} when they
 * are few; inside the repeat, as {@code worker{i}}.
 */
public final class ScopeAt {
    /** A process in scope: its name, where it was declared, and its parent if forked. */
    public record ProcessDecl(String name, SourceRange declaredAt, String parent) {
    }

    private final Names.Scope scope;

    private ScopeAt(Names.Scope scope) {
        this.scope = scope;
    }

    /** The scope at {@code offset} in {@code document}. */
    public static ScopeAt of(ScenarioDocument document, int offset) {
        LineIndex lines = document.lines();
        int lineStart = lines.lineStart(lines.positionAt(offset).getLine());
        return new ScopeAt(document.names().model().scopeAt(lineStart));
    }

    /** The repeat variables of the blocks around the place, outermost first. */
    public List<String> variables() {
        return scope.variables();
    }

    /** The processes that live at the place, in order of declaration. */
    public List<ProcessDecl> processes() {
        return scope.processes().stream()
                .map(p -> new ProcessDecl(p.name(), p.symbol() == null ? SourceRange.NONE : p.symbol().declaredAt(),
                        p.parent()))
                .toList();
    }

    /**
     * The regions {@code process} maps at the place (some page of each still mapped): its own
     * mmaps, then those inherited through fork; each as the name its mmap declared.
     */
    public List<Name> regions(String process) {
        Names.ProcessView view = scope.process(process);
        if (view == null) {
            view = scope.processes().stream()
                    .filter(p -> NameTemplate.of(p.name()).match(process) != null)
                    .findFirst().orElse(null);
        }
        List<Name> out = new ArrayList<>();
        if (view != null) {
            for (Names.RegionView r : view.regions()) {
                if (r.anyMapped() && out.stream().noneMatch(n -> n.text().equals(r.name()))) {
                    out.add(new Name(r.name(), r.symbol() == null ? SourceRange.NONE : r.symbol().declaredAt()));
                }
            }
        }
        return out;
    }
}
