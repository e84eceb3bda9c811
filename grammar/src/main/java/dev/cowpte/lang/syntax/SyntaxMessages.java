package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Words syntax errors in the language's own terms: what could have stood where the error is
 * ("expected a process name"), never ANTLR token or rule names.
 */
public final class SyntaxMessages {

    private static final List<String> STATEMENT_KEYWORDS = Vocabulary.Group.STATEMENT.words();

    private static final String COMPARISON = "a comparison (==, !=, <, <=, >, >=)";
    private static final String QUANTITY = "a size such as 4K or a page count";
    private static final String ADDRESS =
            "a region such as buf, buf[3] or buf[2..8], or an address such as 0x7f0000201000";

    /** What stands in the slot a rule parses, for errors at the rule's first token. */
    private static final Map<Integer, String> SLOTS = Map.ofEntries(
            Map.entry(CowpteParser.RULE_processName, "a process name"),
            Map.entry(CowpteParser.RULE_childName, "a name for the child process"),
            Map.entry(CowpteParser.RULE_regionName, "a region name"),
            Map.entry(CowpteParser.RULE_variable, "a repeat variable name such as i"),
            Map.entry(CowpteParser.RULE_policyName, "a policy name"),
            Map.entry(CowpteParser.RULE_quantity, QUANTITY),
            Map.entry(CowpteParser.RULE_count, "a number"),
            Map.entry(CowpteParser.RULE_value, "a value (a 64-bit integer)"),
            Map.entry(CowpteParser.RULE_integer, "a number"),
            Map.entry(CowpteParser.RULE_comparison, COMPARISON),
            Map.entry(CowpteParser.RULE_bound, "a page number, an offset such as 12K, or a repeat variable"),
            Map.entry(CowpteParser.RULE_pageSet, "a page set: step S or random N%"),
            Map.entry(CowpteParser.RULE_address, ADDRESS),
            Map.entry(CowpteParser.RULE_machineSetting, "a machine setting: " + orList(Vocabulary.Group.MACHINE_SETTING)),
            Map.entry(CowpteParser.RULE_protection, orList(Vocabulary.Group.PROTECTION)),
            Map.entry(CowpteParser.RULE_advice, "advice: " + orList(Vocabulary.Group.ADVICE)),
            Map.entry(CowpteParser.RULE_thpMode, "a THP mode: " + orList(Vocabulary.Group.THP_MODE)),
            Map.entry(CowpteParser.RULE_accessKind, orList(Vocabulary.Group.ACCESS_KIND)),
            Map.entry(CowpteParser.RULE_tableLevel, "a table level: " + orList(Vocabulary.Group.TABLE_LEVEL)),
            Map.entry(CowpteParser.RULE_faultKind, "a fault kind: " + orList(Vocabulary.Group.FAULT_KIND)),
            Map.entry(CowpteParser.RULE_expectation, "an expectation: " + orList(Vocabulary.Group.EXPECTATION)),
            Map.entry(CowpteParser.RULE_statement, "a statement (" + String.join(", ", STATEMENT_KEYWORDS) + ")"),
            Map.entry(CowpteParser.RULE_repeatHeader, "a repeat count"),
            Map.entry(CowpteParser.RULE_block, "'{' to open the repeat block"));

    /** What a slot means more precisely where its rule is used. */
    private static final Map<Integer, Map<Integer, String>> SLOTS_IN = Map.of(
            CowpteParser.RULE_machineSetting, Map.of(CowpteParser.RULE_count, "the number of paging levels, 4 or 5",
                    CowpteParser.RULE_quantity, "a memory size such as 64G"),
            CowpteParser.RULE_repeatHeader, Map.of(CowpteParser.RULE_count, "a repeat count"),
            CowpteParser.RULE_mapOption, Map.of(CowpteParser.RULE_integer, "an address such as 0x7f0000000000"));

    /** The optional words a finished statement may still take before the end of its line. */
    private static final Map<Integer, String> TRAILING_OPTIONS = Map.of(
            CowpteParser.RULE_mmapStatement, String.join(", ", Vocabulary.Group.MAP_OPTION.words()).replaceFirst("^at", "at ADDR").replaceFirst(", file,", ", file F,").replaceFirst(", mshare$", ", mshare M"),
            CowpteParser.RULE_touchStatement, String.join(", ", Vocabulary.Group.ACCESS_KIND.words()),
            CowpteParser.RULE_writeStatement, "'= VALUE'",
            CowpteParser.RULE_forkStatement, "'policy NAME'",
            CowpteParser.RULE_repeatHeader, "'as VARIABLE', '{'");

