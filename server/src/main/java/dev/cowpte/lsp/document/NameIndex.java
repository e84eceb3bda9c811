package dev.cowpte.lsp.document;

import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.check.Names;
import dev.cowpte.lang.check.Names.Kind;
import dev.cowpte.lang.check.Names.Occurrence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view of the process and region names of a scenario as the front end resolved them
 * ({@link Names}): where each name stands and which occurrences name the same thing. Nothing
 * is resolved here and nothing is copied: the occurrences are the front end's
 * ({@link Names.Occurrence}), and a name the front end could not resolve only names itself (and
 * the unresolved names written the same way).
 */
public final class NameIndex {
    private final Names names;
    private final List<Occurrence> occurrences;

    private NameIndex(Names names) {
        this.names = names;
        this.occurrences = names.occurrences();
    }

    public static NameIndex of(FrontEnd.Result analysis) {
        return new NameIndex(analysis == null || analysis.names() == null ? Names.NONE : analysis.names());
    }

    /** The front end's model of names this index shows. */
    public Names model() {
        return names;
    }

    public List<Occurrence> all() {
        return occurrences;
    }

    /** The occurrence whose range holds {@code offset} (its end included, as a cursor after a word). */
    public Optional<Occurrence> at(int offset) {
        Occurrence best = null;
        for (Occurrence o : occurrences) {
            if (o.range().startOffset() <= offset && offset <= o.range().endOffset()) {
                if (best == null || o.range().startOffset() >= best.range().startOffset()) {
                    best = o;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every occurrence of what {@code o} names, declarations included, in text order. */
    public List<Occurrence> sameSymbol(Occurrence o) {
        List<Occurrence> out = new ArrayList<>();
        for (Occurrence x : occurrences) {
            if (o.symbols().isEmpty() ? unresolvedAlike(o, x) : x.symbols().stream().anyMatch(o.symbols()::contains)) {
                out.add(x);
            }
        }
        return out;
    }

    private static boolean unresolvedAlike(Occurrence o, Occurrence x) {
        return x.symbols().isEmpty() && x.kind() == o.kind() && x.text().equals(o.text())
                && (o.kind() != Kind.REGION || Objects.equals(x.process(), o.process()));
    }

    /** The declarations of what {@code o} names: process or fork statements, or mmaps. */
    public List<Occurrence> declarations(Occurrence o) {
        return sameSymbol(o).stream().filter(Occurrence::declaration).toList();
    }

    /** Whether the regions declared at {@code a} and {@code b} can be in one process at once, by the front end's scopes. */
    public boolean regionsMeet(Occurrence a, Occurrence b) {
        if (a.symbols().isEmpty() || b.symbols().isEmpty()) {
            return Objects.equals(a.process(), b.process());
        }
        for (Names.Symbol x : a.symbols()) {
            for (Names.Symbol y : b.symbols()) {
                if (x.equals(y) || names.coexist(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
