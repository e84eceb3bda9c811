package dev.cowpte.lsp.services;

import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lang.syntax.Vocabulary;
import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.lsp.document.SourceTokens;
import dev.cowpte.lsp.document.SourceTokens.Tok;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may stand at the cursor, read from the text of its line before it (the line need not
 * parse: it is usually being typed). The words already written are grouped so that an address
 * with its index ({@code buf[2..8]}) counts as one.
 */
final class CompletionSlots {
    enum Slot {
        STATEMENT, ACCESS_STATEMENT, PROCESS, REGION, VARIABLE, POLICY, POLICY_KEYWORD, ARROW, AS, ASSIGN,
        MACHINE_SETTING, LEVELS_VALUE, ON_OFF, METRIC, LEVEL, FAULT_KIND, COMPARISON, ADVICE, PROTECTION,
        ACCESS_KIND, MAP_OPTION, UNIT, THP_MODE, STEP, RANDOM, FILE, RSS_KIND, MTHP_SIZE, MTHP_MODE, KERNEL_VERSION, MTHP_STATISTIC
    }

    /**
     * The result: the slots, the words written so far on the line (for the process of a region and
     * options already given), and the replaced range [replaceStart, cursor) as offsets.
     */
    record Result(Set<Slot> slots, List<String> words, String regionOwner, int replaceStart) {
        static Result none(int offset) {
            return new Result(EnumSet.noneOf(Slot.class), List.of(), null, offset);
        }
    }

    private static final Pattern NUMBER_PART = Pattern.compile("^[0-9][0-9_]*(\\.[0-9]+)?");

    private CompletionSlots() {
    }

    static Result at(String text, int lineStart, int offset) {
        String prefix = text.substring(lineStart, offset);
        if (insideStringOrComment(prefix)) {
            return Result.none(offset);
        }
        List<Tok> tokens = new ArrayList<>(SourceTokens.between(SourceTokens.of(prefix), 0, prefix.length()));
        int replaceStart = offset;
        String partial = "";
        if (!tokens.isEmpty()) {
            Tok last = tokens.get(tokens.size() - 1);
            if (last.end() == prefix.length() && isWordLike(last)) {
                partial = last.text();
                replaceStart = lineStart + last.start();
                tokens.remove(tokens.size() - 1);
            }
        }
        while (!tokens.isEmpty() && tokens.get(0).is(CowpteLexer.RBRACE)) {
            tokens.remove(0);
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is(CowpteLexer.LBRACE)) {
            return Result.none(offset);
        }
        boolean numberTyped = NUMBER_PART.matcher(partial).find();
        if (numberTyped) {
            Matcher m = NUMBER_PART.matcher(partial);
            m.find();
            replaceStart += m.end();
        }
        List<String> words = new ArrayList<>();
        boolean inIndex = group(tokens, words);
        Set<Slot> slots = EnumSet.noneOf(Slot.class);
        String owner = null;
        if (inIndex) {
            if (numberTyped) {
                slots.add(Slot.UNIT);
            } else {
                slots.add(Slot.VARIABLE);
                // a page set: after a range's bounds (buf[0.. step 16]), or alone (buf[random 10%])
                String index = words.get(words.size() - 1);
                String inside = index.substring(index.lastIndexOf('[') + 1);
                if (inside.isEmpty() || inside.contains("..") && !inside.contains("step") && !inside.contains("random")) {
                    if (!inside.isEmpty()) {
                        slots.add(Slot.STEP);
                    }
                    slots.add(Slot.RANDOM);
                }
            }
        } else {
            owner = slots(words, numberTyped, slots);
        }
        if (numberTyped) {
            slots.retainAll(Set.of(Slot.UNIT));
        } else {
            slots.remove(Slot.UNIT);
        }
        return new Result(slots, List.copyOf(words), owner, replaceStart);
    }

