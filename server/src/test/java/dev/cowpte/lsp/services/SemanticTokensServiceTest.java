package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.junit.jupiter.api.Test;

class SemanticTokensServiceTest {
    /** Decoded tokens as "line:col text type[+modifier]". */
    private static List<String> decoded(String text) {
        ScenarioDocument d = CursorDocument.plain(text);
        SemanticTokens tokens = SemanticTokensService.tokens(d);
        SemanticTokensLegend legend = SemanticTokensService.legend();
        List<Integer> data = tokens.getData();
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        int line = 0;
        int col = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            col = data.get(i) == 0 ? col + data.get(i + 1) : data.get(i + 1);
            String word = lines[line].substring(col, col + data.get(i + 2));
            String type = legend.getTokenTypes().get(data.get(i + 3));
            String mods = (data.get(i + 4) & 1) != 0 ? "+" + legend.getTokenModifiers().get(0) : "";
            out.add((line + 1) + ":" + (col + 1) + " " + word + " " + type + mods);
        }
        return out;
    }

    @Test
    void filesAreTypesDeclaredByTheirFileLineAndUsedByMmap() {
        List<String> tokens = decoded("file lib 2M\nprocess p\nmmap p code 2M file lib\nexpect rss p file == 0\n");
        assertTrue(tokens.contains("1:6 lib type+declaration"), tokens::toString);
        assertTrue(tokens.contains("3:21 lib type"), tokens::toString);
        assertTrue(tokens.contains("3:8 code property+declaration"), tokens::toString);
    }

    @Test
    void statementsNamesNumbersAndOperators() {
        assertEquals(List.of(
                "1:1 scenario keyword", "1:10 \"t\" string",
                "2:1 policy keyword", "2:8 cow-pte enumMember", "2:16 # c comment",
                "3:1 process keyword", "3:9 parent variable+declaration",
                "4:1 mmap keyword", "4:6 parent variable", "4:13 buf property+declaration", "4:17 1G number",
                "5:1 fork keyword", "5:6 parent variable", "5:13 -> operator", "5:16 child variable+declaration",
                "5:22 policy keyword", "5:29 odf enumMember",
                "6:1 expect keyword", "6:8 refcount keyword", "6:17 child variable", "6:23 buf property",
                "6:27 512 number", "6:32 <= operator", "6:35 2 number"),
                decoded("scenario \"t\"\npolicy cow-pte # c\nprocess parent\nmmap parent buf 1G\n"
                        + "fork parent -> child policy odf\nexpect refcount child buf[512] <= 2"));
    }

    @Test
    void repeatVariablesAndPlaceholders() {
        assertEquals(List.of(
                "1:1 process keyword", "1:9 p variable+declaration",
                "2:1 repeat keyword", "2:8 3 number", "2:10 as keyword", "2:13 i parameter+declaration",
                "3:1 fork keyword", "3:6 p variable", "3:8 -> operator", "3:11 w variable+declaration",
                "3:12 {i} parameter",
                "4:1 touch keyword", "4:7 w variable", "4:8 {i} parameter", "4:12 buf property", "4:16 i parameter",
                "4:17 .. operator"),
                decoded("process p\nrepeat 3 as i {\nfork p -> w{i}\ntouch w{i} buf[i..]\n}"));
    }

    @Test
    void keywordsUsedAsNamesAreNames() {
        List<String> tokens = decoded("process read\nmmap read write 16\nfork read -> policy policy cow-pte");
        assertEquals(List.of("1:1 process keyword", "1:9 read variable+declaration", "2:1 mmap keyword",
                "2:6 read variable", "2:11 write property+declaration", "2:17 16 number", "3:1 fork keyword",
                "3:6 read variable", "3:11 -> operator", "3:14 policy variable+declaration", "3:21 policy keyword",
                "3:28 cow-pte enumMember"), tokens);
    }

    @Test
    void utf16ColumnsAfterAnAstralCharacter() {
        List<String> tokens = decoded("scenario \"\uD83D\uDC04\" # \uD83D\uDC04\nprocess p");
        assertEquals("1:10 \"\uD83D\uDC04\" string", tokens.get(1));
        assertEquals("1:15 # \uD83D\uDC04 comment", tokens.get(2));
    }
}
