package dev.cowpte.lsp.services;

import dev.cowpte.lsp.document.NameIndex;
import dev.cowpte.lsp.document.NameIndex.Kind;
import dev.cowpte.lsp.document.NameIndex.Occurrence;
import dev.cowpte.lsp.document.NameTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The symbol under the cursor and all its occurrences. A name declared as a template
 * ({@code fork p -> worker{i}}) is one symbol with its instances ({@code worker3}): a concrete
 * name that has no declaration of its own belongs to the template that declares it.
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
        } else if (same.stream().noneMatch(Occurrence::declaration)) {
            template = names.all().stream()
                    .filter(d -> d.declaration() && d.kind() == o.kind() && related(names, d, o))
                    .map(d -> NameTemplate.of(d.text()))
                    .filter(t -> t.match(o.text()) != null)
                    .findFirst().orElse(null);
        }
        if (template == null) {
            return new Symbol(o, same, null);
        }
        NameTemplate t = template;
        List<Occurrence> family = names.all().stream()
                .filter(x -> x.kind() == o.kind() && related(names, x, o)
                        && (x.text().equals(t.text()) || t.match(x.text()) != null))
                .toList();
        return new Symbol(o, family, t);
    }

    private static boolean related(NameIndex names, Occurrence a, Occurrence b) {
        return a.kind() == Kind.PROCESS || names.shareRegions(a.process(), b.process());
    }
}
