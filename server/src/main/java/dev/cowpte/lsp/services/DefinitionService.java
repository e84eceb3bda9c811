package dev.cowpte.lsp.services;

import dev.cowpte.lsp.document.LineIndex;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

/**
 * Go to definition: from a process name to the {@code process} or {@code fork} statement that
 * declared it (an instance such as {@code worker3} to its template {@code worker{i}}), from a
 * region to its {@code mmap}s (in the process or the ancestor it was inherited from).
 */
public final class DefinitionService {
    private DefinitionService() {
    }

    public static List<Location> definition(ScenarioDocument document, Position position) {
        int offset = document.lines().offsetAt(position);
        return Symbols.at(document.names(), offset)
                .map(s -> s.declarations().stream()
                        .map(d -> new Location(document.uri(), LineIndex.toLsp(d.range())))
                        .toList())
                .orElse(List.of());
    }
}
