package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.FrontEnd;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A name problem reads the same whoever finds it: the checker before a run, or the interpreter
 * running a tree nobody checked (as a program using {@link Interpreter#run} or a debugger's
 * expression does). Each scenario here is refused by {@code cowpte check}; run unchecked, the
 * interpreter stops at the same place with the same code and the same words.
 */
class NameProblemsAgreeTest {
    /** The first error of the check, and the first error of an unchecked run, as "line:col code: message". */
    private static List<String> checkedAndRun(String text) {
        FrontEnd.Result checked = ScenarioRunner.check(text);
        assertNotNull(checked.scenario(), "the text parses");
        Diagnostic fromCheck = checked.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .findFirst().orElseThrow();
        RunResult ran = Interpreter.run(checked.scenario(), text, RunOptions.defaults());
        Diagnostic fromRun = ran.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .findFirst().orElseThrow();
        return List.of(shown(fromCheck), shown(fromRun));
    }

    private static String shown(Diagnostic d) {
        return d.range().line() + ":" + d.range().column() + " " + d.code().id() + ": " + d.message();
    }

    private static void agree(String text, String expected) {
        assertEquals(List.of(expected, expected), checkedAndRun(text));
    }

    @Test
    void aSecondProcessOfTheSameName() {
        agree("process p\nprocess q\nfork p -> q\n",
                "3:11 duplicate-process: process 'q' is already declared at line 2");
    }

    @Test
    void theNameOfAnExitedProcessGivenAgain() {
        agree("process p\nexit p\nprocess p\n",
                "3:9 exited-process: the name 'p' belonged to a process that exited at line 2; a name can not be used"
                        + " again");
    }

    @Test
    void aProcessUsedAfterItExited() {
        agree("process p\nmmap p buf 4\nexit p\ntouch p buf\n",
                "4:7 exited-process: process 'p' exited at line 3; it can not be used after that");
    }

    @Test
    void aRegionTheProcessDoesNotHave() {
        agree("process p\ntouch p buf\n",
                "2:9 undeclared-region: process 'p' has no region 'buf'; map it first with 'mmap p buf SIZE'");
    }

    @Test
    void aRegionMappedTwice() {
        agree("process p\nmmap p buf 4\nmmap p buf 8\n",
                "3:8 duplicate-region: region 'buf' is already mapped in process 'p' (line 2)");
    }

    @Test
    void aPlaceholderNoRepeatBinds() {
        agree("process p\nrepeat 2 as i {\n  mmap p b{i} 1\n}\ntouch p b{j}\n",
                "5:9 undeclared-variable: '{j}' in 'b{j}' is not a repeat variable here; names with {j} stand inside"
                        + " 'repeat N as j { ... }'");
    }

    @Test
    void anIndexNoRepeatBinds() {
        agree("process p\nmmap p buf 4\ntouch p buf[k]\n",
                "3:13 undeclared-variable: 'k' is not a repeat variable here; write 'repeat N as k { ... }' around it,"
                        + " or a page number");
    }
}
