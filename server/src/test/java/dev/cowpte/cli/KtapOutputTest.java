package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.kernel.KernelEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format ktap} of {@code run} and {@code kernel}, read back by a parser that follows the
 * kernel's rules ({@link KtapParser}): plans match the tests, results and directives say what the
 * text report says, and each scenario's identity is the same in both commands.
 */
class KtapOutputTest {
    private static final Pattern IDENTITY = Pattern.compile("scenario (.+) (sha256:[0-9a-f]{16})");

    @TempDir
    Path dir;

    private Path scenario(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void everySampleIsATestWithOneSubtestPerExpectation() throws Exception {
        Path samples = Cli.quickSamples(dir);
        Cli r = Cli.run("run", "--format", "ktap", samples.toString());
        assertEquals(Cli.run("run", samples.toString()).code(), r.code(), "the exit code is the command's");
        KtapParser.Document doc = KtapParser.parse(r.out());
        List<Path> files;
        try (Stream<Path> s = Files.list(samples)) {
            files = s.sorted().toList();
        }
        assertEquals(files.size(), doc.tests().size(), r.out());
        for (int i = 0; i < files.size(); i++) {
            KtapParser.Test file = doc.tests().get(i);
            assertEquals(files.get(i).toString(), file.name());
            long expects = Files.readAllLines(files.get(i)).stream().filter(l -> l.strip().startsWith("expect ")).count();
            assertEquals(expects, file.subtests().size(), file.name() + " has one subtest per expectation");
            for (KtapParser.Test t : file.subtests()) {
                assertTrue(t.name().matches("line \\d+: expect .+"), t.name());
            }
            boolean failing = files.get(i).getFileName().toString().equals("failing-on-purpose.cowpte");
            assertEquals(!failing, file.ok(), file.name() + "\n" + r.out());
            assertTrue(identity(file).startsWith("sha256:"), file.diagnostics().toString());
        }
    }

    @Test
    void theFailingSampleIsNotOkWithTheExpectedAndTheActualValues() {
        Cli r = Cli.run("run", "--format", "ktap", Cli.sample("failing-on-purpose.cowpte"));
        assertEquals(1, r.code(), r.out());
        KtapParser.Test file = KtapParser.parse(r.out()).test(Cli.sample("failing-on-purpose.cowpte"));
        assertFalse(file.ok());
        assertEquals(3, file.subtests().size(), r.out());
        KtapParser.Test rss = file.subtest("line 13: expect rss child == 0");
        assertFalse(rss.ok());
        assertEquals(List.of(Cli.sample("failing-on-purpose.cowpte") + ":13:1: rss child: expected == 0 pages,"
                + " actual 512 pages", "expected: == 0 pages", "actual: 512 pages"), rss.diagnostics());
        KtapParser.Test tables = file.subtest("line 14: expect pagetables child <= 4K");
        assertFalse(tables.ok());
        assertTrue(tables.diagnostics().containsAll(List.of("expected: <= 4 KiB", "actual: 12 KiB")),
                tables.diagnostics().toString());
        assertTrue(file.subtest("line 15: expect shared parent child buf[0]").ok());
        assertTrue(file.diagnostics().contains("FAILED, 2 expectations failed, 1 of 3 expectations held"),
                file.diagnostics().toString());
    }

    @Test
    void errorsStatementsThatFailAndExpectationsNeverReachedAreSaid() throws Exception {
        scenario("a-syntax.cowpte", "process p\nmmap p buf\n");
        scenario("b-segv.cowpte", "process p\nmmap p ro 4\nmprotect p ro readonly\nexpect rss p == 0\n"
                + "write p ro[0] = 1\n");
        scenario("c-oom.cowpte", "machine memory 1M\nprocess p\nmmap p buf 4M\nexpect rss p == 0\ntouch p buf\n"
                + "expect rss p == 1024\n");
        scenario("d-empty.cowpte", "# nothing to run\n");
        Cli r = Cli.run("run", "--format", "ktap", dir.toString());
        assertEquals(2, r.code(), r.out());
        KtapParser.Document doc = KtapParser.parse(r.out());
        assertEquals(4, doc.tests().size(), r.out());

        KtapParser.Test syntax = doc.tests().get(0);
        assertFalse(syntax.ok());
        assertTrue(syntax.subtests().isEmpty(), r.out());
        assertTrue(syntax.diagnostics().stream().anyMatch(d -> d.startsWith(dir.resolve("a-syntax.cowpte") + ":2:")),
                syntax.diagnostics().toString());

        KtapParser.Test segv = doc.tests().get(1);
        assertFalse(segv.ok());
        assertTrue(segv.subtest("line 4: expect rss p == 0").ok());
        KtapParser.Test write = segv.subtest("line 5: write p ro[0] = 1");
        assertFalse(write.ok());
        assertTrue(write.diagnostics().get(0).startsWith(dir.resolve("b-segv.cowpte") + ":5:1: SIGSEGV in p"),
                write.toString());

        KtapParser.Test oom = doc.tests().get(2);
        assertFalse(oom.ok());
        assertTrue(oom.subtest("line 4: expect rss p == 0").ok(), r.out());
        assertFalse(oom.subtest("line 5: touch p buf").ok(), r.out());
        KtapParser.Test notRun = oom.subtest("line 6: expect rss p == 1024");
        assertTrue(notRun.skipped(), r.out());
        assertEquals("not run: the scenario stopped at line 5 (out of memory)", notRun.reason());

        KtapParser.Test empty = doc.tests().get(3);
        assertTrue(empty.ok() && empty.subtests().isEmpty() && empty.directive() == null, r.out());
    }

    @Test
    void namesKeepToOneLineWithoutTheDirectiveSign() throws Exception {
        Path odd = scenario("odd # name.cowpte", "process p\nexpect rss p == 0\n");
        Cli r = Cli.run("run", "--format", "ktap", odd.toString());
        assertEquals(0, r.code(), r.out());
        KtapParser.Test file = KtapParser.parse(r.out()).tests().get(0);
        assertEquals(odd.toString().replace("#", "%23"), file.name());
        assertTrue(file.ok() && file.directive() == null, r.out());
    }

    @Test
    void theIdentityIgnoresFormattingAndCommentsAndFollowsWhatTheScenarioSays() throws Exception {
        String text = "process p\nmmap p buf 2M\ntouch p buf\nfork p -> c\nexpect rss c == 512\n";
        Path a = scenario("a.cowpte", text);
        Path b = scenario("b.cowpte", "# the same, reformatted\r\n\r\nprocess  p\r\nmmap p\tbuf 2M   # a region\r\n"
                + "touch p buf\r\n\r\nfork p -> c\r\nexpect rss c == 512");
        Path c = scenario("c.cowpte", text.replace("== 512", "== 511"));
        KtapParser.Document doc = KtapParser.parse(Cli.run("run", "--format", "ktap", a.toString(), b.toString(),
                c.toString()).out());
        String ida = identity(doc.test(a.toString()));
        assertEquals(ida, identity(doc.test(b.toString())));
        assertNotEquals(ida, identity(doc.test(c.toString())));
        String json = Cli.run("run", "--format", "json", a.toString()).out();
        assertTrue(json.contains("\"identity\": \"" + ida + "\""), json);
    }

    @Test
    void theKernelSuiteParsesAndSaysWhatTheTextReportSays() {
        KernelEnvironment.require("kernel --format ktap");
        Path suite = Cli.SAMPLES.resolveSibling("kernel-suite");
        Cli r = Cli.run("kernel", "--format", "ktap", suite.toString());
        KtapParser.Document doc = KtapParser.parse(r.out());
        assertEquals(0, r.code(), r.out());
        assertTrue(doc.diagnostics().get(0).startsWith("running kernel: Linux "), doc.diagnostics().toString());
        long files;
        try (Stream<Path> s = Files.list(suite)) {
            files = s.filter(p -> p.toString().endsWith(".cowpte")).count();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(files, doc.tests().size());
        for (KtapParser.Test file : doc.tests()) {
            assertTrue(file.ok(), file.name() + " agrees with the kernel:\n" + r.out());
            if (!file.skipped()) {
                assertTrue(file.diagnostics().stream().anyMatch(d -> d.startsWith("agrees; ")), file.toString());
                assertEquals(KernelKtapReport.COUNTERS, file.subtests().get(file.subtests().size() - 1).name());
            }
        }
    }

    @Test
    void theKernelSaysWhatFailedWhatItCannotCompareAndWhatItDidNotRun() throws Exception {
        KernelComparison k = KernelEnvironment.require("kernel --format ktap");
        Path failing = scenario("a-failing.cowpte", """
                process parent
                mmap parent buf 2M
                touch parent buf
                pin parent buf[5]
                fork parent -> c
                expect mapcount parent buf[5] == 4
                """);
        Path notComparable = scenario("d-memory.cowpte", "process p\nmmap p buf 2M\ntouch p buf\nexit p\n"
                + "expect memory == 0\n");
        Path refused = scenario("b-levels.cowpte", "machine levels " + (k.facts().levels() == 4 ? 5 : 4)
                + "\nprocess p\nmmap p buf 2M\ntouch p buf\nexpect rss p == 512\n");
        Path errors = scenario("c-errors.cowpte", "process p\ntouch p nowhere\n");
        String[] files = {failing.toString(), refused.toString(), errors.toString(), notComparable.toString(),
            Cli.sample("failing-on-purpose.cowpte")};
        Cli r = Cli.run(Stream.concat(Stream.of("kernel", "--format", "ktap"), Stream.of(files)).toArray(String[]::new));
        assertEquals(Cli.run(Stream.concat(Stream.of("kernel"), Stream.of(files)).toArray(String[]::new)).code(),
                r.code(), "the exit code is the command's");
        KtapParser.Document doc = KtapParser.parse(r.out());
        assertEquals(files.length, doc.tests().size(), r.out());

        KtapParser.Test a = doc.test(failing.toString());
        assertFalse(a.ok(), r.out());
        KtapParser.Test mapcount = a.subtest("line 6: expect mapcount parent buf[5] == 4");
        assertFalse(mapcount.ok());
        assertEquals(List.of(failing + ":6:1: mapcount parent buf[5]: expectation failed on both", "expected: == 4",
                "kernel: 1", "simulated: 1"), mapcount.diagnostics());
        assertTrue(a.subtest(KernelKtapReport.COUNTERS).ok(), r.out());

        KtapParser.Test memoryFile = doc.test(notComparable.toString());
        assertTrue(memoryFile.ok(), r.out());
        KtapParser.Test memory = memoryFile.subtest("line 5: expect memory == 0");
        assertTrue(memory.ok() && memory.skipped(), r.out());
        assertTrue(memory.reason().startsWith("not comparable: the kernel's memory counters"), memory.reason());

        KtapParser.Test b = doc.test(refused.toString());
        assertTrue(b.ok() && b.skipped() && b.subtests().isEmpty(), r.out());
        assertTrue(b.reason().startsWith("not run on the kernel: line 1: machine levels "), b.reason());

        KtapParser.Test c = doc.test(errors.toString());
        assertFalse(c.ok(), r.out());
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.startsWith(errors + ":2:9: ")), c.diagnostics().toString());

        KtapParser.Test sample = doc.test(Cli.sample("failing-on-purpose.cowpte"));
        KtapParser.Test rss = sample.subtest("line 13: expect rss child == 0");
        assertFalse(rss.ok());
        assertTrue(rss.diagnostics().containsAll(List.of("expected: == 0 pages", "simulated: 512 pages")),
                rss.diagnostics().toString());
    }

