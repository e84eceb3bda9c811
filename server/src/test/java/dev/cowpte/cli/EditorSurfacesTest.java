package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cowpte.lang.syntax.Vocabulary;
import dev.cowpte.lang.syntax.Vocabulary.Group;
import dev.cowpte.mm.ForkPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The editor files that cannot ask the language server list the language's words and policies:
 * every keyword of the grammar's {@link Vocabulary} and every policy of the simulator's
 * {@link ForkPolicies}, no more and no fewer. They are the TextMate grammar (its generator's word
 * list, and the JSON it writes), the extension's snippets and its default-policy setting, the
 * Emacs mode, the Neovim syntax file and the debugger's launch argument in editors/README.md.
 * {@code -Dcowpte.updateEditors=true} rewrites the generated parts (between BEGIN words and END
 * words where the format has comments; the arrays and choices in JSON) and then runs the
 * TextMate grammar's generator when node is installed.
 */
class EditorSurfacesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path GRAMMAR_SCRIPT = ROOT.resolve("vscode-extension/scripts/build-grammar.mjs");
    private static final Path TEXTMATE = ROOT.resolve("vscode-extension/syntaxes/cowpte.tmLanguage.json");
    private static final Path PACKAGE_JSON = ROOT.resolve("vscode-extension/package.json");
    private static final Path SNIPPETS = ROOT.resolve("vscode-extension/snippets/cowpte.json");
    private static final Path EMACS = ROOT.resolve("editors/emacs/cowpte.el");
    private static final Path VIM = ROOT.resolve("editors/neovim/syntax/cowpte.vim");
    private static final Path EDITORS_README = ROOT.resolve("editors/README.md");
    private static final Set<String> REGISTRY = Set.copyOf(ForkPolicies.names());
    private static final boolean UPDATE = Boolean.getBoolean("cowpte.updateEditors");
    private static final String WHO = "written from the grammar's Vocabulary by EditorSurfacesTest"
            + " (-Dcowpte.updateEditors=true); do not edit";

    // ---- the TextMate grammar ------------------------------------------------------------------

    @Test
    void theTextMateGrammarsGeneratorHasEveryWord() throws IOException {
        StringBuilder js = new StringBuilder("const WORDS = {\n");
        for (Group g : Group.values()) {
            js.append("    ").append(camel(g.name())).append(": ").append(jsArray(g.words())).append(",\n");
        }
        js.append("    settingValues: { ").append(Vocabulary.settingValues().entrySet().stream()
                .map(e -> "'" + e.getKey() + "': " + jsArray(e.getValue())).collect(Collectors.joining(", ")))
                .append(" },\n");
        js.append("    unit: ").append(jsArray(Vocabulary.UNITS)).append(",\n");
        js.append("    comparison: ").append(jsArray(Vocabulary.allComparisons())).append(",\n};\n");
        Region.of(GRAMMAR_SCRIPT, "// ").check(js.toString());
        if (UPDATE) {
            regenerateTheTextMateGrammar();
        }
    }

    @Test
    void theTextMateGrammarMatchesEveryWord() throws IOException {
        List<String> patterns = new ArrayList<>();
        collectPatterns(JsonParser.parseString(Files.readString(TEXTMATE)), patterns);
        String all = String.join("\n", patterns);
        List<String> missing = new ArrayList<>();
        for (String word : allWords()) {
            // the word as a whole alternative of a group, (word|, |word), (?:word), or a word of its own: \bword\s
            Pattern alternative = Pattern.compile("(?<=[(|:]|\\\\[bG])" + Pattern.quote(word) + "(?=[|)\\\\])");
            if (!alternative.matcher(all).find()) {
                missing.add(word);
            }
        }
        assertEquals(List.of(), missing, TEXTMATE + " has no pattern for these words; run"
                + " `npm run build` in vscode-extension (after -Dcowpte.updateEditors=true)");
    }

    private static void regenerateTheTextMateGrammar() throws IOException {
        try {
            Process node = new ProcessBuilder("node", GRAMMAR_SCRIPT.toString()).inheritIO().start();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS) && node.exitValue() == 0, "node build-grammar.mjs");
        } catch (IOException notInstalled) {
            System.err.println("node is not installed: run `npm run build` in vscode-extension to rewrite " + TEXTMATE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void collectPatterns(JsonElement e, List<String> out) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
                boolean regex = Set.of("match", "begin", "end").contains(entry.getKey())
                        && entry.getValue().isJsonPrimitive();
                if (regex) {
                    out.add(entry.getValue().getAsString());
                } else {
                    collectPatterns(entry.getValue(), out);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectPatterns(x, out));
        }
    }

    // ---- the snippets and the extension's setting ----------------------------------------------

    @Test
    void theSnippetsHaveEveryStatementAndExpectation() throws IOException {
        JsonObject snippets = JsonParser.parseString(Files.readString(SNIPPETS)).getAsJsonObject();
        Set<String> prefixes = new TreeSet<>();
        snippets.entrySet().forEach(e -> prefixes.add(e.getValue().getAsJsonObject().get("prefix").getAsString()));
        List<String> missing = new ArrayList<>();
        // expect's snippets are one per expectation
        Group.STATEMENT.words().stream().filter(w -> !w.equals("expect") && !prefixes.contains(w))
                .forEach(missing::add);
        Group.EXPECTATION.words().stream().filter(w -> !prefixes.contains("expect" + w))
                .forEach(w -> missing.add("expect" + w));
        assertEquals(List.of(), missing, SNIPPETS + ": snippets with these prefixes");
    }

    /** A choice {@code ${N|a,b|}} after the words of a snippet line that say what it offers. */
    private record Choice(String name, Pattern context, Function<List<String>, List<String>> wanted) {
    }

    @Test
    void theSnippetsChoicesOfferEveryWordOfTheirGroup() throws IOException {
        List<String> mapFlags = Group.MAP_OPTION.words().stream().filter(w -> !w.equals("at")).toList();
        List<Choice> choices = List.of(
                new Choice("policies", Pattern.compile("policy "), current -> ForkPolicies.names()),
                new Choice("mmap's options", Pattern.compile("\"mmap [^\"|]*?"), current -> mapFlags),
                new Choice("protections", Pattern.compile("\"mprotect [^\"|]*?"), current -> Group.PROTECTION.words()),
                new Choice("advice", Pattern.compile("\"madvise [^\"|]*?"), current -> Group.ADVICE.words()),
                new Choice("table levels", Pattern.compile("expect tables [^\"|]*?"), current -> Group.TABLE_LEVEL.words()),
                new Choice("fault kinds", Pattern.compile("expect faults [^\"|]*?"), current -> Group.FAULT_KIND.words()),
                new Choice("machine settings", Pattern.compile("\"machine "), EditorSurfacesTest::machineChoice));
        String json = Files.readString(SNIPPETS);
        for (Choice c : choices) {
            Pattern p = Pattern.compile("(" + c.context().pattern() + ")\\$\\{(\\d+)\\|([^|]+)\\|\\}");
            if (UPDATE) {
                Matcher m = p.matcher(json);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    List<String> current = List.of(m.group(3).split(","));
                    List<String> wanted = c.wanted().apply(current);
                    // the file's order first (a starter may offer its favourite first), then the rest
                    LinkedHashSet<String> items = new LinkedHashSet<>(current);
                    items.retainAll(Set.copyOf(wanted));
                    items.addAll(wanted);
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "${" + m.group(2) + "|"
                            + String.join(",", items) + "|}"));
                }
                m.appendTail(sb);
                json = sb.toString();
                Files.writeString(SNIPPETS, json, StandardCharsets.UTF_8);
            }
            Matcher m = p.matcher(json);
            int n = 0;
            while (m.find()) {
                n++;
                List<String> current = List.of(m.group(3).split(","));
                assertEquals(new TreeSet<>(c.wanted().apply(current)), new TreeSet<>(current),
                        SNIPPETS + ": the choice of " + c.name() + " in " + m.group());
            }
            assertTrue(n >= 1, SNIPPETS + " offers " + c.name());
        }
    }

    /**
     * {@code machine ${1|memory 64G,levels 5,pt-reclaim on,...|}}: each setting, those with
     * keyword values once per value; a number setting keeps the number the file gives it.
     */
    private static List<String> machineChoice(List<String> current) {
        List<String> out = new ArrayList<>();
        Vocabulary.settingValues().forEach((setting, values) -> {
            if (values.isEmpty()) {
                List<String> given = current.stream().filter(i -> i.startsWith(setting + " ")).toList();
                out.addAll(given.isEmpty() ? List.of(setting + " ?") : given);
            } else {
                values.forEach(v -> out.add(setting + " " + v));
            }
        });
        return out;
    }

    @Test
    void theVsCodeSettingListsTheRegistry() throws IOException {
        String json = Files.readString(PACKAGE_JSON);
        Pattern enumBlock = Pattern.compile("(\"cowpte\\.defaultPolicy\": \\{\\s*\"type\": \"string\",\\s*\"enum\": \\[)"
                + "([^\\]]*)(\\],\\s*\"enumDescriptions\": \\[)([^\\]]*)(\\])");
        Matcher m = enumBlock.matcher(json);
        assertTrue(m.find(), "package.json has the cowpte.defaultPolicy enum");
        if (UPDATE) {
            String indent = "\n            ";
            String names = indent + String.join("," + indent, ForkPolicies.all().stream()
                    .map(p -> "\"" + p.name() + "\"").toList()) + "\n          ";
            String briefs = indent + String.join("," + indent, ForkPolicies.all().stream()
                    .map(p -> "\"" + capitalized(p.description().brief()) + ".\"").toList()) + "\n          ";
            json = json.substring(0, m.start()) + m.group(1) + names + m.group(3) + briefs + m.group(5)
                    + json.substring(m.end());
            Files.writeString(PACKAGE_JSON, json, StandardCharsets.UTF_8);
            m = enumBlock.matcher(json);
            assertTrue(m.find());
        }
        assertEquals(ForkPolicies.names(), quoted(m.group(2)), "package.json cowpte.defaultPolicy enum");
        assertEquals(ForkPolicies.names().size(), quoted(m.group(4)).size(), "one description per policy");
    }

    // ---- Emacs ------------------------------------------------------------------------------------

    @Test
    void theEmacsModeHighlightsEveryWordAndPolicy() throws IOException {
        String units = Vocabulary.UNITS.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.joining("\\\\|"));
        String el = "(defvar cowpte-font-lock-keywords\n"
                + "  `((," + elispWords(statements()) + "\n     . font-lock-keyword-face)\n"
                + "    (," + elispWords(expectations()) + "\n     . font-lock-builtin-face)\n"
                + "    (," + elispWords(otherKeywords()) + "\n     . font-lock-type-face)\n"
                + "    (\"\\\\_<\\\\(?:" + String.join("\\\\|", policiesLongestFirst()) + "\\\\)\\\\_>\""
                + " . font-lock-constant-face)\n"
                + "    (\"\\\\_<\\\\(?:0x[0-9A-Fa-f_]+\\\\|[0-9][0-9_.]*\\\\(?:" + units + "\\\\)?\\\\)\\\\_>\""
                + " . font-lock-constant-face))\n"
                + "  \"What cowpte-mode highlights: statements, expectations, the other keywords, policies, numbers.\")\n";
        Region.of(EMACS, ";; ").check(el);
    }

    private static String elispWords(List<String> words) {
        StringBuilder out = new StringBuilder("(regexp-opt '(");
        int column = out.length() + 6;
        for (int i = 0; i < words.size(); i++) {
            String w = "\"" + words.get(i) + "\"";
            if (i > 0 && column + w.length() + 1 > 100) {
                out.append("\n                    ");
                column = 20;
            } else if (i > 0) {
                out.append(' ');
                column++;
            }
            out.append(w);
            column += w.length();
        }
        return out.append(")\n                  'symbols)").toString();
    }

    // ---- Neovim -----------------------------------------------------------------------------------

    @Test
    void theNeovimSyntaxHighlightsEveryWordAndPolicy() throws IOException {
        // Vim's keywords are runs of the syntax's keyword characters: '-' among them, pt-reclaim and
        // cow-pte are words of their own, and cow of cow-pte is not the fault kind
        String units = Vocabulary.UNITS.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.joining("\\|"));
        String operators = Vocabulary.allComparisons().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.joining("\\|"));
        String vim = "syntax iskeyword @,48-57,_,192-255,-\n"
                + "syntax keyword cowpteStatement " + String.join(" ", statements()) + "\n"
                + "syntax keyword cowpteExpectation " + String.join(" ", expectations()) + "\n"
                + "syntax keyword cowpteOption " + String.join(" ", otherKeywords()) + "\n"
                + "syntax keyword cowptePolicy " + String.join(" ", ForkPolicies.names()) + "\n"
                + "syntax match cowpteOperator /" + operators + "\\|=/\n"
                + "syntax match cowpteNumber /\\<0x\\x\\+\\>\\|\\<\\d[0-9_]*\\(\\.\\d\\+\\)\\=\\(" + units + "\\)\\=\\>/\n";
        Region.of(VIM, "\" ").check(vim);
    }

    // ---- editors/README.md ------------------------------------------------------------------------

    @Test
    void theDebuggersLaunchArgumentInEditorsReadmeListsTheRegistry() throws IOException {
        String md = Files.readString(EDITORS_README);
        Pattern line = Pattern.compile("`policy` \\(one of ((?:`[a-z0-9-]+`(?:, )?)+):");
        Matcher m = line.matcher(md);
        assertTrue(m.find(), "editors/README.md lists the launch argument policy's names");
        if (UPDATE) {
            String names = String.join(", ", ForkPolicies.names().stream().map(n -> "`" + n + "`").toList());
            md = md.substring(0, m.start(1)) + names + md.substring(m.end(1));
            Files.writeString(EDITORS_README, md, StandardCharsets.UTF_8);
            m = line.matcher(md);
            assertTrue(m.find());
        }
        assertEquals(ForkPolicies.names(), List.of(m.group(1).replace("`", "").split(", ")),
                "editors/README.md, the debugger's policy argument");
    }

    // ---- the words, by how the editors colour them ------------------------------------------------

    private static List<String> statements() {
        return Group.STATEMENT.words();
    }

    /** The expectations that are not also statements. */
    private static List<String> expectations() {
        return Group.EXPECTATION.words().stream().filter(w -> !statements().contains(w)).toList();
    }

    /** Every other keyword, once. */
    private static List<String> otherKeywords() {
        List<String> out = new ArrayList<>(Vocabulary.wordsOf(Group.values()));
        out.removeAll(statements());
        out.removeAll(expectations());
        return out;
    }

    private static List<String> allWords() {
        List<String> out = new ArrayList<>(Vocabulary.wordsOf(Group.values()));
        out.addAll(Vocabulary.UNITS);
        out.addAll(Vocabulary.allComparisons());
        return out;
    }

    /** Longest first, so that cow-pte-rfc is not matched as cow-pte. */
    private static List<String> policiesLongestFirst() {
        return ForkPolicies.names().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
    }

    // ---- generated regions ------------------------------------------------------------------------

    /** The lines between "BEGIN words" and "END words" comment lines of a file. */
    private record Region(Path file, String text, int start, int end) {
        static Region of(Path file, String comment) throws IOException {
            String text = Files.readString(file);
            String begin = comment + "BEGIN words: " + WHO + "\n";
            int b = text.indexOf(begin);
            int e = text.indexOf(comment + "END words\n");
            assertTrue(b >= 0 && e > b, file + " has the generated region:\n" + begin + "...\n" + comment + "END words");
            return new Region(file, text, b + begin.length(), e);
        }

        void check(String wanted) throws IOException {
            if (UPDATE) {
                Files.writeString(file, text.substring(0, start) + wanted + text.substring(end), StandardCharsets.UTF_8);
                return;
            }
            assertEquals(wanted, text.substring(start, end), file + ": the generated words are not the language's;"
                    + " rewrite them with -Dcowpte.updateEditors=true");
        }
    }

    private static String camel(String constant) {
        String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(capitalized(parts[i]));
        }
        return out.toString();
    }

    private static String jsArray(List<String> words) {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<String> quoted(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(list);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
