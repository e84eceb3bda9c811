package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What README.md and docs/COMMANDS.md show a newcomer works: every {@code ./cowpte} line of
 * their code blocks parses as the command line it claims (subcommand and options), every sample
 * they name exists, and the output the README's tour pastes under {@code $ ./cowpte run|compare|check}
 * is what the command prints today ({@code …} stands for lines left out; runs of spaces count as
 * one, since a table's columns widen with the path the test gives). {@code cowpte kernel}'s
 * output depends on the machine and is not compared.
 */
class ReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> DOCS = List.of("README.md", "docs/COMMANDS.md");
    private static final Set<String> COMPARED = Set.of("run", "compare", "check");
    private static final String ELIDED = "…";

    /** A fenced code block: its lines, and the line of the file where it starts. */
    record Block(String file, int line, List<String> lines) {
    }

    static List<Block> blocks(String file) throws IOException {
        List<String> all = Files.readAllLines(ROOT.resolve(file));
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("```")) {
                int start = i + 1;
                int end = start;
                while (end < all.size() && !all.get(end).startsWith("```")) {
                    end++;
                }
                out.add(new Block(file, start + 1, all.subList(start, end)));
                i = end;
            }
        }
        return out;
    }

    /** The words after {@code ./cowpte} on a line that runs it ({@code $ } prompt and {@code #} comment dropped), or null. */
    static List<String> cowpteArgs(String line) {
        String l = line.strip();
        if (l.startsWith("$ ")) {
            l = l.substring(2).strip();
        }
        if (!l.startsWith("./cowpte ") && !l.equals("./cowpte")) {
            return null;
        }
        int comment = l.indexOf(" #");
        if (comment >= 0) {
            l = l.substring(0, comment);
        }
        List<String> words = new ArrayList<>(List.of(l.strip().split("\\s+")));
        words.remove(0);
        return words;
    }

    @Test
    void everyCowpteCommandLineInTheDocsParses() throws IOException {
        Set<String> subcommands = CowpteCommand.line().getSubcommands().keySet();
        int seen = 0;
        for (String doc : DOCS) {
            for (Block b : blocks(doc)) {
                for (int i = 0; i < b.lines().size(); i++) {
                    List<String> args = cowpteArgs(b.lines().get(i));
                    if (args == null) {
                        continue;
                    }
                    seen++;
                    String where = doc + ":" + (b.line() + i) + ": ./cowpte " + String.join(" ", args);
                    assertFalse(args.isEmpty(), where + ": no subcommand");
                    assertTrue(subcommands.contains(args.get(0)) || args.get(0).startsWith("-"),
                            where + ": '" + args.get(0) + "' is not a subcommand of cowpte " + subcommands);
                    try {
                        CowpteCommand.line().parseArgs(args.toArray(String[]::new));
                    } catch (CommandLine.ParameterException e) {
                        fail(where + ": " + e.getMessage());
                    }
                }
            }
        }
        assertTrue(seen >= 5, "the README shows how to run cowpte; found " + seen + " command lines");
    }

    @Test
    void everySampleTheDocsNameExists() throws IOException {
        Set<String> named = new LinkedHashSet<>();
        for (String doc : DOCS) {
            Matcher m = Pattern.compile("samples/([A-Za-z0-9._-]+\\.cowpte)").matcher(Files.readString(ROOT.resolve(doc)));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        // the Samples section names each sample by its base name in parentheses: (`fork-1g-thp`)
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Samples");
        assertTrue(start >= 0, "README.md has a Samples section");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = Pattern.compile("\\(`([a-z0-9-]+)`\\)").matcher(readme.substring(start, end < 0 ? readme.length() : end));
        int inSection = 0;
        while (m.find()) {
            named.add(m.group(1) + ".cowpte");
            inSection++;
        }
        assertTrue(inSection >= 5, "the Samples section names samples");
        for (String name : named) {
            assertTrue(Files.isRegularFile(ROOT.resolve("samples").resolve(name)), "samples/" + name + " does not exist");
        }
    }

    @Test
    void theOutputTheReadmeShowsIsWhatCowptePrints() throws IOException {
        int compared = 0;
        boolean showSeen = false;
        for (Block b : blocks("README.md")) {
            if (b.lines().isEmpty() || !b.lines().get(0).startsWith("$ ")) {
                continue;
            }
            List<String> args = cowpteArgs(b.lines().get(0));
            if (args == null || args.isEmpty() || !COMPARED.contains(args.get(0))) {
                continue;
            }
            List<String> mapped = args.stream().map(a -> a.startsWith("samples/")
                    ? Cli.SAMPLES.resolve(a.substring("samples/".length())).toString() : a).toList();
            Cli cli = Cli.run(mapped.toArray(String[]::new));
            List<String> actual = List.of(Cli.normalise(cli.out()).split("\n"));
            List<String> shown = b.lines().subList(1, b.lines().size());
            assertShownIn(shown, actual, "README.md:" + b.line() + ": $ ./cowpte " + String.join(" ", args));
            showSeen |= shown.stream().anyMatch(l -> l.contains(": show "));
            compared++;
        }
        assertTrue(compared >= 3, "the README's tour shows run and compare with their output; compared " + compared);
        assertTrue(showSeen, "the README shows what a show statement prints");
    }

    /** Each run of shown lines between {@code …} is a run of actual lines, in the same order. */
    private static void assertShownIn(List<String> shown, List<String> actual, String where) {
        int from = 0;
        List<String> run = new ArrayList<>();
        List<List<String>> runs = new ArrayList<>();
        for (String l : shown) {
            if (l.strip().equals(ELIDED)) {
                runs.add(run);
                run = new ArrayList<>();
            } else {
                run.add(words(l));
            }
        }
        runs.add(run);
        for (List<String> r : runs) {
            int at = indexOf(actual, r, from);
            if (at < 0) {
                assertEquals(String.join("\n", r), String.join("\n", actual), where
                        + ": these lines are not what cowpte prints (after line " + from + " of its output)");
            }
            from = at + r.size();
        }
    }

    private static String words(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static int indexOf(List<String> actual, List<String> run, int from) {
        for (int i = from; i + run.size() <= actual.size(); i++) {
            boolean all = true;
            for (int j = 0; j < run.size() && all; j++) {
                all = words(actual.get(i + j)).equals(run.get(j));
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }
}