    @Test
    void anExpectationFailingInEveryRunOfARepeatSaysTheFirstRunsAndCountsTheRest() throws Exception {
        KernelEnvironment.require("kernel --format ktap");
        Path f = scenario("repeat.cowpte", """
                process parent
                mmap parent buf 2M
                touch parent buf
                repeat 12 as i {
                  fork parent -> w{i}
                  expect rss w{i} == 1
                }
                """);
        String name = "line 6: expect rss w{i} == 1";
        KtapParser.Test run = KtapParser.parse(Cli.run("run", "--format", "ktap", f.toString()).out()).tests().get(0)
                .subtest(name);
        assertFalse(run.ok());
        assertEquals(List.of(f + ":6:3: rss w0: expected == 1 page, actual 512 pages",
                "failed 12 of 12 times; the first failure:", "expected: == 1 page", "actual: 512 pages"),
                run.diagnostics());
        Cli r = Cli.run("kernel", "--format", "ktap", f.toString());
        assertEquals(1, r.code(), r.out());
        KtapParser.Test kernel = KtapParser.parse(r.out()).tests().get(0).subtest(name);
        assertFalse(kernel.ok());
        assertEquals(KernelKtapReport.MOST_ROWS, kernel.diagnostics().stream()
                .filter(d -> d.startsWith(f + ":6:3: rss w")).count(), r.out());
        assertTrue(kernel.diagnostics().contains("at: expect rss w{i} == 1 (i=9)"), r.out());
        assertEquals("… and 2 more failed runs", kernel.diagnostics().get(kernel.diagnostics().size() - 1));
    }

