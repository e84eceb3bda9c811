package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one list of diagnostic codes: each code once, each documented, and docs/DIAGNOSTICS.md
 * listing exactly these ({@code -Dcowpte.updateDocs=true} rewrites its table from the enum).
 */
class DiagnosticCodeTest {
    private static final Path DOC = Path.of("..", "docs", "DIAGNOSTICS.md").toAbsolutePath().normalize();
    private static final String BEGIN = "<!-- the codes: generated from DiagnosticCode by DiagnosticCodeTest -->";
    private static final String END = "<!-- end of the codes -->";

    @Test
    void everyCodeIsWrittenOnceInLowerCaseWordsAndFoundByIt() {
        Set<String> seen = new HashSet<>();
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertTrue(seen.add(c.id()), "two codes are written " + c.id());
            assertTrue(c.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), c.id());
            assertEquals(c, DiagnosticCode.byId(c.id()).orElseThrow());
        }
        assertTrue(DiagnosticCode.byId("no-such-code").isEmpty());
        assertTrue(DiagnosticCode.byId(null).isEmpty());
    }

    @Test
    void everyCodeHasOneLineOfDocumentation() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String doc = c.documentation();
            assertFalse(doc == null || doc.isBlank(), c.id() + " is not documented");
            assertFalse(doc.contains("\n") || doc.contains("|"), c.id() + ": one line, fit for a table cell");
            assertTrue(c.severity() != null && c.stage() != null, c.id());
        }
    }

    @Test
    void theDocumentListsEveryCodeAsTheEnumDoes() throws IOException {
        String text = Files.readString(DOC);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertTrue(from >= 0 && to > from, DOC + " has the markers of the generated table");
        String table = table();
        if (Boolean.getBoolean("cowpte.updateDocs")) {
            text = text.substring(0, from + BEGIN.length()) + "\n" + table + text.substring(to);
            Files.writeString(DOC, text, StandardCharsets.UTF_8);
            from = text.indexOf(BEGIN);
            to = text.indexOf(END);
        }
        assertEquals(table, text.substring(from + BEGIN.length() + 1, to),
                DOC + " differs from DiagnosticCode; -Dcowpte.updateDocs=true rewrites it");
    }

    /** One table per stage, in the enum's order. */
    private static String table() {
        StringBuilder sb = new StringBuilder();
        for (DiagnosticCode.Stage stage : DiagnosticCode.Stage.values()) {
            sb.append("\n### Found by ").append(stage.description()).append("\n\n");
            sb.append("| code | severity | what it means |\n|---|---|---|\n");
            for (DiagnosticCode c : DiagnosticCode.values()) {
                if (c.stage() == stage) {
                    sb.append("| `").append(c.id()).append("` | ").append(c.severity().name().toLowerCase())
                            .append(" | ").append(c.documentation()).append(" |\n");
                }
            }
        }
        return sb.append("\n").toString();
    }
}
