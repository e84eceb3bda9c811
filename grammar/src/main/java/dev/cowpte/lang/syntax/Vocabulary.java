package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteLexer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The words of the scenario language in one place, grouped by the role they play: the
 * statement keywords, the expectations, the machine settings and their values, mmap's options,
 * madvise's advice, and so on. Each keyword is named by its lexer token, and its spelling is the
 * token's literal in {@link CowpteLexer#VOCABULARY}, so no keyword is typed twice; what the
 * lexer cannot tell (which words are settings, which size suffixes exist, the comparison signs
 * whose token has two spellings) is said here. Completion, did-you-mean messages, semantic
 * tokens and the editors' files take their lists from this class.
 */
public final class Vocabulary {

    /** A role a keyword plays; a word may play several ({@code madvise}, {@code memory}, {@code shared}). */
    public enum Group {
        /** The words a statement starts with, in the order the language description lists them. */
        STATEMENT(CowpteLexer.SCENARIO, CowpteLexer.POLICY, CowpteLexer.MACHINE, CowpteLexer.PROCESS,
                CowpteLexer.FILE, CowpteLexer.MMAP, CowpteLexer.MUNMAP, CowpteLexer.MREMAP, CowpteLexer.MPROTECT, CowpteLexer.MADVISE, CowpteLexer.TOUCH,
                CowpteLexer.READ, CowpteLexer.WRITE, CowpteLexer.FORK, CowpteLexer.EXIT, CowpteLexer.PIN,
                CowpteLexer.UNPIN, CowpteLexer.REPEAT, CowpteLexer.SHOW, CowpteLexer.EXPECT),
        /** What {@code expect} measures. */
        EXPECTATION(CowpteLexer.PAGETABLES, CowpteLexer.TABLES, CowpteLexer.RSS, CowpteLexer.MEMORY,
                CowpteLexer.REFCOUNT, CowpteLexer.MAPCOUNT, CowpteLexer.VALUE, CowpteLexer.FAULTS, CowpteLexer.SHARED,
                CowpteLexer.PRIVATE, CowpteLexer.SEGV, CowpteLexer.THP, CowpteLexer.HUGE, CowpteLexer.HUGETLB,
                CowpteLexer.MTHP),
        /** What {@code machine} sets. */
        MACHINE_SETTING(CowpteLexer.MEMORY, CowpteLexer.LEVELS, CowpteLexer.PT_RECLAIM, CowpteLexer.FAULT_AROUND,
                CowpteLexer.THP, CowpteLexer.SEED, CowpteLexer.HUGETLB, CowpteLexer.KERNEL),
        /** The values of {@code machine pt-reclaim} and {@code machine fault-around}. */
        SWITCH(CowpteLexer.ON, CowpteLexer.OFF),
        /** The values of {@code machine thp}; {@code inherit} only after a size ({@code machine thp 64K inherit}). */
        THP_MODE(CowpteLexer.NEVER, CowpteLexer.MADVISE, CowpteLexer.ALWAYS, CowpteLexer.INHERIT),
        /** mmap's options after the size: {@code at ADDR}, {@code file F} and the flags. */
        MAP_OPTION(CowpteLexer.AT, CowpteLexer.FILE, CowpteLexer.SHARED, CowpteLexer.READONLY, CowpteLexer.DONTFORK,
                CowpteLexer.WIPEONFORK, CowpteLexer.HUGEPAGE, CowpteLexer.NOHUGEPAGE, CowpteLexer.HUGETLB,
                CowpteLexer.MSHARE),
        /** mprotect's protections. */
        PROTECTION(CowpteLexer.READONLY, CowpteLexer.READWRITE),
        /** madvise's advice. */
        ADVICE(CowpteLexer.DONTNEED, CowpteLexer.DONTFORK, CowpteLexer.DOFORK, CowpteLexer.WIPEONFORK,
                CowpteLexer.KEEPONFORK, CowpteLexer.HUGEPAGE, CowpteLexer.NOHUGEPAGE),
        /** How {@code touch} accesses its range. */
        ACCESS_KIND(CowpteLexer.READ, CowpteLexer.WRITE),
        /** The levels {@code expect tables} may count. */
        TABLE_LEVEL(CowpteLexer.PGD, CowpteLexer.P4D, CowpteLexer.PUD, CowpteLexer.PMD, CowpteLexer.PTE),
        /** The kinds {@code expect faults} may count. */
        FAULT_KIND(CowpteLexer.COW, CowpteLexer.ZERO, CowpteLexer.TABLE),
        /** The parts of resident memory {@code expect rss P} may measure. */
        RSS_KIND(CowpteLexer.ANON, CowpteLexer.FILE, CowpteLexer.SHMEM),
        /** {@code repeat N as VARIABLE}. */
        REPEAT_VARIABLE(CowpteLexer.AS),
        /** What makes a range a page set: {@code R[A..B step S]}, {@code R[random N%]}. */
        PAGE_SET(CowpteLexer.STEP, CowpteLexer.RANDOM);