    private static boolean insideStringOrComment(String prefix) {
        boolean inString = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return true;
            }
        }
        return inString;
    }

    private static boolean isWordLike(Tok t) {
        return t.is(CowpteLexer.NAME) || t.is(CowpteLexer.HYPHENATED_WORD) || t.is(CowpteLexer.DECIMAL_INTEGER)
                || t.is(CowpteLexer.SIZE) || t.is(CowpteLexer.FRACTION) || t.is(CowpteLexer.HEX_INTEGER)
                || LanguageWords.isKeyword(t.text());
    }

    /** Joins bracketed indexes to the word before them; true when a '[' is still open at the end. */
    private static boolean group(List<Tok> tokens, List<String> words) {
        boolean open = false;
        for (Tok t : tokens) {
            if (t.is(CowpteLexer.LBRACK) && !words.isEmpty()) {
                open = true;
                words.set(words.size() - 1, words.get(words.size() - 1) + t.text());
            } else if (open) {
                words.set(words.size() - 1, words.get(words.size() - 1) + t.text());
                open = !t.is(CowpteLexer.RBRACK);
            } else {
                words.add(t.text());
            }
        }
        return open;
    }

    /** Fills {@code slots} for the words of a statement; returns the process whose regions fit. */
    private static String slots(List<String> words, boolean numberTyped, Set<Slot> slots) {
        if (words.isEmpty()) {
            slots.add(Slot.STATEMENT);
            return null;
        }
        int n = words.size();
        String w1 = n > 1 ? words.get(1) : null;
        switch (words.get(0)) {
            case "expect":
                return expect(words, numberTyped, slots);
            case "policy":
                add(slots, n == 1, Slot.POLICY);
                return null;
            case "machine":
                add(slots, n == 1, Slot.MACHINE_SETTING);
                add(slots, n == 2 && "levels".equals(w1), Slot.LEVELS_VALUE);
                add(slots, n == 2 && LanguageWords.SWITCH_VALUES.equals(LanguageWords.SETTING_VALUES.get(w1)), Slot.ON_OFF);
                add(slots, n == 2 && LanguageWords.THP_MODES.equals(LanguageWords.SETTING_VALUES.get(w1)), Slot.THP_MODE);
                add(slots, n == 2 && "thp".equals(w1), Slot.MTHP_SIZE);
                add(slots, n == 3 && "thp".equals(w1) && LanguageWords.MTHP_SIZES.contains(words.get(2)), Slot.MTHP_MODE);
                add(slots, n == 2 && "kernel".equals(w1), Slot.KERNEL_VERSION);
                add(slots, n == 2 && "memory".equals(w1), Slot.UNIT);
                return null;
            case "mmap":
                add(slots, n == 1, Slot.PROCESS);
                add(slots, n == 3, Slot.UNIT);
                add(slots, n >= 4 && "file".equals(words.get(n - 1)), Slot.FILE);
                add(slots, n >= 4 && !"at".equals(words.get(n - 1)) && !"file".equals(words.get(n - 1)),
                        Slot.MAP_OPTION);
                return null;
            case "file":
                add(slots, n == 2, Slot.UNIT);
                return null;
            case "mremap":
                add(slots, n == 3, Slot.UNIT);
                return processThenRegion(words, slots);
            case "munmap", "pin", "unpin", "read", "show":
                return processThenRegion(words, slots);
            case "mprotect":
                add(slots, n == 3, Slot.PROTECTION);
                return processThenRegion(words, slots);
            case "madvise":
                add(slots, n == 3, Slot.ADVICE);
                return processThenRegion(words, slots);
            case "touch":
                add(slots, n == 3, Slot.ACCESS_KIND);
                return processThenRegion(words, slots);
            case "write":
                add(slots, n == 3, Slot.ASSIGN);
                return processThenRegion(words, slots);
            case "fork":
                add(slots, n == 1, Slot.PROCESS);
                add(slots, n == 2, Slot.ARROW);
                add(slots, n == 4, Slot.POLICY_KEYWORD);
                add(slots, n == 5 && "policy".equals(words.get(4)), Slot.POLICY);
                return null;
            case "exit":
                add(slots, n == 1, Slot.PROCESS);
                return null;
            case "repeat":
                add(slots, n == 2, Slot.AS);
                return null;
            default:
                return null;
        }
    }

    private static String processThenRegion(List<String> words, Set<Slot> slots) {
        add(slots, words.size() == 1, Slot.PROCESS);
        add(slots, words.size() == 2, Slot.REGION);
        return words.size() == 2 ? words.get(1) : null;
    }

    private static String expect(List<String> words, boolean numberTyped, Set<Slot> slots) {
        int n = words.size();
        if (n == 1) {
            slots.add(Slot.METRIC);
            return null;
        }
        String last = words.get(n - 1);
        boolean afterComparison = isComparison(last);
        switch (words.get(1)) {
            case "segv": {
                List<String> access = words.subList(2, n);
                if (access.isEmpty()) {
                    slots.add(Slot.ACCESS_STATEMENT);
                    return null;
                }
                return slots(access, numberTyped, slots);
            }
            case "pagetables":
                add(slots, n == 2, Slot.PROCESS);
                add(slots, (n == 2 || n == 3) && !afterComparison, Slot.COMPARISON);
                add(slots, afterComparison, Slot.UNIT);
                return null;
            case "tables":
            case "faults": {
                Slot kind = "tables".equals(words.get(1)) ? Slot.LEVEL : Slot.FAULT_KIND;
                boolean lastIsKind = isKind(kind, last);
                add(slots, n == 2, Slot.PROCESS);
                add(slots, n == 2 || (n == 3 && !lastIsKind && !afterComparison), kind);
                add(slots, (n == 2 || n == 3 || (n == 4 && lastIsKind)) && !afterComparison, Slot.COMPARISON);
                return null;
            }
            case "thp":
                add(slots, n == 2, Slot.PROCESS);
                add(slots, (n == 2 || n == 3) && !afterComparison, Slot.COMPARISON);
                add(slots, afterComparison, Slot.UNIT);
                return null;
            case "mthp":
                add(slots, n == 2, Slot.MTHP_SIZE);
                add(slots, n == 3, Slot.MTHP_STATISTIC);
                add(slots, n == 4, Slot.COMPARISON);
                return null;
            case "rss":
                add(slots, n == 2, Slot.PROCESS);
                add(slots, n == 3, Slot.RSS_KIND);
                add(slots, n == 3 || (n == 4 && LanguageWords.RSS_KINDS.contains(last)), Slot.COMPARISON);
                add(slots, afterComparison, Slot.UNIT);
                return null;
            case "memory":
                add(slots, n == 2, Slot.COMPARISON);
                add(slots, afterComparison, Slot.UNIT);
                return null;
            case "refcount", "mapcount", "value":
                add(slots, n == 2, Slot.PROCESS);
                add(slots, n == 3, Slot.REGION);
                add(slots, n == 4, Slot.COMPARISON);
                return n == 3 ? words.get(2) : null;
            case "shared":
                add(slots, n == 2 || n == 3, Slot.PROCESS);
                add(slots, n == 4, Slot.REGION);
                return n == 4 ? words.get(2) : null;
            case "private", "huge":
                add(slots, n == 2, Slot.PROCESS);
                add(slots, n == 3, Slot.REGION);
                return n == 3 ? words.get(2) : null;
            default:
                return null;
        }
    }

    private static boolean isKind(Slot kind, String word) {
        return (kind == Slot.LEVEL ? LanguageWords.LEVELS : LanguageWords.FAULT_KINDS).contains(word);
    }

    static boolean isComparison(String word) {
        return Vocabulary.allComparisons().contains(word);
    }

    private static void add(Set<Slot> slots, boolean when, Slot slot) {
        if (when) {
            slots.add(slot);
        }
    }
}