    /** "a, b or c": the words of {@code group}. */
    private static String orList(Vocabulary.Group group) {
        List<String> words = group.words();
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The message for a token that does not fit where it stands. */
    public SyntaxMessage unexpected(ParserRuleContext context, Token offending, IntervalSet expected,
                                    TokenStream tokens) {
        String what = describeExpected(context, offending, expected);
        String unit = explainUnit(offending, tokens);
        if (unit != null) {
            return SyntaxMessage.of(unit);
        }
        // the token after the offending one, fetched when the parser has not read it yet
        Token next = offending.getTokenIndex() == tokens.index() ? tokens.LT(2)
                : offending.getTokenIndex() + 1 < tokens.size() ? tokens.get(offending.getTokenIndex() + 1) : null;
        if (offending.getType() == CowpteParser.ASSIGN && next != null && next.getType() == CowpteParser.GT
                && next.getStartIndex() == offending.getStopIndex() + 1 && expected != null
                && expected.contains(CowpteParser.ARROW)) {
            return new SyntaxMessage("expected " + what + ", found '=>' (did you mean '->'?)", "->", next);
        }
        String variable = repeatVariableAsValue(what, offending, tokens);
        if (variable != null) {
            return SyntaxMessage.of(variable);
        }
        String optional = optionalBeforeComparison(context, expected);
        if (optional != null) {
            what = what.equals(COMPARISON) ? COMPARISON + " or " + optional : what;
        }
        String specific = explainToken(offending, context);
        if (specific != null) {
            return SyntaxMessage.of(specific + "; expected " + what);
        }
        String suggestion = suggest(offending, expected, context);
        if (suggestion == null && what.endsWith(" or end of line") && isWord(offending)) {
            // after a finished statement: the trailing option misspelt, as in 'hugepages'
            List<String> options = new ArrayList<>();
            for (String option : what.substring(0, what.length() - " or end of line".length()).split(", ")) {
                options.add(option.replace("'", "").split(" ")[0]);
            }
            suggestion = Suggestions.closest(offending.getText(), options);
        }
        return SyntaxMessage.meaning("expected " + what + ", found " + describeToken(offending)
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"), suggestion, offending);
    }

    /**
     * The expected word closest to a misspelt one ({@code refcnt}: {@code refcount}, {@code cwo}:
     * {@code cow}), or {@code ==} for a single {@code =} where a comparison goes.
     */
    private static String suggest(Token offending, IntervalSet expected, ParserRuleContext context) {
        if (expected == null) {
            return null;
        }
        if (offending.getType() == CowpteParser.ASSIGN && expected.contains(CowpteParser.EQ)) {
            return "==";
        }
        if (offending.getType() != CowpteParser.NAME && offending.getType() != CowpteParser.HYPHENATED_WORD
                && !isKeyword(offending.getType())) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = CowpteParser.VOCABULARY.getLiteralName(type);
            if (literal != null && isKeyword(type)) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        for (ParserRuleContext c = context; c != null && expected.contains(CowpteParser.EQ); c = c.getParent()) {
            if (c.getStart() != null && c.getStart().getType() == CowpteParser.FAULTS) {
                words.addAll(Vocabulary.Group.FAULT_KIND.words()); // 'faults P KIND': the kind may stand before the comparison
                break;
            }
            if (c.getStart() != null && c.getStart().getType() == CowpteParser.TABLES) {
                words.addAll(Vocabulary.Group.TABLE_LEVEL.words()); // 'tables P LEVEL'
                break;
            }
            if (c.getRuleIndex() == CowpteParser.RULE_statement) {
                break;
            }
        }
        return Suggestions.closest(offending.getText(), words);
    }

    private static boolean isWord(Token t) {
        return t.getType() == CowpteParser.NAME || t.getType() == CowpteParser.HYPHENATED_WORD || isKeyword(t.getType());
    }

    /**
     * What else may stand before the comparison of {@code expect faults P} (a fault kind) and
     * {@code expect tables P} (a table level), so that a wrong word there is answered with the list.
     */
    private static String optionalBeforeComparison(ParserRuleContext context, IntervalSet expected) {
        if (expected == null || !expected.contains(CowpteParser.EQ)) {
            return null;
        }
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c.getStart() != null && c.getStart().getType() == CowpteParser.FAULTS) {
                return "a fault kind (" + orList(Vocabulary.Group.FAULT_KIND) + ")";
            }
            if (c.getStart() != null && c.getStart().getType() == CowpteParser.TABLES) {
                return "a table level (" + orList(Vocabulary.Group.TABLE_LEVEL) + ")";
            }
            if (c.getRuleIndex() == CowpteParser.RULE_statement) {
                break;
            }
        }
        return null;
    }

