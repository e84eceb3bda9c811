package dev.cowpte.lsp.services;

import dev.cowpte.lang.check.Names.Occurrence;
import dev.cowpte.lang.check.Names;
import dev.cowpte.lsp.document.NameIndex;
import dev.cowpte.lang.ast.NameTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The symbol under the cursor and all its occurrences, as the front end resolved them. A name
 * declared as a template ({@code fork p -> worker{i}}) is one symbol with its instances
 * ({@code worker3}).
 */
final class Symbols {
    /** The symbol: its occurrences in text order, and the template it is written as (null when plain). */
    record Symbol(Occurrence at, List<Occurrence> occurrences, NameTemplate template) {
        List<Occurrence> declarations() {
            return occurrences.stream().filter(Occurrence::declaration).toList();
        }
    }

    private Symbols() {
    }

    static Optional<Symbol> at(NameIndex names, int offset) {
        return names.at(offset).map(o -> of(names, o));
    }

    static Symbol of(NameIndex names, Occurrence o) {
        List<Occurrence> same = names.sameSymbol(o);
        NameTemplate template = null;
        if (NameTemplate.of(o.text()).isTemplate()) {
            template = NameTemplate.of(o.text());
        } else {
            template = o.symbols().stream().filter(Names.Symbol::family)
                    .map(d -> NameTemplate.of(d.text()))
                    .filter(t -> t.match(o.text()) != null)
                    .findFirst().orElse(null);
        }
        if (template == null) {
            return new Symbol(o, same, null);
        }
        NameTemplate t = template;
        List<Occurrence> family = same.stream()
                .filter(x -> x.text().equals(t.text()) || t.match(x.text()) != null)
                .toList();
        return new Symbol(o, family, t);
    }
}
