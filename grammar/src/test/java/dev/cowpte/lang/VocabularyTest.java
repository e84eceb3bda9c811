package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Comparison;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lang.parser.CowpteParser;
import dev.cowpte.lang.syntax.Lexemes;
import dev.cowpte.lang.syntax.Vocabulary;
import dev.cowpte.lang.syntax.Vocabulary.Group;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.junit.jupiter.api.Test;

/** The vocabulary's groups are the grammar's: a word added to a rule and not to its group fails here. */
class VocabularyTest {
    private static final ATN ATN = CowpteParser._ATN;

    @Test
    void eachGroupIsWhatItsGrammarRuleStartsWith() {
        Map<Group, Integer> rules = Map.ofEntries(
                Map.entry(Group.STATEMENT, CowpteParser.RULE_statement),
                Map.entry(Group.EXPECTATION, CowpteParser.RULE_expectation),
                Map.entry(Group.MACHINE_SETTING, CowpteParser.RULE_machineSetting),
                Map.entry(Group.THP_MODE, CowpteParser.RULE_thpMode),
                Map.entry(Group.MAP_OPTION, CowpteParser.RULE_mapOption),
                Map.entry(Group.PROTECTION, CowpteParser.RULE_protection),
                Map.entry(Group.ADVICE, CowpteParser.RULE_advice),
                Map.entry(Group.ACCESS_KIND, CowpteParser.RULE_accessKind),
                Map.entry(Group.TABLE_LEVEL, CowpteParser.RULE_tableLevel),
                Map.entry(Group.FAULT_KIND, CowpteParser.RULE_faultKind),
                Map.entry(Group.PAGE_SET, CowpteParser.RULE_pageSet),
                Map.entry(Group.RSS_KIND, CowpteParser.RULE_rssKind));
        rules.forEach((group, rule) -> assertEquals(first(rule), words(group.tokenTypes()),
                group + " and rule " + CowpteParser.ruleNames[rule]));
    }

    @Test
    void everyKeywordHasAGroupAndEachWordIsAKeyword() {
        Set<String> grouped = new HashSet<>();
        for (Group g : Group.values()) {
            grouped.addAll(g.words());
            assertEquals(g.words().size(), Set.copyOf(g.words()).size(), g + " lists a word twice");
        }
        assertEquals(new TreeSet<>(Vocabulary.keywords()), new TreeSet<>(grouped));
        assertTrue(Vocabulary.keywords().containsAll(List.of("pt-reclaim", "fault-around", "process")));
    }

    @Test
    void theGroupsWithATreeEnumListItsConstantsInItsOrder() {
        assertEquals(lower(Statement.ThpMode.values()), Group.THP_MODE.words());
        assertEquals(lower(Statement.Advice.values()), Group.ADVICE.words());
        // the flags, after the two options that take an argument (at ADDR, file F); HUGETLB_1G is the
        // word hugetlb followed by the size 1G: one word, two options; mshare M names a region, kept
        // apart from the flags (Statement.Mmap.mshare)
        assertEquals(lower(Statement.MapOption.values()).stream().filter(w -> !w.contains("_")).toList(),
                Group.MAP_OPTION.words().subList(2, Group.MAP_OPTION.words().size()).stream()
                        .filter(w -> !w.equals("mshare")).toList());
        assertEquals(lower(Expectation.RssKind.values()), Group.RSS_KIND.words());
        assertEquals(lower(Expectation.TableLevel.values()), Group.TABLE_LEVEL.words());
        assertEquals(lower(Expectation.FaultKind.values()), Group.FAULT_KIND.words());
        assertEquals(Arrays.stream(Comparison.values()).map(Comparison::symbol).toList(), Vocabulary.COMPARISONS);
    }

    @Test
    void eachSettingTakesItsValuesAndNoOther() {
        assertEquals(Group.MACHINE_SETTING.words(), List.copyOf(Vocabulary.settingValues().keySet()));
        Vocabulary.settingValues().forEach((setting, values) -> {
            for (String v : values) {
                assertTrue(parses("machine " + setting + " " + v), setting + " " + v);
            }
            for (String other : Vocabulary.keywords()) {
                if (!values.contains(other)) {
                    assertTrue(!parses("machine " + setting + " " + other), setting + " " + other);
                }
            }
        });
    }

    @Test
    void eachUnitMakesASizeAndNoOtherSuffixDoes() {
        for (String unit : Vocabulary.UNITS) {
            assertEquals(List.of(CowpteLexer.SIZE), types("4" + unit), unit);
        }
        for (String other : List.of("E", "EiB", "p", "Pi", "k", "Ki", "KB", "B")) {
            assertNotEquals(List.of(CowpteLexer.SIZE), types("4" + other), other);
        }
    }

    @Test
    void eachComparisonSpellingIsOneComparisonToken() {
        Set<Integer> seen = new TreeSet<>();
        for (String c : Vocabulary.allComparisons()) {
            List<Integer> t = types(c);
            assertEquals(1, t.size(), c);
            seen.add(t.get(0));
        }
        assertEquals(first(CowpteParser.RULE_comparison), words(seen.stream().mapToInt(i -> i).toArray()));
    }

    private static Set<String> first(int rule) {
        IntervalSet tokens = ATN.nextTokens(ATN.ruleToStartState[rule]);
        return words(tokens.toList().stream().mapToInt(i -> i).toArray());
    }

    private static Set<String> words(int[] tokenTypes) {
        Set<String> out = new TreeSet<>();
        for (int t : tokenTypes) {
            out.add(CowpteLexer.VOCABULARY.getSymbolicName(t));
        }
        return out;
    }

    private static List<Integer> types(String text) {
        List<Integer> out = new ArrayList<>();
        Lexemes.lex(text, (type, start, end) -> out.add(type));
        return out;
    }

    private static boolean parses(String text) {
        return Analysis.analyze(text).diagnostics().isEmpty();
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
