package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.mm.MachineConfig;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an out-of-memory run advises: every 'machine memory' it suggests is one the language
 * accepts with the levels it names, and at the limit it says so instead of suggesting more.
 */
class MemoryAdviceTest {
    private static final Pattern SUGGESTED = Pattern.compile("'machine memory ([^']+)'");

    private static String advice(long memory, int levels) {
        return MemoryAdvice.more(MachineConfig.defaults().withMemory(memory).withLevels(levels));
    }

    /** The suggested size, checked by the front end with the levels the advice leads to. */
    private static String acceptedSuggestion(String advice, int levels) {
        Matcher m = SUGGESTED.matcher(advice);
        assertTrue(m.find(), advice);
        String text = (advice.contains("'machine levels 5'") || levels == 5 ? "machine levels 5\n" : "")
                + "machine memory " + m.group(1) + "\nprocess p\n";
        assertEquals(List.of(), ScenarioRunner.check(text).diagnostics(), text);
        return m.group(1);
    }

    @Test
    void twiceTheMemoryWhileThatFits() {
        assertEquals("2M", acceptedSuggestion(advice(1L << 20, 4), 4));
        assertEquals("64T", acceptedSuggestion(advice(32L << 40, 4), 4));
        assertEquals("4P", acceptedSuggestion(advice(2L << 50, 5), 5));
    }

    @Test
    void theLimitItselfWhenTwiceWouldBeOverIt() {
        assertEquals("64T", acceptedSuggestion(advice(40L << 40, 4), 4));
        assertEquals("4P", acceptedSuggestion(advice(3L << 50, 5), 5));
    }

    @Test
    void atTheLimitOfFourLevelsTheFifthLevelIsTheWayToMore() {
        String a = advice(64L << 40, 4);
        assertTrue(a.contains("the machine has the 64T that 4 paging levels allow"), a);
        assertTrue(a.contains("add 'machine levels 5'"), a);
        assertEquals("4P", acceptedSuggestion(a, 5));
    }

    @Test
    void atTheLimitOfFiveLevelsNothingLargerIsSuggested() {
        String a = advice(4L << 50, 5);
        assertEquals("the machine has 4P, the most 'machine memory' may give with 5 paging levels", a);
        assertFalse(SUGGESTED.matcher(a).find(), a);
    }

    @Test
    void theHeapGuardStillStopsATouchLargerThanTheJvmOnABigMachine() {
        int[] looks = {0};
        RunResult r = ScenarioRunner.run("machine memory 64T\nprocess p\nmmap p buf 2T\ntouch p buf read\nexpect rss p == 0\n",
                RunOptions.defaults().withHeapGuard(() -> ++looks[0] > 100));
        Diagnostic d = r.diagnostics().stream().filter(x -> x.code() == DiagnosticCode.HEAP_EXHAUSTED).findFirst()
                .orElseThrow(() -> new AssertionError(r.diagnostics().toString()));
        assertEquals(4, d.range().line(), d.toString());
        assertTrue(d.message().contains("needs more Java heap"), d.message());
        assertEquals(1, r.expectationsNotRun());
    }
}
