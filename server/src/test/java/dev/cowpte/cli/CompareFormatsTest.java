package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cowpte.words.Amounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cowpte compare} as text (100 columns), JSON and CSV, and {@code --with-thp}, as a user runs them. */
class CompareFormatsTest {
    @TempDir
    Path tmp;

    /** A text row: its section heading (empty for the scenario's rows), its label and its cells by policy. */
    private record TextRow(String section, String label, Map<String, String> cells) {
    }

    @Test
    void everyLineOfTheTextTableFitsInOneHundredColumnsOnEverySample() throws Exception {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Cli.SAMPLES)) {
            samples = s.filter(p -> p.toString().endsWith(".cowpte")).sorted().toList();
        }
        assertTrue(samples.size() > 10, "the samples are found");
        for (Path sample : samples) {
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"compare", sample.toString()});
            if (!Cli.SLOW_SAMPLES.contains(sample.getFileName().toString())) {
                runs.add(new String[] {"compare", "--with-thp", sample.toString()}); // twelve columns
            }
            for (String[] args : runs) {
                Cli r = Cli.run(args);
                assertTrue(r.code() == 0, String.join(" ", args) + ": " + r.err());
                for (String line : Cli.normalise(r.out()).split("\n")) {
                    assertTrue(line.length() <= 100, String.join(" ", args) + ": " + line.length() + " columns: "
                            + line);
                }
            }
        }
    }

    @Test
    void policiesThatDoNotFitSideBySideAreCutIntoBlocksThatEachHaveEveryRow() {
        Cli r = Cli.run("compare", Cli.sample("redis-snapshot.cowpte"));
        List<Map<String, TextRow>> blocks = blocks(r.out());
        assertTrue(blocks.size() > 1, r.out());
        Set<String> policies = new HashSet<>();
        for (Map<String, TextRow> b : blocks) {
            assertEquals(blocks.get(0).keySet(), b.keySet(), "every block has every row");
            policies.addAll(b.values().iterator().next().cells().keySet());
        }
        assertEquals(Set.of(dev.cowpte.mm.ForkPolicies.names().toArray(String[]::new)), policies, r.out());
    }

    @Test
    void jsonParsesAndHasTheRowsOfTheTextWithNumbersAsNumbers() {
        String sample = Cli.sample("pinned-fork.cowpte");
        Cli text = Cli.run("compare", "--policies", "classic,cow-pte,async-fork", sample);
        Cli json = Cli.run("compare", "--policies", "classic,cow-pte,async-fork", "--format", "json", sample);
        assertEquals(0, json.code(), json.err());
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(List.of("classic", "cow-pte", "async-fork"),
                root.getAsJsonArray("policies").asList().stream().map(JsonElement::getAsString).toList());
        Map<String, TextRow> textRows = blocks(text.out()).get(0);
        Map<String, List<JsonObject>> jsonRows = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (JsonElement e : root.getAsJsonArray("rows")) {
            JsonObject o = e.getAsJsonObject();
            String section = o.get("section").getAsString();
            String id = (section.equals("scenario") ? "" : section) + " / " + o.get("label").getAsString();
            jsonRows.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
            assertTrue(keys.add(o.get("key").getAsString()), "keys are unique: " + o);
            assertTrue(o.get("key").getAsString().matches("[a-z_]+(\\.[A-Za-z0-9_]+)*"), o.toString());
        }
        assertEquals(List.copyOf(textRows.keySet()), List.copyOf(jsonRows.keySet()), "the same rows in the same order");
        for (Map.Entry<String, TextRow> t : textRows.entrySet()) {
            JsonObject first = jsonRows.get(t.getKey()).get(0);
            String unit = first.get("unit").getAsString();
            for (Map.Entry<String, String> cell : t.getValue().cells().entrySet()) {
                JsonElement v = first.getAsJsonObject("values").get(cell.getKey());
                if (cell.getValue().equals("-")) {
                    assertTrue(v.isJsonNull(), t.getKey() + " " + cell.getKey());
                    continue;
                }
                assertTrue(v.getAsJsonPrimitive().isNumber(), t.getKey() + ": " + v);
                long n = v.getAsLong();
                String shown = switch (unit) {
                    case "bytes" -> Amounts.bytes(n);
                    case "ns" -> String.format(java.util.Locale.ROOT, "%.3f ms", n / 1e6);
                    default -> Long.toString(n);
                };
                // faults (all (cow/zero/table)) and expectations held (held/all) pack several counters
                assertTrue(cell.getValue().startsWith(shown), t.getKey() + " " + cell.getKey() + ": text "
                        + cell.getValue() + ", json " + n + " " + unit);
            }
        }
        JsonObject faults = jsonRows.get("machine / faults (cow/zero/table)").get(1);
        assertEquals("machine.faults_cow", faults.get("key").getAsString());
        assertTrue(jsonRows.containsKey("inside the parents' fork() calls / entries copied"));
        assertTrue(keys.containsAll(List.of("fork.entries_copied", "deferred.pages_copied", "fork_latency.longest_ns",
                "machine.pagetables_peak_bytes")), keys.toString());
        assertTrue(root.get("latencyModel").getAsString().startsWith("fork() latency is a model"), json.out());
    }

    @Test
    void csvHasAHeaderAndOneLinePerCounterWithAColumnPerPolicy() {
        String sample = Cli.sample("cow-pte-or-huge-pages.cowpte");
        Cli csv = Cli.run("compare", "--format", "csv", sample);
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        List<String> policies = dev.cowpte.mm.ForkPolicies.names();
        assertEquals("key," + String.join(",", policies), lines.get(0));
        JsonObject json = JsonParser.parseString(Cli.run("compare", "--format", "json", sample).out()).getAsJsonObject();
        assertEquals(json.getAsJsonArray("rows").size(), lines.size() - 1, "a line per counter");
        int i = 1;
        for (JsonElement e : json.getAsJsonArray("rows")) {
            String[] cells = lines.get(i++).split(",", -1);
            assertEquals(policies.size() + 1, cells.length, String.join(",", cells));
            JsonObject o = e.getAsJsonObject();
            assertEquals(o.get("key").getAsString(), cells[0]);
            for (int p = 0; p < policies.size(); p++) {
                JsonElement v = o.getAsJsonObject("values").get(policies.get(p));
                assertEquals(v.isJsonNull() ? "" : v.getAsString(), cells[p + 1], cells[0]);
            }
        }
        assertTrue(csv.out().contains("\nprocess.heap4k.pgtables_bytes," + 2056 * 1024 + ","), csv.out());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli r = Cli.run("compare", "--format", "xml", Cli.sample("phillips-2002.cowpte"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown --format 'xml'; use text, json or csv"), r.err());
    }

    @Test
    void aScenarioWithAnErrorGivesItsProblemsInJsonAndBesideTheCsv() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.cowpte"), "process p\nfork q -> c\n");
        Cli json = Cli.run("compare", "--format", "json", bad.toString());
        assertEquals(2, json.code());
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals(0, root.getAsJsonArray("rows").size());
        assertTrue(root.getAsJsonArray("problems").get(0).getAsString().startsWith(bad + ":2:"), json.out());
        Cli csv = Cli.run("compare", "--format", "csv", bad.toString());
        assertEquals(2, csv.code());
        assertTrue(csv.out().lines().count() == 1 && csv.out().startsWith("key,classic,"), csv.out());
        assertTrue(csv.err().contains(bad + ":2:") && csv.err().contains("not run, nothing to compare"), csv.err());
    }

    @Test
    void processesAlikeUnderEveryPolicyOneAfterAnotherShareOneSectionFromFourOn() throws Exception {
        // five readers of one shared mapping end alike; the two writers differ from them and from each other
        Path f = Files.writeString(tmp.resolve("alike.cowpte"), """
                process p
                mmap p buf 4M shared
                touch p buf
                repeat 5 as i {
                  fork p -> reader{i}
                  touch reader{i} buf read
                }
                fork p -> w1
                write w1 buf[0] = 1
                fork p -> w2
                touch w2 buf
                """);
        Cli text = Cli.run("compare", "--policies", "classic,cow-pte", f.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\nprocesses reader0 \u2026 reader4 (5 alike; each)\n"), text.out());
        assertFalse(text.out().contains("process reader2"), text.out());
        assertTrue(text.out().contains("\nprocess w1\n") && text.out().contains("\nprocess w2\n"), text.out());
        Cli json = Cli.run("compare", "--format", "json", "--policies", "classic,cow-pte", f.toString());
        Set<String> keys = new HashSet<>();
        JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("rows")
                .forEach(row -> keys.add(row.getAsJsonObject().get("key").getAsString()));
        assertTrue(keys.contains("processes.reader0-reader4.pgtables_bytes"), keys.toString());
        assertTrue(keys.contains("process.w1.pgtables_bytes"), keys.toString());
    }

    @Test
    void withThpSetsEachPolicyBesideItselfWithTwoMebibytePages() {
        // fork-1g-pagetables maps and writes 1 GiB with 4 KiB pages and forks it twice
        Cli r = Cli.run("compare", "--policies", "classic,cow-pte", "--with-thp", Cli.sample("fork-1g-pagetables.cowpte"));
        assertEquals(0, r.code(), r.err());
        Map<String, TextRow> rows = blocks(r.out()).get(0);
        TextRow parentFaults = rows.get("process parent / faults (cow/zero/table)");
        assertEquals(List.of("classic", "classic+thp", "cow-pte", "cow-pte+thp"),
                List.copyOf(parentFaults.cells().keySet()), "each policy, then the same policy with thp always");
        // writing 1 GiB faults once per 4 KiB page, or once per 2 MiB page under thp always
        assertEquals("262144 (0/0/0)", parentFaults.cells().get("classic"));
        assertEquals("512 (0/0/0)", parentFaults.cells().get("classic+thp"));
        TextRow huge = rows.get("work done / huge pmds copied");
        assertEquals("0", huge.cells().get("classic"));
        assertEquals("1024", huge.cells().get("classic+thp"), "two forks copy 512 huge PMDs each");
        TextRow entries = rows.get("inside the parents' fork() calls / entries copied");
        assertTrue(Long.parseLong(entries.cells().get("classic+thp")) < Long.parseLong(entries.cells().get("classic")),
                entries.toString());
        Cli without = Cli.run("compare", "--policies", "classic,cow-pte", Cli.sample("fork-1g-pagetables.cowpte"));
        assertFalse(without.out().contains("+thp"), without.out());
        assertFalse(blocks(without.out()).get(0).containsKey("work done / huge pmds copied"),
                "the huge PMD rows appear only when some column has huge PMDs");
    }

    /**
     * The text table read back: per block of columns, its rows by {@code section / label} in order
     * (the scenario's rows stand without a heading).
     */
    private static List<Map<String, TextRow>> blocks(String out) {
        List<Map<String, TextRow>> blocks = new ArrayList<>();
        String[] lines = out.split("\n");
        int i = 1; // the file name
        while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("fork() latency is a model")) {
            List<String> policies = List.of(lines[i].strip().split("\\s+"));
            Map<String, TextRow> rows = new LinkedHashMap<>();
            String section = "";
            for (i++; i < lines.length && !lines[i].isBlank(); i++) {
                String[] cells = lines[i].strip().split("\\s{2,}");
                if (cells.length == 1) {
                    section = cells[0];
                    continue;
                }
                String s = lines[i].startsWith("  ") ? section : "";
                Map<String, String> byPolicy = new LinkedHashMap<>();
                for (int c = 0; c < policies.size(); c++) {
                    byPolicy.put(policies.get(c), cells[c + 1]);
                }
                rows.put(s + " / " + cells[0], new TextRow(s, cells[0], byPolicy));
            }
            blocks.add(rows);
            i++;
        }
        return blocks;
    }
}
