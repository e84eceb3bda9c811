package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.lsp.CursorDocument;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.Test;

/** Go to definition and find references. */
class NavigationTest {
    private static List<String> definition(String marked) {
        CursorDocument c = CursorDocument.of(marked);
        return places(DefinitionService.definition(c.document(), c.cursor()));
    }

    private static List<String> references(String marked, boolean includeDeclaration) {
        CursorDocument c = CursorDocument.of(marked);
        return places(ReferencesService.references(c.document(), c.cursor(), includeDeclaration));
    }

    /** "line:column-endColumn", 1-based lines and columns as an editor shows them. */
    private static List<String> places(List<Location> locations) {
        return locations.stream().map(l -> {
            assertEquals(CursorDocument.URI, l.getUri());
            var r = l.getRange();
            return (r.getStart().getLine() + 1) + ":" + (r.getStart().getCharacter() + 1) + "-"
                    + (r.getEnd().getCharacter() + 1);
        }).toList();
    }

    @Test
    void processUseToItsProcessStatement() {
        assertEquals(List.of("1:9-15"), definition("process parent\nfork par|ent -> child"));
    }

    @Test
    void childToItsForkAndCursorAtTheEndOfTheWord() {
        assertEquals(List.of("2:16-21"), definition("process parent\nfork parent -> child\nexit child|"));
    }

    @Test
    void regionToItsMmapAlsoThroughFork() {
        String text = "process p\nmmap p buf 1G\nfork p -> c\ntouch c b|uf";
        assertEquals(List.of("2:8-11"), definition(text));
    }

    @Test
    void instanceOfATemplateToTheTemplatesFork() {
        String text = "process p\nrepeat 4 as i {\n  fork p -> worker{i}\n}\nexit work|er2";
        assertEquals(List.of("3:13-22"), definition(text));
    }

    @Test
    void regionUsedByAnInstanceOfAForkedTemplate() {
        String text = "process p\nmmap p buf 1G\nrepeat 4 as i {\n  fork p -> w{i}\n}\ntouch w1 b|uf";
        assertEquals(List.of("2:8-11"), definition(text));
    }

    @Test
    void nothingOnKeywordsNumbersOrUnknownNames() {
        assertEquals(List.of(), definition("process p\nto|uch p 0x1000"));
        assertEquals(List.of(), definition("process p\nmmap p buf 1|G"));
        assertEquals(List.of(), definition("touch gh|ost buf"));
    }

    @Test
    void referencesOfAProcessWithAndWithoutDeclaration() {
        String text = "process p|arent\nmmap parent buf 1G\nfork parent -> child\nexpect shared parent child buf\n"
                + "process other\nexit parent";
        assertEquals(List.of("1:9-15", "2:6-12", "3:6-12", "4:15-21", "6:6-12"), references(text, true));
        assertEquals(List.of("2:6-12", "3:6-12", "4:15-21", "6:6-12"), references(text, false));
    }

    @Test
    void referencesOfARegionStayInItsFamily() {
        String text = "process a\nmmap a buf 1G\nfork a -> b\ntouch b buf\nprocess x\nmmap x buf 4K\ntouch a b|uf";
        assertEquals(List.of("2:8-11", "4:9-12", "7:9-12"), references(text, true));
    }

    @Test
    void referencesOfATemplateIncludeItsInstances() {
        String text = "process p\nrepeat 2 as i {\n  fork p -> w{i}\n  exit w{|i}\n}\nshow w1";
        assertEquals(List.of("3:13-17", "4:8-12", "6:6-8"), references(text, true));
    }
}
