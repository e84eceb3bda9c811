package dev.cowpte.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
    ServerSettings.Parsed merge(String json) {
        return ServerSettings.defaults().merge(json == null ? null : JsonParser.parseString(json));
    }

    @Test
    void readsTheSectionItselfOrNestedUnderCowpte() {
        ServerSettings want = new ServerSettings("cow-pte-rfc", ServerSettings.RunTrigger.ON_SAVE, 0, 99);
        String body = "{\"defaultPolicy\": \"cow-pte-rfc\", \"runTrigger\": \"onsave\", \"debounceMs\": 0,"
                + " \"stepBudget\": 99}";
        assertEquals(want, merge(body).settings());
        assertEquals(want, merge("{\"cowpte\": " + body + "}").settings());
        assertTrue(merge("{\"cowpte\": " + body + "}").problems().isEmpty());
    }

    @Test
    void missingKeysAndNullKeepTheDefaults() {
        assertEquals(ServerSettings.defaults(), merge(null).settings());
        assertEquals(ServerSettings.defaults(), merge("{}").settings());
        assertEquals(ServerSettings.defaults(), merge("{\"other\": {\"x\": 1}}").settings());
    }

    @Test
    void wrongValuesAreReportedInKernelTermsAndIgnored() {
        ServerSettings.Parsed p = merge("{\"defaultPolicy\": \"lazy-pte\", \"runTrigger\": 3, \"debounceMs\": 1e9,"
                + " \"stepBudget\": 0.5}");
        assertEquals(ServerSettings.defaults(), p.settings());
        assertEquals(4, p.problems().size(), p.problems().toString());
        assertTrue(p.problems().get(0).contains("classic, cow-pte, cow-pte-rfc, odf"), p.problems().get(0));
        assertEquals(1, merge("[1, 2]").problems().size());
    }

    @Test
    void positionsOutsideTheDocumentAreNothingAndPastTheLineEndAreItsEnd() {
        var d = new dev.cowpte.lsp.document.ScenarioDocument("file:///p.cowpte", 1, "process p\nexit p\n");
        assertTrue(Positions.inside(d, new Position(9, 0)).isEmpty());
        assertTrue(Positions.inside(d, new Position(-1, 0)).isEmpty());
        assertTrue(Positions.inside(d, new Position(0, -3)).isEmpty());
        assertEquals(new Position(0, 9), Positions.inside(d, new Position(0, 400)).orElseThrow());
        assertEquals(new Position(2, 0), Positions.inside(d, new Position(2, 5)).orElseThrow());
    }
}
