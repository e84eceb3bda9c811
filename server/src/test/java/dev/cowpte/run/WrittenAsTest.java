package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.words.Amounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure messages name what the user wrote: the address as written, amounts in the written unit, nouns in the right number. */
class WrittenAsTest {
    private static List<String> failures(String text) {
        RunResult r = ScenarioRunner.run(text, RunOptions.defaults().withInitialPolicy("classic"));
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    @Test
    void addressesAreNamedAsWritten() {
        assertEquals(List.of(
                "expectation failed: refcount parent buf[0]: expected == 3, actual 1",
                "expectation failed: mapcount parent buf[12K]: expected == 3, actual 2",
                "expectation failed: shared parent child buf[2..4]: expected one PTE table reached by both, actual "
                        + "parent's PTE table has refcount 1 and child's PTE table has refcount 1",
                "expectation failed: value w0 buf[0]: expected == 1, actual 0"),
                failures("process parent\nmmap parent buf 8\ntouch parent buf\nfork parent -> child\n"
                        + "expect refcount parent buf[0] == 3\nexpect mapcount parent buf[12K] == 3\n"
                        + "expect shared parent child buf[2..4]\n"
                        + "repeat 3 as i {\n  fork parent -> w{i}\n  expect value w{i} buf[i] == 1\n  exit w{i}\n}\n")
                        .stream().map(m -> m.replace(" (in 3 of 3 iterations)", "")).toList());
    }

    @Test
    void amountsAreInTheUnitTheyWereWrittenIn() {
        assertEquals(List.of(
                "expectation failed: pagetables: expected <= 2 MiB, actual 4.02 MiB (4120 KiB)",
                "expectation failed: rss child: expected == 0.5 GiB, actual 1 GiB",
                "expectation failed: memory: expected <= 4 KiB, actual 1052696 KiB",
                "expectation failed: rss parent: expected == 1 page, actual 262144 pages",
                "expectation failed: pagetables child: expected > 2.1 MiB, actual 2.01 MiB (2056 KiB)"),
                failures("process parent\nmmap parent buf 1G\ntouch parent buf\nfork parent -> child\n"
                        + "expect pagetables <= 2M\nexpect rss child == 0.5G\nexpect memory <= 4K\n"
                        + "expect rss parent == 1\nexpect pagetables child > 2.1M\n"));
    }

    @Test
    void countsTakeTheirNounInTheRightNumber() {
        assertEquals("1 table", Amounts.count(1, "table"));
        assertEquals("2 entries", Amounts.count(2, "entry"));
        assertEquals("3 processes", Amounts.count(3, "process"));
        assertEquals("0 pages", Amounts.count(0, "page"));
    }
}
