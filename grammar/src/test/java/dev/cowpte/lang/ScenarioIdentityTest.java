package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.syntax.ScenarioIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's identity survives reformatting and changes with what the scenario says. */
class ScenarioIdentityTest {
    private static final String SCENARIO = """
            scenario "fork a touched region"
            process parent
            mmap parent buf 2M
            touch parent buf
            repeat 2 as i {
              fork parent -> c{i}
            }
            expect rss parent == 512
            """;

    @Test
    void theNormalisedTextIsTheTokensOneLineEachStatement() {
        assertEquals("scenario \"fork a touched region\"\nprocess parent\nmmap parent buf 2M\ntouch parent buf\n"
                + "repeat 2 as i { fork parent -> c{i}\n}\nexpect rss parent == 512", ScenarioIdentity.normalised(SCENARIO));
        assertTrue(ScenarioIdentity.of(SCENARIO).matches("sha256:[0-9a-f]{16}"), ScenarioIdentity.of(SCENARIO));
    }

    @Test
    void commentsBlankLinesSpacingLineEndsAndBracePlacementDoNotChangeIt() {
        String id = ScenarioIdentity.of(SCENARIO);
        List<String> reformatted = List.of(
                "# a comment before everything\n\n" + SCENARIO.replace("touch parent buf", "touch   parent\tbuf  # all"),
                SCENARIO.replace("\n", "\r\n"),
                SCENARIO.replace("\n", "\r"),
                "\uFEFF" + SCENARIO + "\n\n\n",
                SCENARIO.replace("repeat 2 as i {\n  fork parent -> c{i}\n}", "repeat 2 as i\n{\n\n  fork parent -> c{i}\n\n}"),
                SCENARIO.replace("repeat 2 as i {\n  fork", "repeat 2 as i { fork"),
                SCENARIO.stripTrailing());
        for (String text : reformatted) {
            assertEquals(id, ScenarioIdentity.of(text), text);
        }
    }

    @Test
    void anyChangeOfWhatItSaysChangesIt() {
        String id = ScenarioIdentity.of(SCENARIO);
        List<String> edited = List.of(
                SCENARIO.replace("== 512", "== 511"),
                SCENARIO.replace("== 512", ">= 512"),
                SCENARIO.replace("2M", "2048K"),
                SCENARIO.replace("repeat 2", "repeat 3"),
                SCENARIO.replace("rss parent", "rss c{i}"),
                SCENARIO.replace("fork a touched region", "fork a touched  region"),
                SCENARIO.replace("touch parent buf\n", "touch parent buf write\n"),
                SCENARIO.replace("mmap parent buf 2M\ntouch parent buf", "mmap parent buf 2M touch parent buf"),
                SCENARIO + "exit parent\n");
        for (String text : edited) {
            assertNotEquals(id, ScenarioIdentity.of(text), text);
        }
    }

    @Test
    void anyTextHasOne() {
        assertEquals("", ScenarioIdentity.normalised("# only a comment\n\n"));
        assertEquals("mmap p buf @ ]", ScenarioIdentity.normalised("mmap p buf @ ]"));
        assertEquals(ScenarioIdentity.of(""), ScenarioIdentity.of("  \n# nothing\n"));
    }
}
