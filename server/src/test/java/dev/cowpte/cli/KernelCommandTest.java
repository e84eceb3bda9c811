package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.kernel.KernelComparison;
import dev.cowpte.kernel.KernelEnvironment;
import dev.cowpte.kernel.KernelReport;
import dev.cowpte.lsp.services.KernelCheckService;
import dev.cowpte.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cowpte kernel} prints, on the running kernel. */
class KernelCommandTest {
    @TempDir
    Path dir;

    private Path scenario(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void anExpectationFailingOnBothSidesLeavesTheScenarioAgreeingAndIsCountedApart() throws Exception {
        KernelEnvironment.require("kernel command");
        Path k1 = scenario("k1.cowpte", """
                process parent
                mmap parent buf 2M
                touch parent buf
                pin parent buf[5]
                fork parent -> c
                expect mapcount parent buf[5] == 4
                """);
        Cli r = Cli.run("kernel", k1.toString());
        assertEquals(1, r.code(), "a failed expectation fails the run: " + r.out());
        assertFalse(r.out().contains(", but,"), r.out());
        assertTrue(r.out().contains("k1.cowpte: agrees, but 1 expectation fails; "), r.out());
        assertTrue(r.out().contains("k1.cowpte:6:1: expectation failed on both: mapcount parent buf[5]: expected == 4,"
                + " kernel 1, simulated 1\n"), r.out());
        assertTrue(r.out().endsWith("1 scenario: 1 agrees with the kernel, 0 disagree, 0 not run on this kernel;"
                + " 1 with failed expectations\n"), r.out());
        Cli json = Cli.run("kernel", "--format", "json", k1.toString());
        assertTrue(json.out().matches("(?s).*\"counter\": \"mapcount parent buf\\[5\\]\",\\s+\"kernel\": \"1\",.*"
                + "\"expected\": \"== 4\".*"), json.out());
    }

    @Test
    void eachForkIsTimedOnTheKernelBesideTheLatencyCompareModelsForIt() throws Exception {
        KernelEnvironment.require("kernel command");
        Path f = scenario("forks.cowpte", """
                process parent
                mmap parent buf 8M
                touch parent buf
                fork parent -> child
                """);
        Cli text = Cli.run("kernel", f.toString());
        assertEquals(0, text.code(), text.out() + text.err());
        Matcher line = Pattern.compile("(?m)^ +4  fork parent -> child +([0-9.]+) µs +([0-9.]+) µs$").matcher(text.out());
        assertTrue(line.find(), text.out());
        assertTrue(Double.parseDouble(line.group(1)) > 0, "measured: " + line.group());
        assertTrue(text.out().contains("fork() time: measured on the kernel around the parent's clone call; modeled"),
                text.out());

        Cli json = Cli.run("kernel", "--format", "json", f.toString());
        com.google.gson.JsonArray forks = com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject()
                .getAsJsonArray("files").get(0).getAsJsonObject().getAsJsonArray("forks");
        assertEquals(1, forks.size(), json.out());
        com.google.gson.JsonObject fork = forks.get(0).getAsJsonObject();
        assertEquals(4, fork.get("line").getAsInt());
        assertEquals("child", fork.get("child").getAsString());
        assertTrue(fork.get("measuredNs").getAsLong() > 0, fork.toString());
        // the modeled time is the one cowpte compare gives the same fork under classic
        com.google.gson.JsonObject compare = com.google.gson.JsonParser.parseString(
                Cli.run("compare", "--policies", "classic", "--format", "json", f.toString()).out()).getAsJsonObject();
        long modeled = -1;
        for (var row : compare.getAsJsonArray("rows")) {
            if (row.getAsJsonObject().get("key").getAsString().equals("fork_latency.longest_ns")) {
                modeled = row.getAsJsonObject().getAsJsonObject("values").get("classic").getAsLong();
            }
        }
        assertTrue(modeled > 0, compare.toString());
        assertEquals(modeled, fork.get("modeledNs").getAsLong());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f", modeled / 1e3), line.group(2));
    }

    @Test
    void runAndKernelSayWhenTheSimulationFollowsOtherRulesThanThisKernel() throws Exception {
        KernelComparison here = KernelEnvironment.require("kernel command");
        org.junit.jupiter.api.Assumptions.assumeTrue(here.facts().ptReclaim().orElse(false),
                "this kernel has no CONFIG_PT_RECLAIM");
        String profile = dev.cowpte.lang.check.KernelProfile.forRelease(here.facts().release()).orElseThrow().version();
        String body = """
                process p
                mmap p buf 2M
                touch p buf
                madvise p buf dontneed
                expect tables p pte == 1
                """;
        Path f = scenario("dontneed.cowpte", body);
        Cli run = Cli.run("run", f.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(run.err().contains("dontneed.cowpte: note: the simulation follows the version-1.1 rules"), run.err());
        assertTrue(run.err().contains("add 'machine kernel " + profile + "'"), run.err());
        Cli kernel = Cli.run("kernel", f.toString());
        assertTrue(kernel.out().contains("(profile " + profile + ")"), kernel.out());
        assertTrue(kernel.out().contains("add 'machine kernel " + profile + "'"), kernel.out());
        // with the line, run follows this kernel: the emptied table is freed, and nothing more is said
        Path g = scenario("dontneed-kernel.cowpte", "machine kernel " + profile + "\n"
                + body.replace("pte == 1", "pte == 0"));
        Cli both = Cli.run("run", g.toString());
        assertEquals(0, both.code(), both.out());
        assertEquals("", both.err());
        Cli onKernel = Cli.run("kernel", g.toString());
        assertEquals(0, onKernel.code(), onKernel.out());
        assertFalse(onKernel.out().contains("add 'machine kernel"), onKernel.out());
        // a profile without pt-reclaim describes another kernel: not run on this one, with the line
        Path old = scenario("dontneed-6.12.cowpte", "machine kernel 6.12\n" + body);
        Cli refused = Cli.run("kernel", old.toString());
        assertTrue(refused.out().contains("line 1: machine kernel 6.12 has no pt-reclaim, but this kernel frees"
                + " empty PTE tables"), refused.out());
    }

    @Test
    void theSummaryCountsWhatTheFilesSay() throws Exception {
        KernelEnvironment.require("kernel command");
        Cli r = Cli.run("kernel", Cli.quickSamples(dir).toString());
        String out = r.out();
        int agrees = count(out, "(?m)^\\S+\\.cowpte: agrees[;,]");
        int disagree = count(out, "(?m)^\\S+\\.cowpte: DISAGREES");
        int notRun = count(out, "(?m)^\\S+\\.cowpte: NOT RUN");
        int failing = count(out, "(?m)^\\S+\\.cowpte: (agrees, but \\d+ expectations? fail|NOT RUN.*FAILED)");
        assertTrue(agrees > 0, out);
        assertTrue(failing > 0, "failing-on-purpose.cowpte fails: " + out);
        assertTrue(out.endsWith(" scenarios: " + agrees + " agree with the kernel, " + disagree + " disagree, "
                + notRun + " not run on this kernel; " + failing + " with failed expectations\n"), out);
    }

    @Test
    void aSimulationThatDiffersFromTheKernelFailsTheCommand() throws Exception {
        KernelEnvironment.require("kernel command");
        // the negative control: the kernel maps a shared read fault's window, 'fault-around off' does not
        Path f = scenario("window.cowpte", """
                machine fault-around off
                process parent
                mmap parent shm 64 shared
                write parent shm[16..24] = 3
                fork parent -> child
                read child shm[20]
                """);
        Cli r = Cli.run("kernel", f.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("window.cowpte:6:1: kernel and simulation disagree: rss child: kernel 32 KiB,"
                + " simulated 4 KiB\n"), r.out());
        assertTrue(r.out().contains("window.cowpte: DISAGREES; "), r.out());
        Cli junit = Cli.run("kernel", "--format", "junit", f.toString());
        assertEquals(1, junit.code());
        assertTrue(junit.out().contains("<failure message=\"kernel and simulation disagree: kernel 32 KiB, simulated"
                + " 4 KiB\""), junit.out());
    }

    @Test
    void eachFileSaysHowMuchWasComparedOnTheKernelInEveryFormat() throws Exception {
        KernelEnvironment.require("kernel command");
        Path f = scenario("counts.cowpte", """
                process p
                mmap p buf 8
                touch p buf
                fork p -> c
                expect rss c == 8
                expect tables pte == 2
                """);
        Cli text = Cli.run("kernel", f.toString());
        assertEquals(0, text.code(), text.out());
        // after mmap and touch: pagetables, rss and faults of p and the machine's pagetables; after the fork
        // those of p and c (p's unchanged, so not in a row of their own): 4 + 4 + 7
        assertTrue(text.out().contains("; compared on the kernel: 1 of 2 expectations, 15 counters ("), text.out());
        Cli json = Cli.run("kernel", "--format", "json", f.toString());
        assertTrue(json.out().matches("(?s).*\"ranOnKernel\": true,\\s+\"compared\": \\{\\s+\"expectations\": 1,"
                + "\\s+\"expectationsNotCompared\": 1,\\s+\"counters\": 15,\\s+\"countersNotCompared\": 0\\s+}.*"),
                json.out());
        Cli junit = Cli.run("kernel", "--format", "junit", f.toString());
        assertTrue(junit.out().contains("<property name=\"expectations compared on the kernel\" value=\"1\"/>"),
                junit.out());
        assertTrue(junit.out().contains("<property name=\"counters compared on the kernel\" value=\"15\"/>"),
                junit.out());
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(KernelCommandTest.class.getResource("/junit-ant.xsd")).newValidator()
                .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(junit.out())));
    }

