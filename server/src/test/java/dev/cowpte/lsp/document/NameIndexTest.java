package dev.cowpte.lsp.document;

import dev.cowpte.lang.check.Names;
import dev.cowpte.lsp.CursorDocument;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;


class NameIndexTest {
    @Test
    void regionOfAnInstanceOfAForkedTemplateIsTheParentsRegion() {
        ScenarioDocument d = CursorDocument.plain(
                "process p\nmmap p buf 1G\nrepeat 4 as i {\n  fork p -> w{i}\n}\ntouch w2 buf\n");
        NameIndex names = d.names();
        Names.Occurrence use = names.at(d.text().lastIndexOf("buf")).orElseThrow();
        assertEquals(1, names.declarations(use).size());
        assertEquals(2, names.declarations(use).get(0).range().line());
    }

    @Test
    void unrelatedProcessesKeepTheirOwnRegions() {
        ScenarioDocument d = CursorDocument.plain("process a\nmmap a buf 1G\nprocess b\nmmap b buf 1G\ntouch b buf\n");
        Names.Occurrence use = d.names().at(d.text().lastIndexOf("buf")).orElseThrow();
        assertEquals(4, d.names().declarations(use).get(0).range().line());
        assertEquals(1, d.names().declarations(use).size());
    }
}
