package dev.cowpte.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lsp.CursorDocument;
import dev.cowpte.run.MmCall;
import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunOptions;
import dev.cowpte.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A family name ({@code worker{i}}) and its instances ({@code worker2}) stand for the same
 * process in the editor and in the run: definition goes to the fork that the run made create
 * it, and the hover shows the process that fork created.
 */
class FamilyNamesAgreeTest {
    private static final String TEXT = """
            process server
            mmap server heap 4
            touch server heap
            repeat 3 as i {
              fork server -> worker{i}
              write worker{i} heap[i] = 6
            }
            """;

    @Test
    void anInstanceLeadsToTheForkThatCreatedItInTheRun() {
        List<String> created = new ArrayList<>();
        ScenarioRunner.run(TEXT + "exit worker2\n", RunOptions.defaults(), new RunListener() {
            private int line;

            @Override
            public void beforeEach(Statement statement) {
                line = statement.range().line();
            }

            @Override
            public void call(MmCall call) {
                if (call instanceof MmCall.Fork f) {
                    created.add(f.child().comm() + "@" + line);
                }
            }
        });
        assertEquals(List.of("worker0@5", "worker1@5", "worker2@5"), created);

        CursorDocument c = CursorDocument.of(TEXT + "exit work|er2\n");
        assertEquals(List.of(5), DefinitionService.definition(c.document(), c.cursor()).stream()
                .map(l -> l.getRange().getStart().getLine() + 1).toList());
        String hover = new HoverService().hover(c.document(), c.run(), c.cursor()).getContents().getRight().getValue();
        assertTrue(hover.contains("**process worker2** (pid 4)"), hover);
    }

    @Test
    void theFamilyNameInsideTheRepeatIsTheLastInstanceInBoth() {
        CursorDocument c = CursorDocument.of(TEXT.replace("write worker{i}", "write wor|ker{i}"));
        String hover = new HoverService().hover(c.document(), c.run(), c.cursor()).getContents().getRight().getValue();
        assertTrue(hover.contains("**process worker2**"), hover);
        assertEquals(List.of(5), DefinitionService.definition(c.document(), c.cursor()).stream()
                .map(l -> l.getRange().getStart().getLine() + 1).toList());
    }
}
