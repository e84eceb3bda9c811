package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.mm.ForkPolicies;
import dev.cowpte.mm.ForkPolicy;
import dev.cowpte.run.ScenarioRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every surface of the product lists the simulator's registry of policies, no more and no
 * fewer: the language's checker, completion, --help, --version, compare, the VS Code extension's
 * setting and snippets, the Emacs mode, the Neovim syntax file, the debugger's launch argument
 * in editors/README.md and docs/LANGUAGE.md. The editor files (and that line of
 * editors/README.md) are generated from the registry: {@code -Dcowpte.updateEditors=true}
 * rewrites them.
 */
class PolicySurfacesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PACKAGE_JSON = ROOT.resolve("vscode-extension/package.json");
    private static final Path SNIPPETS = ROOT.resolve("vscode-extension/snippets/cowpte.json");
    private static final Path EMACS = ROOT.resolve("editors/emacs/cowpte.el");
    private static final Path VIM = ROOT.resolve("editors/neovim/syntax/cowpte.vim");
    private static final Path EDITORS_README = ROOT.resolve("editors/README.md");
    private static final Set<String> REGISTRY = Set.copyOf(ForkPolicies.names());
    private static final boolean UPDATE = Boolean.getBoolean("cowpte.updateEditors");

    @Test
    void theLanguageAcceptsEveryRegisteredPolicyAndNoOther() {
        for (String name : ForkPolicies.names()) {
            assertTrue(ScenarioRunner.check("policy " + name + "\n").diagnostics().isEmpty(), name);
        }
        assertEquals(ForkPolicies.names(), ScenarioRunner.POLICIES.names());
        assertEquals(ForkPolicies.names(), LanguageWords.POLICIES);
        assertTrue(ScenarioRunner.check("policy lazy\n").hasErrors());
    }

    @Test
    void helpVersionAndCompareListEveryPolicy() {
        Cli help = Cli.run("--help");
        Cli version = Cli.run("--version");
        for (String name : ForkPolicies.names()) {
            assertTrue(help.out().contains(name), "--help lacks " + name + ":\n" + help.out());
            assertTrue(version.out().contains(name), "--version lacks " + name);
        }
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

    @Test
    void theSnippetsOfferTheRegistry() throws IOException {
        String json = Files.readString(SNIPPETS);
        Pattern choice = Pattern.compile("policy \\$\\{(\\d+)\\|([a-z0-9,-]+)\\|\\}");
        if (UPDATE) {
            Matcher m = choice.matcher(json);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                List<String> order = new ArrayList<>(List.of(m.group(2).split(",")));
                order.retainAll(REGISTRY);
                LinkedHashSet<String> names = new LinkedHashSet<>(order);
                names.addAll(ForkPolicies.names());
                m.appendReplacement(sb, Matcher.quoteReplacement("policy ${" + m.group(1) + "|"
                        + String.join(",", names) + "|}"));
            }
            m.appendTail(sb);
            json = sb.toString();
            Files.writeString(SNIPPETS, json, StandardCharsets.UTF_8);
        }
        Matcher m = choice.matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
            assertEquals(REGISTRY, Set.of(m.group(2).split(",")), "snippet choice " + m.group());
        }
        assertTrue(n >= 2, "the snippets offer policies");
    }

    @Test
    void theEmacsModeHighlightsTheRegistry() throws IOException {
        String el = Files.readString(EMACS);
        Pattern line = Pattern.compile("\\(\"\\\\\\\\_<\\\\\\\\\\(\\?:([^)]*)\\\\\\\\\\)\\\\\\\\_>\" \\. font-lock-constant-face\\)");
        Matcher m = line.matcher(el);
        assertTrue(m.find(), "cowpte.el has the policy names' font-lock line");
        if (UPDATE) {
            // longest first, so that cow-pte-rfc is not matched as cow-pte
            String alternatives = String.join("\\\\|", longestFirst());
            el = el.substring(0, m.start(1)) + alternatives + el.substring(m.end(1));
            Files.writeString(EMACS, el, StandardCharsets.UTF_8);
            m = line.matcher(el);
            assertTrue(m.find());
        }
        assertEquals(REGISTRY, Set.of(m.group(1).split("\\\\\\\\\\|")), "cowpte.el policy names");
    }

    @Test
    void theNeovimSyntaxHighlightsTheRegistry() throws IOException {
        String vim = Files.readString(VIM);
        String separator = "\\|";
        Pattern line = Pattern.compile(Pattern.quote("syntax match cowptePolicy /\\<\\(") + "(.*?)"
                + Pattern.quote("\\)\\>/"));
        Matcher m = line.matcher(vim);
        assertTrue(m.find(), "cowpte.vim has the cowptePolicy syntax match");
        if (UPDATE) {
            // longest first, so that cow-pte-rfc is not matched as cow-pte
            String alternatives = String.join(separator, longestFirst());
            vim = vim.substring(0, m.start(1)) + alternatives + vim.substring(m.end(1));
            Files.writeString(VIM, vim, StandardCharsets.UTF_8);
            m = line.matcher(vim);
            assertTrue(m.find());
        }
        List<String> names = List.of(m.group(1).split(Pattern.quote(separator)));
        assertEquals(REGISTRY, Set.copyOf(names), "cowpte.vim policy names");
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                // Vim takes the first alternative that matches: cow-pte before cow-pte-rfc would
                // colour only "cow-pte" of it
                assertTrue(!names.get(j).startsWith(names.get(i) + "-"),
                        "cowpte.vim: " + names.get(j) + " must come before " + names.get(i));
            }
        }
    }

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

    private static List<String> longestFirst() {
        return ForkPolicies.names().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s)).toList();
    }

    @Test
    void theLanguageReferenceNamesEveryPolicy() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/LANGUAGE.md"));
        for (ForkPolicy p : ForkPolicies.all()) {
            assertTrue(doc.contains("`" + p.name() + "`"), "docs/LANGUAGE.md lacks `" + p.name() + "`");
        }
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