    /**
     * A repeat's variable where a value goes ({@code write worker{i} buf[i] = i}): it stands for a
     * page index or inside a name, not for a value.
     */
    private static String repeatVariableAsValue(String what, Token offending, TokenStream tokens) {
        if (offending.getType() != CowpteParser.NAME || !SLOTS.get(CowpteParser.RULE_value).equals(what)) {
            return null;
        }
        for (int i = offending.getTokenIndex() - 1; i > 0; i--) {
            Token t = tokens.get(i);
            if (t.getType() == CowpteParser.NAME && t.getText().equals(offending.getText())
                    && tokens.get(i - 1).getType() == CowpteParser.AS) {
                return "'" + offending.getText() + "' is a repeat variable: it stands for a page index (buf["
                        + offending.getText() + "]) or inside a name (worker{" + offending.getText() + "}), not for a"
                        + " value; a value is a number such as 42";
            }
        }
        return null;
    }

    /** The message for a line that does not start with a statement. */
    public SyntaxMessage unknownStatement(Token offending) {
        int type = offending.getType();
        if (type == CowpteParser.RBRACE) {
            return SyntaxMessage.of("'}' without a matching 'repeat N {'");
        }
        if (type == CowpteParser.NAME || type == CowpteParser.HYPHENATED_WORD || isKeyword(type)) {
            String word = offending.getText();
            String suggestion = Suggestions.closest(word, STATEMENT_KEYWORDS);
            return SyntaxMessage.meaning("unknown statement '" + word + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; expected one of: " + String.join(", ", STATEMENT_KEYWORDS), suggestion, offending);
        }
        String specific = explainToken(offending, null);
        return SyntaxMessage.of((specific != null ? specific : "unexpected " + describeToken(offending))
                + "; a line starts with a statement: " + String.join(", ", STATEMENT_KEYWORDS));
    }

    private String describeExpected(ParserRuleContext context, Token offending, IntervalSet expected) {
        String slot = slotStartingAt(context, offending);
        if (slot != null) {
            return slot;
        }
        if (context.getRuleIndex() == CowpteParser.RULE_index && expected != null
                && expected.contains(CowpteParser.RANDOM)) {
            return SLOTS.get(CowpteParser.RULE_bound) + " (or a page set: random N%)";
        }
        if (context.getRuleIndex() == CowpteParser.RULE_block && expected != null
                && expected.contains(CowpteParser.LBRACE)) {
            return SLOTS.get(CowpteParser.RULE_block);
        }
        if (expected != null && (expected.contains(CowpteParser.NEWLINE) || expected.contains(Token.EOF))) {
            String endOfLine = endOfLine(context, offending);
            if (endOfLine != null) {
                return endOfLine;
            }
        }
        return describeTokens(expected);
    }

    /** The description of the outermost rule that begins at the offending token, if any says what it holds. */
    private String slotStartingAt(ParserRuleContext context, Token offending) {
        String found = null;
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c.getStart() != offending && c.getStart().getTokenIndex() != offending.getTokenIndex()) {
                break;
            }
            String slot = slotOf(c);
            if (slot != null) {
                found = slot;
            }
            if (c.getRuleIndex() == CowpteParser.RULE_statement || c.getRuleIndex() == CowpteParser.RULE_expectation) {
                break;
            }
        }
        return found;
    }

    private String slotOf(ParserRuleContext c) {
        ParserRuleContext parent = c.getParent();
        if (parent != null) {
            Map<Integer, String> refined = SLOTS_IN.get(parent.getRuleIndex());
            if (refined != null && refined.containsKey(c.getRuleIndex())) {
                return refined.get(c.getRuleIndex());
            }
        }
        return SLOTS.get(c.getRuleIndex());
    }

    /** "end of line", with the options the just-finished statement could still take. */
    private String endOfLine(ParserRuleContext context, Token offending) {
        if (context.getRuleIndex() == CowpteParser.RULE_blockLine && offending.getType() == CowpteParser.RBRACE) {
            return "end of line ('}' closing a repeat block stands on a line of its own)";
        }
        ParseTree last = context.getChildCount() == 0 ? null : context.getChild(context.getChildCount() - 1);
        while (last instanceof ParserRuleContext rule && !TRAILING_OPTIONS.containsKey(rule.getRuleIndex())
                && rule.getChildCount() == 1) {
            last = rule.getChild(0);
        }
        if (context.getRuleIndex() == CowpteParser.RULE_repeatHeader) {
            last = context;
        }
        if (last instanceof ParserRuleContext rule && TRAILING_OPTIONS.containsKey(rule.getRuleIndex())) {
            return TRAILING_OPTIONS.get(rule.getRuleIndex()) + " or end of line";
        }
        if (context.getRuleIndex() == CowpteParser.RULE_line || context.getRuleIndex() == CowpteParser.RULE_blockLine) {
            return "end of line";
        }
        return null;
    }

    /** A word stuck to a number, as in {@code 4k} or {@code 4KB}, is a unit the language does not know. */
    private static String explainUnit(Token offending, TokenStream tokens) {
        if (offending.getType() != CowpteParser.NAME || offending.getTokenIndex() <= 0) {
            return null;
        }
        Token previous = tokens.get(offending.getTokenIndex() - 1);
        boolean adjacent = previous.getStopIndex() + 1 == offending.getStartIndex();
        boolean number = previous.getType() == CowpteParser.DECIMAL_INTEGER || previous.getType() == CowpteParser.SIZE;
        if (!adjacent && previous.getType() == CowpteParser.DECIMAL_INTEGER
                && offending.getText().matches("[KMGTP](iB)?")) {
            return "a unit stands against its number: write '" + previous.getText() + offending.getText() + "', not '"
                    + previous.getText() + " " + offending.getText() + "'";
        }
        if (!adjacent || !number) {
            return null;
        }
        return "unknown unit in '" + previous.getText() + offending.getText()
                + "'; sizes take K, M, G, T or P (also KiB, MiB, GiB, TiB, PiB), in upper case, as in 4K or 2MiB";
    }

    /** A sentence for tokens that are wrong in themselves, wherever they stand. */
    private String explainToken(Token offending, ParserRuleContext context) {
        String text = offending.getText();
        switch (offending.getType()) {
            case CowpteParser.UNEXPECTED_CHARACTER:
                if ("\"".equals(text)) {
                    return "unterminated string: a string ends with '\"' on the same line and knows only the"
                            + " escapes \\\" and \\\\";
                }
                if (".".equals(text)) {
                    return "a single '.' means nothing here (a range is written A..B)";
                }
                return "unexpected character " + quoteCharacter(text);
            case CowpteParser.FRACTION:
                return "'" + text + "' has a fraction but no unit (a bare number counts whole 4 KiB pages); write "
                        + text + "K or " + text + "M";
            case CowpteParser.HYPHENATED_WORD:
                if (context != null && context.getRuleIndex() != CowpteParser.RULE_policyName) {
                    return "'" + text + "' is not a name: names hold letters, digits and '_'";
                }
                return null;
            default:
                return null;
        }
    }

    private static String quoteCharacter(String text) {
        if (text.isEmpty()) {
            return "''";
        }
        int codePoint = text.codePointAt(0);
        if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + text + "'";
    }

    /** A token as the user wrote it, or what it is when it has no useful text. */
    public static String describeToken(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case CowpteParser.NEWLINE -> "end of line";
            default -> {
                String text = token.getText();
                if (text.length() > 40) {
                    text = text.substring(0, 37) + "...";
                }
                yield "'" + text + "'";
            }
        };
    }

    /** The tokens of a set in the language's words: "'->'", "end of line", "a comparison (...)". */
    static String describeTokens(IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "something else";
        }
        Set<String> words = new LinkedHashSet<>();
        boolean endOfLine = false;
        for (int type : expected.toList()) {
            switch (type) {
                case Token.EOF, CowpteParser.NEWLINE -> endOfLine = true;
                case CowpteParser.EQ, CowpteParser.NE, CowpteParser.LT, CowpteParser.LE, CowpteParser.GT,
                        CowpteParser.GE -> words.add(COMPARISON);
                case CowpteParser.DECIMAL_INTEGER, CowpteParser.HEX_INTEGER -> words.add("a number");
                case CowpteParser.SIZE -> words.add("a size such as 4K");
                case CowpteParser.NAME -> words.add("a name");
                case CowpteParser.STRING -> words.add("a title in double quotes");
                case CowpteParser.HYPHENATED_WORD, CowpteParser.FRACTION, CowpteParser.UNEXPECTED_CHARACTER -> {
                }
                default -> {
                    String literal = CowpteParser.VOCABULARY.getLiteralName(type);
                    if (literal != null) {
                        String bare = literal.substring(1, literal.length() - 1);
                        words.add(isKeywordLiteral(bare) ? bare : "'" + bare + "'");
                    }
                }
            }
        }
        List<String> all = new ArrayList<>(words);
        if (endOfLine) {
            all.add("end of line");
        }
        if (all.isEmpty()) {
            return "something else";
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    private static boolean isKeywordLiteral(String bare) {
        return !bare.isEmpty() && Character.isLetter(bare.charAt(0));
    }

    static boolean isKeyword(int type) {
        String literal = CowpteParser.VOCABULARY.getLiteralName(type);
        return literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1));
    }
}
