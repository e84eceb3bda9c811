package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, called in-process. */
class ExitCodeTest {
    @TempDir
    Path dir;

    private String file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void passingScenarioExitsZero() {
        Cli r = Cli.run("run", Cli.sample("phillips-2002.cowpte"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("phillips-2002.cowpte: passed"), r.out());
    }

    @Test
    void failedExpectationExitsOneWithFileLineColumn() {
        Cli r = Cli.run("run", Cli.sample("failing-on-purpose.cowpte"));
        assertEquals(1, r.code());
        assertTrue(r.out().contains("failing-on-purpose.cowpte:13:1: expectation failed: rss child: expected == 0 pages,"
                + " actual 512 pages"), r.out());
    }

    @Test
    void aDirectoryWithTheFailingSampleExitsOne() throws Exception {
        Cli r = Cli.run("run", Cli.quickSamples(dir).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().endsWith("19 scenarios: 18 passed, 1 failed, 0 with errors\n"), r.out());
    }

    @Test
    void syntaxErrorExitsTwo() throws Exception {
        Cli r = Cli.run("run", file("bad.cowpte", "process p\nmmap p\n"));
        assertEquals(2, r.code());
        assertTrue(r.out().contains("bad.cowpte:2:"), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void unexpectedSegvExitsTwo() throws Exception {
        Cli r = Cli.run("run", file("segv.cowpte", "process p\nmmap p ro 4\nmprotect p ro readonly\n"
                + "write p ro[0] = 1\n"));
        assertEquals(2, r.code());
        assertTrue(r.out().contains("segv.cowpte:4:1: SIGSEGV in p"), r.out());
    }

    @Test
    void aBareNumberThatReadsAsBytesIsToldItCountsPages() throws Exception {
        Cli r = Cli.run("run", file("rss.cowpte", "process p\nmmap p buf 4M\ntouch p buf\nexpect rss p == 4194304\n"
                + "expect rss p == 1024\nexpect rss p == 1000\n"));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("rss.cowpte:4:1: expectation failed: rss p: expected == 4194304 pages, actual 1024"
                + " pages; a bare number counts 4 KiB pages: for 4194304 bytes write 4M\n"), r.out());
        assertTrue(r.out().contains("rss.cowpte:6:1: expectation failed: rss p: expected == 1000 pages, actual 1024"
                + " pages\n"), r.out());
    }

    @Test
    void aFailureInARepeatCountsIterations() throws Exception {
        Cli r = Cli.run("run", file("rep.cowpte", "process p\nmmap p buf 4\nrepeat 4 {\n  touch p buf\n"
                + "  expect rss p == 5\n}\n"));
        assertTrue(r.out().contains("rep.cowpte:5:3: expectation failed: rss p: expected == 5 pages, actual 4 pages"
                + " (in 4 of 4 iterations)"), r.out());
    }

    @Test
    void aWriteToAReadonlyRegionIsReportedBeforeRunning() throws Exception {
        Cli r = Cli.run("check", file("ro.cowpte", "process p\nmmap p ro 4 readonly\nwrite p ro[0] = 1\n"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("ro.cowpte:3:1: region 'ro' is mapped readonly in process 'p' (line 2): a write"
                + " there is a segmentation fault that kills the process (write 'expect segv' before the statement"
                + " if that is what you mean, or 'mprotect p ro readwrite' first)"), r.out());
    }

    @Test
    void aChildWhoseForkFailedIsNotCalledUndeclared() throws Exception {
        Cli r = Cli.run("run", file("dead.cowpte", "process p\nmmap p ro 4\nmprotect p ro readonly\n"
                + "write p ro[0] = 5\nfork p -> c\nexpect rss c == 0\n"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("dead.cowpte:5:6: process p was killed by SIGSEGV at line 4; it can not be used"
                + " again"), r.out());
        assertTrue(r.out().contains("dead.cowpte:6:12: process c was never created: the fork at line 5 did not run"),
                r.out());
        assertFalse(r.out().contains("no process named c"), r.out());
    }

    @Test
    void outOfMemoryExitsTwo() throws Exception {
        Cli r = Cli.run("run", file("oom.cowpte", "machine memory 1M\nprocess p\nmmap p buf 2M\ntouch p buf\n"
                + "expect memory == 0\n"));
        assertEquals(2, r.code());
        assertTrue(r.out().contains("oom.cowpte:4:1: out of memory: the machine's 1 MiB of RAM cannot hold another page;"
                + " the scenario stops here (to give it more, raise 'machine memory', as in 'machine memory 2M')"),
                r.out());
    }

    @Test
    void stepBudgetIsAnOption() throws Exception {
        Cli r = Cli.run("run", "--max-steps", "100", file("loop.cowpte",
                "process p\nmmap p buf 1\nrepeat 1000000 {\n  read p buf\n}\n"));
        assertEquals(2, r.code());
        assertTrue(r.out().contains("step budget of 100"), r.out());
    }

    @Test
    void commandLineMistakesExitTwo() {
        Cli missing = Cli.run("run", dir.resolve("nothing.cowpte").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
        assertEquals(2, Cli.run("run", "--format", "xml", Cli.sample("phillips-2002.cowpte")).code());
        Cli policy = Cli.run("run", "--policy", "lazy", Cli.sample("phillips-2002.cowpte"));
        assertEquals(2, policy.code());
        assertTrue(policy.err().contains("unknown policy 'lazy'; known: classic, cow-pte, cow-pte-rfc, odf"), policy.err());
        assertEquals(2, Cli.run("run").code());
        assertEquals(2, Cli.run("frobnicate").code());
        assertEquals(2, Cli.run().code());
    }

    @Test
    void aFileThatIsNotUtf8IsThatFilesErrorWithItsLineAndTheOthersStillRun() throws Exception {
        Path bad = dir.resolve("latin1.cowpte");
        Files.write(bad, "process p\nmmap p buf 16 # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String good = file("good.cowpte", "process p\nexpect rss p == 0\n");
        Cli r = Cli.run("run", bad.toString(), good);
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("latin1.cowpte:2:20: not UTF-8 text: byte 0xe9"), r.out());
        assertTrue(r.out().contains("latin1.cowpte: ERROR, 1 error (not run)"), r.out());
        assertTrue(r.out().contains("good.cowpte: passed, 1 of 1 expectation held"), r.out());
        assertTrue(r.out().endsWith("2 scenarios: 1 passed, 0 failed, 1 with errors\n"), r.out());
        Path xml = dir.resolve("results.xml");
        assertEquals(2, Cli.run("run", bad.toString(), good, "--format", "junit", "-o", xml.toString()).code());
        assertTrue(Files.readString(xml).contains("good.cowpte"), "the JUnit report is written");
        Cli check = Cli.run("check", bad.toString(), good);
        assertEquals(2, check.code());
        assertTrue(check.out().contains("latin1.cowpte:2:20: not UTF-8 text"), check.out());
        assertTrue(check.out().contains("good.cowpte: ok"), check.out());
        Cli compare = Cli.run("compare", bad.toString());
        assertEquals(2, compare.code());
        assertTrue(compare.err().startsWith("cowpte: " + bad + ":2:20: not UTF-8 text"), compare.err());
    }

    @Test
    void compareOfAScenarioWithAnErrorSaysItOnceAndDrawsNoTable() throws Exception {
        String bad = file("bad.cowpte", "process p\nmmap p buf 16\nmunmap p buf\ntouch p buf\n");
        Cli r = Cli.run("compare", bad);
        assertEquals(2, r.code());
        assertEquals(bad + ":4:9: region 'buf' is no longer mapped in process 'p': it was unmapped at line 3; an access"
                + " there is a segmentation fault (write 'expect segv' before the statement if that is what you mean)\n"
                + bad + ": not run, nothing to compare\n", r.out());
        Cli segv = Cli.run("compare", "--policies", "classic,odf", file("segv.cowpte",
                "process p\nmmap p ro 4\nmprotect p ro readonly\nwrite p ro[0] = 1\n"));
        assertEquals(2, segv.code());
        assertEquals(1, segv.out().split("SIGSEGV in p", -1).length - 1, segv.out());
        assertTrue(segv.out().contains("per-page updates"), "the scenario ran: " + segv.out());
    }

    @Test
    void helpAndVersionExitZero() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("compare"), help.out());
        Cli version = Cli.run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("cowpte "), version.out());
        assertEquals(0, Cli.run("run", "--help").code());
    }

    @Test
    void everyHelpFitsEightyColumnsWithoutLinesBrokenShort() {
        for (String command : new String[] {"run", "compare", "check", "report", "lsp"}) {
            Cli help = Cli.run(command, "--help");
            assertEquals(0, help.code(), command);
            for (String line : help.out().split("\\R")) {
                assertTrue(line.length() <= 80, command + " --help has a line of " + line.length() + ": " + line);
                // a description line picocli had to wrap leaves a lone word behind
                assertTrue(!line.matches("[a-z]+,?"), command + " --help has a line broken short: '" + line + "'");
            }
        }
    }

    @Test
    void checkOnlyChecks() throws Exception {
        assertEquals(0, Cli.run("check", Cli.sample("failing-on-purpose.cowpte")).code());
        assertEquals(2, Cli.run("check", file("bad.cowpte", "fork a -> \n")).code());
    }

    @Test
    void compareTabulatesEveryPolicy() {
        Cli r = Cli.run("compare", Cli.sample("fork-1g-pagetables.cowpte"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("per-page updates"), r.out());
        assertTrue(r.out().contains("cow-pte-rfc"), r.out());
        Cli two = Cli.run("compare", "--policies", "classic,odf", Cli.sample("phillips-2002.cowpte"));
        assertEquals(0, two.code(), two.err());
        assertFalse(two.out().contains("cow-pte"), two.out());
        assertEquals(2, Cli.run("compare", "--policies", "classic,nope", Cli.sample("phillips-2002.cowpte")).code());
    }

    @Test
    void compareWarnsWhenNoForkTakesTheComparedPolicy() throws Exception {
        Cli pinned = Cli.run("compare", "--policies", "classic,cow-pte", Cli.sample("fork-1g-pagetables.cowpte"));
        assertEquals(0, pinned.code(), pinned.err());
        assertTrue(pinned.err().contains("warning: the compared policy reaches no fork: every fork in the scenario "
                + "names its own policy"), pinned.err());
        assertTrue(pinned.out().contains("warning: the compared policy reaches no fork"), pinned.out());
        Cli none = Cli.run("compare", "--policies", "classic,cow-pte",
                file("nofork.cowpte", "process p\nmmap p buf 4\ntouch p buf\n"));
        assertTrue(none.err().contains("the scenario makes no fork"), none.err());
    }

    @Test
    void theDocumentedCompareExampleShowsADifference() {
        String help = Cli.run("--help").out() + Cli.run("compare", "--help").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cowpte compare samples/(\\S+\\.cowpte)").matcher(help);
        assertTrue(m.find(), help);
        do {
            Cli r = Cli.run("compare", "--policies", "classic,cow-pte", Cli.sample(m.group(1)));
            assertEquals(0, r.code(), r.err());
            assertFalse(r.err().contains("warning"), m.group(1) + ": " + r.err());
            String peak = r.out().lines().filter(l -> l.startsWith("  PageTables at peak")).findFirst().orElseThrow();
            String[] cells = peak.substring("  PageTables at peak".length()).trim().split("\\s{2,}");
            assertFalse(cells[0].equals(cells[1]), peak);
        } while (m.find());
    }

    @Test
    void aMisspeltCommandOrPolicyIsAnsweredWithTheOneMeant() {
        Cli command = Cli.run("comapre", Cli.sample("redis-snapshot.cowpte"));
        assertEquals(2, command.code());
        assertTrue(command.err().startsWith("cowpte: unknown command 'comapre' (did you mean 'compare'?); commands: run,"),
                command.err());
        Cli policy = Cli.run("run", "--policy", "cow-ptee", Cli.sample("redis-snapshot.cowpte"));
        assertEquals(2, policy.code());
        assertTrue(policy.err().contains("unknown policy 'cow-ptee' (did you mean 'cow-pte'?); known: classic"),
                policy.err());
        Cli policies = Cli.run("compare", "--policies", "clasic,odf", Cli.sample("redis-snapshot.cowpte"));
        assertTrue(policies.err().contains("(did you mean 'classic'?)"), policies.err());
    }

    @Test
    void aMissingOrExtraArgumentIsAnsweredInOneLineAndTheCommandsListedAreThoseOfHelp() {
        String sample = Cli.sample("pinned-fork.cowpte");
        Cli two = Cli.run("compare", sample, sample);
        assertEquals(2, two.code());
        assertEquals("cowpte compare: one argument too many, '" + sample + "': it takes FILE (cowpte compare --help)\n",
                two.err());
        Cli none = Cli.run("run");
        assertEquals(2, none.code());
        assertEquals("cowpte run: missing required parameter: 'FILE|DIR' (cowpte run --help)\n", none.err());
        Cli bare = Cli.run();
        assertEquals(2, bare.code());
        assertTrue(bare.err().startsWith("missing command: run, compare, report, check, kernel, calibrate, lsp, dap, help\n"),
                bare.err());
        Cli unknown = Cli.run("rnu");
        assertFalse(unknown.err().contains("bench"), "a hidden command is not offered: " + unknown.err());
    }

    @Test
    void aMisspeltOptionIsAnsweredWithTheOneMeantAndTheCommandsOptions() {
        String sample = Cli.sample("pinned-fork.cowpte");
        Cli typo = Cli.run("run", "--polcy", "cow-pte", sample);
        assertEquals(2, typo.code());
        assertEquals("cowpte run: unknown option '--polcy' (did you mean '--policy'?); options: --policy, --format, "
                + "--output, --max-steps, --check-invariants, --help, --version (cowpte run --help)\n", typo.err());
        assertEquals("", typo.out());
        // run takes one --policy, compare and report several --policies: either way the other is offered
        Cli compare = Cli.run("compare", "--policy=cow-pte", sample);
        assertTrue(compare.err().startsWith("cowpte compare: unknown option '--policy' (did you mean '--policies'?)"),
                compare.err());
        Cli run = Cli.run("run", "--policies", "classic", sample);
        assertTrue(run.err().startsWith("cowpte run: unknown option '--policies' (did you mean '--policy'?)"), run.err());
        Cli top = Cli.run("--verison");
        assertTrue(top.err().startsWith("cowpte: unknown option '--verison' (did you mean '--version'?)"), top.err());
        Cli far = Cli.run("check", "-z", sample);
        assertTrue(far.err().startsWith("cowpte check: unknown option '-z'; options: "), far.err());
    }

    @Test
    void oneExpectationIsCountedInTheSingular() throws Exception {
        Cli r = Cli.run("run", file("one.cowpte", "process p\nmmap p buf 1\nexpect rss p == 1\n"));
        assertTrue(r.out().contains("FAILED, 1 expectation failed, 0 of 1 expectation held"), r.out());
    }

    @Test
    void expectationsAfterTheRunStoppedAreCountedAsNotRun() throws Exception {
        String f = file("stops.cowpte", "machine memory 16M\nprocess p\nmmap p buf 64M\nexpect rss p == 0\n"
                + "touch p buf\nexpect rss p == 0\nexpect memory == 0\n"); // out of memory at line 5
        Cli text = Cli.run("run", f);
        assertEquals(2, text.code());
        assertTrue(text.out().contains("ERROR, 1 error, 1 of 1 expectation held, 2 not run"), text.out());
        Cli json = Cli.run("run", "--format", "json", f);
        assertTrue(json.out().contains("\"expectationsNotRun\": 2"), json.out());
        Cli junit = Cli.run("run", "--format", "junit", f);
        assertTrue(junit.out().contains("skipped=\"2\""), junit.out());
        Cli compare = Cli.run("compare", "--policies", "classic,cow-pte", f);
        assertTrue(compare.out().matches("(?s).*\nexpectations held +1/1 +1/1\nexpectations not run +2 +2\n.*"),
                compare.out());
        Path html = Path.of(f + ".html");
        Cli.run("report", "--policies", "classic", "-o", html.toString(), f);
        assertTrue(Files.readString(html).contains("1/1 expectation held, 2 not run, 1 error"), Files.readString(html));
    }
}
