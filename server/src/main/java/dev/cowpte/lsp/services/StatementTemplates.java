package dev.cowpte.lsp.services;

import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.lsp.document.ScopeAt;
import java.util.ArrayList;
import java.util.List;

/** The statement snippets offered at the start of a line, one per statement keyword. */
final class StatementTemplates {
    record Template(String keyword, String snippet, String shape, boolean retrigger) {
    }

    private StatementTemplates() {
    }

    /** Every statement, in the order the language description lists them; placeholders default to names in scope. */
    static List<Template> all(ScopeAt scope) {
        List<ScopeAt.ProcessDecl> living = scope.processes();
        String p = living.isEmpty() ? "P" : escape(living.get(living.size() - 1).name());
        String r = "buf";
        if (!living.isEmpty()) {
            var regions = scope.regions(living.get(living.size() - 1).name());
            if (!regions.isEmpty()) {
                r = escape(regions.get(0).text());
            }
        }
        String policies = String.join(",", LanguageWords.POLICIES);
        List<Template> out = new ArrayList<>();
        for (String keyword : LanguageWords.STATEMENTS) {
            out.add(switch (keyword) {
                case "scenario" -> new Template(keyword, "scenario \"${1:title}\"", "scenario \"title\"", false);
                case "policy" -> new Template(keyword, "policy ${1|" + policies + "|}", "policy NAME", false);
                case "machine" -> new Template(keyword,
                        "machine ${1|memory 64G,levels 5,pt-reclaim on,fault-around off,thp always|}",
                        "machine " + settingShapes(), false);
                case "process" -> new Template(keyword, "process ${1:parent}", "process P", false);
                case "mmap" -> new Template(keyword, "mmap ${1:" + p + "} ${2:buf} ${3:1G}",
                        "mmap P R SIZE [at ADDR] [shared] [readonly] [dontfork] [wipeonfork] [hugepage|nohugepage]", false);
                case "munmap" -> new Template(keyword, "munmap ${1:" + p + "} ${2:" + r + "}", "munmap P RANGE", false);
                case "mremap" -> new Template(keyword, "mremap ${1:" + p + "} ${2:" + r + "} ${3:2M}",
                        "mremap P R SIZE [at ADDR]", false);
                case "file" -> new Template(keyword, "file ${1:lib} ${2:2M}", "file F SIZE", false);
                case "mprotect" -> new Template(keyword, "mprotect ${1:" + p + "} ${2:" + r + "} ${3|"
                        + String.join(",", LanguageWords.PROTECTIONS) + "|}",
                        "mprotect P RANGE " + String.join("|", LanguageWords.PROTECTIONS), false);
                case "madvise" -> new Template(keyword, "madvise ${1:" + p + "} ${2:" + r + "} ${3|"
                        + String.join(",", LanguageWords.ADVICES) + "|}", "madvise P RANGE ADVICE", false);
                case "touch" -> new Template(keyword, "touch ${1:" + p + "} ${2:" + r + "}", "touch P RANGE [" + String.join("|", LanguageWords.ACCESS_KINDS) + "]",
                        false);
                case "read" -> new Template(keyword, "read ${1:" + p + "} ${2:" + r + "[0]}", "read P ADDR", false);
                case "write" -> new Template(keyword, "write ${1:" + p + "} ${2:" + r + "[0]} = ${3:1}",
                        "write P RANGE [= VALUE]", false);
                case "fork" -> new Template(keyword, "fork ${1:" + (living.isEmpty() ? "parent" : p) + "} -> ${2:child}",
                        "fork P -> C [policy NAME]", false);
                case "exit" -> new Template(keyword, "exit ${1:" + p + "}", "exit P", false);
                case "pin" -> new Template(keyword, "pin ${1:" + p + "} ${2:" + r + "}", "pin P RANGE", false);
                case "unpin" -> new Template(keyword, "unpin ${1:" + p + "} ${2:" + r + "}", "unpin P RANGE", false);
                case "repeat" -> new Template(keyword, "repeat ${1:4} as ${2:i} {\n\t$0\n}", "repeat N [as i] { … }",
                        false);
                case "show" -> new Template(keyword, "show", "show [P [ADDR]]", false);
                case "expect" -> new Template(keyword, "expect ", "expect METRIC … (an assertion)", true);
                default -> new Template(keyword, keyword, keyword, false);
            });
        }
        return out;
    }

    /** {@code memory SIZE | levels 4|5 | pt-reclaim on|off ...}: each setting and what it takes. */
    private static String settingShapes() {
        List<String> out = new ArrayList<>();
        LanguageWords.SETTING_VALUES.forEach((setting, values) -> out.add(setting + " "
                + (!values.isEmpty() ? String.join("|", values) : "levels".equals(setting) ? "4|5" : "SIZE")));
        return String.join(" | ", out);
    }

    /** A name inside a snippet placeholder: '$', '}' and '\' are escaped. */
    static String escape(String name) {
        return name.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}");
    }
}
