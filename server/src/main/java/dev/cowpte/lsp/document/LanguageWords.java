package dev.cowpte.lsp.document;

import dev.cowpte.lang.syntax.Vocabulary;
import dev.cowpte.lang.syntax.Vocabulary.Group;
import java.util.List;
import java.util.Map;

/**
 * The words of the scenario language that editor features offer and recognise: the grammar's
 * {@link Vocabulary} (keywords by role, units, comparisons), and the policy names from the
 * simulator's registry, which the grammar cannot know.
 */
public final class LanguageWords {
    private LanguageWords() {
    }

    public static final List<String> STATEMENTS = Group.STATEMENT.words();
    /** The fork policies, from the simulator's registry. */
    public static final List<String> POLICIES = dev.cowpte.mm.ForkPolicies.names();
    public static final List<String> METRICS = Group.EXPECTATION.words();
    public static final List<String> LEVELS = Group.TABLE_LEVEL.words();
    public static final List<String> FAULT_KINDS = Group.FAULT_KIND.words();
    /** The parts of rss {@code expect rss P} may name. */
    public static final List<String> RSS_KINDS = Group.RSS_KIND.words();
    public static final List<String> ADVICES = Group.ADVICE.words();
    /** mmap's options after the size: {@code at ADDR} and the flags. */
    public static final List<String> MAP_OPTIONS = Group.MAP_OPTION.words();
    public static final List<String> PROTECTIONS = Group.PROTECTION.words();
    public static final List<String> ACCESS_KINDS = Group.ACCESS_KIND.words();
    public static final List<String> MACHINE_SETTINGS = Group.MACHINE_SETTING.words();
    /** Each machine setting and the keyword values it takes (none for a number). */
    public static final Map<String, List<String>> SETTING_VALUES = Vocabulary.settingValues();
    /** The top-level THP modes ({@code machine thp MODE}). */
    public static final List<String> THP_MODES = SETTING_VALUES.get("thp");
    /** The modes of one folio size ({@code machine thp SIZE MODE}): inherit too. */
    public static final List<String> MTHP_MODES = Group.THP_MODE.words();
    /** The folio sizes of multi-size THP. */
    public static final List<String> MTHP_SIZES = Vocabulary.MTHP_SIZES;
    /** The statistics of {@code expect mthp SIZE STAT}. */
    public static final List<String> MTHP_STATISTICS = Vocabulary.MTHP_STATISTICS;
    /** The versions of {@code machine kernel}. */
    public static final List<String> KERNEL_VERSIONS = dev.cowpte.lang.check.KernelProfile.versions();
    /** The values of the on/off settings. */
    public static final List<String> SWITCH_VALUES = Group.SWITCH.words();
    public static final List<String> UNITS = Vocabulary.UNITS;
    public static final List<String> COMPARISONS = Vocabulary.COMPARISONS;

    /** Whether {@code word} is one of the language's keywords (they are not reserved, but are confusing as names). */
    public static boolean isKeyword(String word) {
        return Vocabulary.isKeyword(word);
    }
}