    @Test
    void nothingComparedWithTheKernelIsAnExitCodeOfItsOwn() throws Exception {
        KernelComparison k = KernelEnvironment.require("kernel command");
        long gib = k.facts().memAvailable() / (1L << 30) + 2;
        Path big = scenario("big.cowpte", "machine memory " + (gib + 1) + "G\nprocess p\nmmap p buf " + gib
                + "G\ntouch p buf\n");
        Cli alone = Cli.run("kernel", big.toString());
        assertEquals(4, alone.code(), alone.out());
        assertTrue(alone.out().contains("big.cowpte: NOT RUN on the kernel, passed"), alone.out());
        assertTrue(alone.out().endsWith("1 scenario: 0 agree with the kernel, 0 disagree, 1 not run on this kernel;"
                + " 0 with failed expectations\n"), alone.out());
        Path small = scenario("small.cowpte", "process p\nmmap p buf 4\ntouch p buf\n");
        assertEquals(0, Cli.run("kernel", big.toString(), small.toString()).code(), "one file ran on the kernel");
        Path failing = scenario("failing.cowpte", "machine memory " + (gib + 1) + "G\nprocess p\nmmap p buf " + gib
                + "G\ntouch p buf\nexpect rss p == 0\n");
        assertEquals(1, Cli.run("kernel", failing.toString()).code(), "a failed expectation says more than 4");
        Cli help = Cli.run("kernel", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("4 nothing was compared with the kernel"), help.out());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aMachineLineThisKernelIsNotIsNotRunWithTheLine() throws Exception {
        KernelComparison k = KernelEnvironment.require("kernel command");
        int other = k.facts().levels() == 4 ? 5 : 4;
        Path levels = scenario("levels.cowpte", "machine levels " + other + "\nprocess p\nmmap p buf 2M\ntouch p buf\n");
        Cli r = Cli.run("kernel", levels.toString());
        assertEquals(4, r.code(), "nothing was compared with the kernel: " + r.out());
        assertTrue(r.out().contains("levels.cowpte: not run on the kernel: line 1: machine levels " + other
                + ", but this kernel uses " + k.facts().levels() + " paging levels\n"), r.out());
        assertTrue(r.out().contains("levels.cowpte: NOT RUN on the kernel, passed"), r.out());
        if (k.facts().ptReclaim().orElse(false)) {
            Cli sample = Cli.run("kernel", Cli.sample("dontneed-keeps-tables.cowpte"));
            assertEquals(4, sample.code(), sample.out());
            assertTrue(sample.out().contains("dontneed-keeps-tables.cowpte: not run on the kernel: line 7: machine"
                    + " pt-reclaim off, but this kernel frees empty PTE tables on MADV_DONTNEED (CONFIG_PT_RECLAIM)\n"),
                    sample.out());
            assertTrue(sample.out().contains("NOT RUN on the kernel, passed, 7 of 7 expectations held in the"
                    + " simulation"), sample.out());
            assertFalse(sample.out().contains("the simulation runs with machine pt-reclaim on"), sample.out());
        }
    }

    @Test
    void afterACallTheKernelRefusedTheReportSaysWhatIsNoLongerComparedAndCountsEveryExpectation() throws Exception {
        KernelEnvironment.require("kernel command");
        Path f = scenario("pin.cowpte", """
                process p
                mmap p buf 2M readonly
                pin p buf[0]
                expect value p buf[0] == 0
                mprotect p buf readwrite
                write p buf[1]
                munmap p buf[0..256]
                expect value p buf[300] == 0
                expect pagetables p == 12K
                expect segv read p buf[3]
                """);
        Cli r = Cli.run("kernel", f.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().matches("(?s).*\n +3  pin p buf\\[0\\] +counters p +not comparable: not compared from"
                + " line 3 on \\(values still are\\): line 3 pins read-only memory.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n +10  expect segv read p buf\\[3\\] +segv p +SIGSEGV +SIGSEGV +agree,"
                + " held on both.*"), r.out());
        assertTrue(r.out().contains("3 of 4 expectations held on both, 1 held in the simulation, not compared"),
                r.out());
        // the editor's one line says it too
        KernelReport report = KernelComparison.here().run(Files.readString(f), RunOptions.defaults(),
                KernelComparison.Progress.NONE);
        assertTrue(KernelCheckService.describe(report).contains(", 1 held in the simulation, not compared ("),
                KernelCheckService.describe(report));
    }

    @Test
    void rowsInsideARepeatShowTheIterationAndTheKernelIsNamedOnce() throws Exception {
        KernelEnvironment.require("kernel command");
        Path a = scenario("a.cowpte", """
                process parent
                mmap parent buf 2M
                touch parent buf
                repeat 3 as i {
                  fork parent -> w{i}
                  expect rss w{i} == 2M
                }
                """);
        Path b = scenario("b.cowpte", "process p\nmmap p buf 2M\ntouch p buf\n");
        Cli r = Cli.run("kernel", a.toString(), b.toString());
        assertEquals(0, r.code(), r.out());
        assertEquals(1, count(r.out(), "Linux "), r.out());
        assertTrue(r.out().startsWith("running kernel: Linux "), r.out());
        assertTrue(r.out().matches("(?s).*\n +5  fork parent -> w\\{i} \\(i=2\\) +rss w2 .*"), r.out());
        assertTrue(r.out().matches("(?s).*\n +6  expect rss w\\{i} == 2M \\(i=1\\) +rss w1 .*"), r.out());
    }
}