        private final int[] tokenTypes;
        private final List<String> words;

        Group(int... tokenTypes) {
            this.tokenTypes = tokenTypes;
            this.words = Arrays.stream(tokenTypes).mapToObj(Vocabulary::spelling).toList();
        }

        /** The group's words in the order the language description lists them. */
        public List<String> words() {
            return words;
        }

        /** The lexer token types of {@link #words()}, in the same order. */
        public int[] tokenTypes() {
            return tokenTypes.clone();
        }
    }

    /** The suffixes of a size ({@code 4K}, {@code 2MiB}): binary units, a power of 1024 each. */
    public static final List<String> UNITS = List.of("K", "M", "G", "T", "P", "KiB", "MiB", "GiB", "TiB", "PiB");

    /** The folio sizes of {@code machine thp SIZE MODE} and {@code expect mthp SIZE}: multi-size THP's sysfs entries. */
    public static final List<String> MTHP_SIZES = List.of("16K", "32K", "64K", "128K", "256K", "512K", "1M", "2M");

    /**
     * The statistics {@code expect mthp SIZE STAT} reads, named as the kernel's files in
     * {@code hugepages-<size>kB/stats/} (2M has none here: its folios are huge PMDs, {@code expect thp}).
     */
    public static final List<String> MTHP_STATISTICS = List.of(
            "anon_fault_alloc", "anon_fault_fallback", "split_deferred", "nr_anon", "nr_anon_partially_mapped");

    /** mmap's options a name follows: {@code file F}, {@code mshare M} (the rest stand alone, but {@code at ADDR}). */
    public static final List<String> NAMED_MAP_OPTIONS = List.of(spelling(CowpteLexer.FILE), spelling(CowpteLexer.MSHARE));

    /** The comparisons in their ASCII spelling. */
    public static final List<String> COMPARISONS = List.of("==", "!=", "<", "<=", ">", ">=");

    /** The other spellings of {@code !=}, {@code <=} and {@code >=}. */
    public static final List<String> COMPARISON_SIGNS = List.of("\u2260", "\u2264", "\u2265");

    private static final Set<String> KEYWORDS = literalWords();

    private Vocabulary() {
    }

    /** Every keyword: the words the lexer gives a token type of their own ({@code process}, {@code pt-reclaim} ...). */
    public static Set<String> keywords() {
        return KEYWORDS;
    }

    /** Whether {@code word} is a keyword (keywords are not reserved, but are confusing as names). */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }

    /** The words of {@code groups} in order, each once. */
    public static List<String> wordsOf(Group... groups) {
        Set<String> out = new LinkedHashSet<>();
        for (Group g : groups) {
            out.addAll(g.words());
        }
        return List.copyOf(out);
    }

    /** Every spelling of a comparison: {@link #COMPARISONS} and then {@link #COMPARISON_SIGNS}. */
    public static List<String> allComparisons() {
        return Stream.concat(COMPARISONS.stream(), COMPARISON_SIGNS.stream()).toList();
    }

    /**
     * The keyword values each machine setting takes ({@code pt-reclaim}: on, off); a setting
     * that takes a number ({@code memory}, {@code levels}, {@code kernel}) has none, and the
     * values of {@code thp} are its top-level modes (after a size, {@code inherit} too).
     */
    public static Map<String, List<String>> settingValues() {
        return SettingValues.IN_ORDER;
    }

    /** Built on first use, after {@link Group}, whose constructors need this class's {@link #spelling}. */
    private static final class SettingValues {
        static final Map<String, List<String>> IN_ORDER = settingValuesInOrder();
    }

    /** The spelling of a keyword token, from the lexer's literal ({@code 'pt-reclaim'}). */
    static String spelling(int tokenType) {
        String literal = CowpteLexer.VOCABULARY.getLiteralName(tokenType);
        if (literal == null || literal.length() < 3) {
            throw new IllegalArgumentException("not a keyword token: " + CowpteLexer.VOCABULARY.getSymbolicName(tokenType));
        }
        return literal.substring(1, literal.length() - 1);
    }

    private static Map<String, List<String>> settingValuesInOrder() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int type : Group.MACHINE_SETTING.tokenTypes()) {
            out.put(spelling(type), switch (type) {
                case CowpteLexer.PT_RECLAIM, CowpteLexer.FAULT_AROUND -> Group.SWITCH.words();
                // inherit is for one folio size only ('machine thp 64K inherit')
                case CowpteLexer.THP -> Group.THP_MODE.words().stream()
                        .filter(w -> !w.equals(spelling(CowpteLexer.INHERIT))).toList();
                default -> List.of();
            });
        }
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> literalWords() {
        List<String> out = new ArrayList<>();
        for (int type = 1; type <= CowpteLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = CowpteLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return Set.copyOf(out);
    }
}
