package dev.cowpte.lsp.services;

import dev.cowpte.lang.check.Names.Occurrence;
import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

/** Find references: every occurrence of the process or region under the cursor, in text order. */
public final class ReferencesService {
    private ReferencesService() {
    }

    public static List<Location> references(ScenarioDocument document, Position position, boolean includeDeclaration) {
        int offset = document.lines().offsetAt(position);
        return Symbols.at(document.names(), offset)
                .map(s -> s.occurrences().stream()
                        .filter(o -> includeDeclaration || !o.declaration())
                        .map(Occurrence::range)
                        .map(r -> new Location(document.uri(), LineIndex.toLsp(r)))
                        .toList())
                .orElse(List.of());
    }
}
