package dev.cowpte.lsp.document;

import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.syntax.Lexemes;
import dev.cowpte.lang.syntax.SyntaxMessages;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of the scenario language that editor features offer and recognise, taken from the
 * grammar module wherever it lists them (statement keywords, the tree's enums), and the policy
 * names from the simulator's registry.
 */
public final class LanguageWords {
    private LanguageWords() {
    }

    public static final List<String> STATEMENTS = SyntaxMessages.STATEMENT_KEYWORDS;
    /** The fork policies, from the simulator's registry. */
    public static final List<String> POLICIES = dev.cowpte.mm.ForkPolicies.names();
    public static final List<String> METRICS = List.of("pagetables", "tables", "rss", "memory", "refcount",
            "mapcount", "value", "faults", "shared", "private", "segv", "thp", "huge");
    public static final List<String> LEVELS = lower(Expectation.TableLevel.values());
    public static final List<String> FAULT_KINDS = lower(Expectation.FaultKind.values());
    public static final List<String> ADVICES = lower(Statement.Advice.values());
    /** mmap's options after the size: {@code at ADDR} and the flags. */
    public static final List<String> MAP_OPTIONS = concat(List.of("at"), lower(Statement.MapOption.values()));
    public static final List<String> PROTECTIONS = List.of("readonly", "readwrite");
    public static final List<String> ACCESS_KINDS = List.of("read", "write");
    public static final List<String> MACHINE_SETTINGS = List.of("memory", "levels", "pt-reclaim", "fault-around",
            "thp");
    public static final List<String> THP_MODES = lower(Statement.ThpMode.values());
    public static final List<String> UNITS = List.of("K", "M", "G", "T", "KiB", "MiB", "GiB", "TiB");
    public static final List<String> COMPARISONS = Arrays.stream(Comparison.values()).map(Comparison::symbol).toList();

    private static final Set<String> KEYWORDS = Lexemes.keywords();

    /** Whether {@code word} is one of the language's keywords (they are not reserved, but are confusing as names). */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
