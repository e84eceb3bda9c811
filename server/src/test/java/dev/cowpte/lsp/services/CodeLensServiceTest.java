package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.lsp.document.DocumentStore;
import dev.cowpte.lsp.document.ScenarioDocument;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodeLensServiceTest {
    private static final String TEXT = """
            policy cow-pte
            process parent
            mmap parent buf 1G
            touch parent buf
            fork parent -> child
            expect pagetables child <= 4K
            expect shared parent child buf[0]
            """;

    private final CodeLensService service = new CodeLensService();

    @AfterEach
    void stop() {
        service.close();
    }

    private static List<String> titles(List<CodeLens> lenses) {
        return lenses.stream().map(l -> l.getCommand() == null ? "(lazy " + l.getRange().getStart().getLine() + ")"
                : l.getRange().getStart().getLine() + " " + l.getCommand().getTitle()).toList();
    }

    private static CodeLens resolved(CodeLensService s, CodeLens lens) throws Exception {
        return s.resolve(lens).get(60, TimeUnit.SECONDS);
    }

    @Test
    void countsAtTheTopAndEachForkUnderThisRunsPolicy() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<CodeLens> lenses = service.codeLenses(d, Optional.of(CursorDocument.runOf(d)));
        List<String> want = new java.util.ArrayList<>(List.of("0 ✓ 1 passed · ✗ 1 failed", "0 compare policies",
                "0 check against this kernel", "4 this run, cow-pte: +12 KiB tables (3 allocated), 262144 per-page updates"));
        for (int i = 1; i < dev.cowpte.mm.ForkPolicies.all().size(); i++) {
            want.add("(lazy 4)"); // one lens per other policy of the registry
        }
        assertEquals(want, titles(lenses));
        assertEquals("cowpte.run", lenses.get(0).getCommand().getCommand());
        assertEquals(List.of(CursorDocument.URI), lenses.get(0).getCommand().getArguments());
        assertEquals("cowpte.compare", lenses.get(1).getCommand().getCommand());
        assertEquals(List.of(CursorDocument.URI), lenses.get(1).getCommand().getArguments());
        assertEquals("cowpte.kernel", lenses.get(2).getCommand().getCommand());
        assertEquals(List.of(CursorDocument.URI), lenses.get(2).getCommand().getArguments());
    }

    @Test
    void resolvingAForkLensRunsTheForkUnderTheOtherPolicy() throws Exception {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<CodeLens> lenses = service.codeLenses(d, Optional.of(CursorDocument.runOf(d)));
        List<String> got = new java.util.ArrayList<>();
        for (CodeLens lazy : lenses.subList(4, 7)) {
            CodeLens l = resolved(service, lazy);
            assertEquals("cowpte.compare", l.getCommand().getCommand());
            got.add(l.getCommand().getTitle());
        }
        assertEquals(List.of("classic: +2.0 MiB tables (515 allocated), 262144 per-page updates",
                "cow-pte-rfc: +12 KiB tables (3 allocated), 0 per-page updates",
                "odf: +12 KiB tables (3 allocated), 0 per-page updates"), got);
    }

    @Test
    void aForkWithItsOwnPolicyIsComparedWithThatPolicyReplaced() throws Exception {
        ScenarioDocument d = CursorDocument.plain("""
                process p
                mmap p buf 2M
                touch p buf
                repeat 2 as i {
                  fork p -> c{i} policy classic
                }
                """);
        List<CodeLens> lenses = service.codeLenses(d, Optional.of(CursorDocument.runOf(d)));
        assertEquals("4 this run, classic: +16 KiB tables (4 allocated), 512 per-page updates", titles(lenses).get(3));
        assertEquals("cow-pte: +12 KiB tables (3 allocated), 512 per-page updates",
                resolved(service, lenses.get(4)).getCommand().getTitle());
    }

    @Test
    void noForkLensesFromAnOlderRunAndTheTopSaysItIsOld() {
        ScenarioDocument v1 = CursorDocument.plain(TEXT);
        DocumentStore.LastRun run = CursorDocument.runOf(v1);
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, TEXT + "exit child\n");
        assertEquals(List.of("0 ✓ 1 passed · ✗ 1 failed (run of version 1; the text has changed) ▶ run",
                "0 compare policies", "0 check against this kernel"), titles(service.codeLenses(v2, Optional.of(run))));
    }

    @Test
    void aLensOfAnOlderVersionResolvesToOutdated() throws Exception {
        ScenarioDocument v1 = CursorDocument.plain(TEXT);
        CodeLens lazy = service.codeLenses(v1, Optional.of(CursorDocument.runOf(v1))).get(4);
        ScenarioDocument v2 = new ScenarioDocument(v1.uri(), 2, TEXT + "\n");
        service.codeLenses(v2, Optional.of(CursorDocument.runOf(v2)));
        assertEquals("classic: outdated, run again", resolved(service, lazy).getCommand().getTitle());
    }

    @Test
    void withoutARunTheTopLensRunsIt() {
        ScenarioDocument d = CursorDocument.plain(TEXT);
        List<CodeLens> lenses = service.codeLenses(d, Optional.empty());
        assertEquals(List.of("0 ▶ run scenario", "0 compare policies", "0 check against this kernel"), titles(lenses));
        assertNull(lenses.get(0).getData());
    }

    @Test
    void theVariantTextEndsAfterTheForksTopLevelStatement() {
        ScenarioDocument d = CursorDocument.plain("process p\nrepeat 2 as i {\n  fork p -> c{i}\n}\nexit p\n");
        var top = d.analysis().scenario().statements().get(1);
        var fork = (dev.cowpte.lang.ast.Statement.Fork) ((dev.cowpte.lang.ast.Statement.Repeat) top).body().get(0);
        assertEquals("process p\nrepeat 2 as i {\n  fork p -> c{i} policy odf\n}\n",
                ForkVariant.of(d.text(), fork, top, "odf"));
    }
}