    @Test
    void runAndKernelGiveAFileTheSameIdentity() throws Exception {
        KernelEnvironment.require("kernel --format ktap");
        Path f = scenario("same.cowpte", "process p\nmmap p buf 2M\ntouch p buf\nexpect rss p == 512\n");
        String run = identity(KtapParser.parse(Cli.run("run", "--format", "ktap", f.toString()).out()).tests().get(0));
        String kernel = identity(KtapParser.parse(Cli.run("kernel", "--format", "ktap", f.toString()).out())
                .tests().get(0));
        assertEquals(run, kernel);
        String json = Cli.run("kernel", "--format", "json", f.toString()).out();
        assertTrue(json.contains("\"identity\": \"" + run + "\""), json);
    }

    @Test
    void theParserRejectsWhatTheKernelsRulesDoNotAllow() {
        String good = "KTAP version 1\n1..1\n  KTAP version 1\n  1..1\n  ok 1 a\nok 1 b\n";
        assertEquals("b", KtapParser.parse(good).tests().get(0).name());
        for (String bad : List.of(
                "TAP version 13\n1..1\nok 1 a\n",                               // not KTAP version 1
                "KTAP version 1\n1..2\nok 1 a\n",                               // plan says two
                "KTAP version 1\n1..1\nok 2 a\n",                               // numbering
                "KTAP version 1\n1..1\nok 1 a#b\n",                             // '#' in a name
                "KTAP version 1\n1..1\n KTAP version 1\n 1..1\n ok 1 a\nok 1 b\n", // indentation
                "KTAP version 1\n1..1\n  KTAP version 1\n  1..1\n  not ok 1 a\nok 1 b\n", // a failed subtest
                "KTAP version 1\n1..1\nok 1 a\nstray\n")) {                     // an unknown line
            assertThrows(KtapParser.Malformed.class, () -> KtapParser.parse(bad), bad);
        }
    }

    /** The identity a test's diagnostics give for its scenario. */
    private static String identity(KtapParser.Test file) {
        for (String d : file.diagnostics()) {
            Matcher m = IDENTITY.matcher(d);
            if (m.matches()) {
                assertEquals(file.name(), m.group(1).replace("#", "%23"));
                return m.group(2);
            }
        }
        throw new AssertionError("no identity line in " + file);
    }
}
