package dev.cowpte.lsp.services;

import dev.cowpte.lang.check.Names;
import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lsp.document.LanguageWords;
import dev.cowpte.lsp.document.NameIndex;
import dev.cowpte.lang.ast.NameTemplate;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.document.SourceTokens.Tok;
import dev.cowpte.lsp.document.SourceTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokenModifiers;
import org.eclipse.lsp4j.SemanticTokenTypes;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Semantic highlighting of the whole document from the lexer's tokens: a word is a keyword
 * unless the name index knows it as a process ({@code variable}), region ({@code property}) or file ({@code type}),
 * with the {@code declaration} modifier where declared; placeholders in names and words in
 * brackets or after {@code as} are repeat variables ({@code parameter}); the word after
 * {@code policy} is a policy ({@code enumMember}).
 */
public final class SemanticTokensService {
    public static final List<String> TYPES = List.of(SemanticTokenTypes.Keyword, SemanticTokenTypes.Variable,
            SemanticTokenTypes.Property, SemanticTokenTypes.Number, SemanticTokenTypes.EnumMember,
            SemanticTokenTypes.Operator, SemanticTokenTypes.String, SemanticTokenTypes.Comment,
            SemanticTokenTypes.Parameter, SemanticTokenTypes.Type);
    public static final List<String> MODIFIERS = List.of(SemanticTokenModifiers.Declaration);

    private static final int KEYWORD = 0;
    private static final int PROCESS = 1;
    private static final int REGION = 2;
    private static final int NUMBER = 3;
    private static final int POLICY = 4;
    private static final int OPERATOR = 5;
    private static final int STRING = 6;
    private static final int COMMENT = 7;
    private static final int VARIABLE = 8;
    private static final int FILE = 9;
    private static final int DECLARATION = 1;

    private SemanticTokensService() {
    }

    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TYPES, MODIFIERS);
    }

    public static SemanticTokens tokens(ScenarioDocument document) {
        Map<Integer, Names.Occurrence> names = new HashMap<>();
        for (Names.Occurrence o : document.names().all()) {
            names.put(o.range().startOffset(), o);
        }
        Encoder out = new Encoder(document);
        List<Tok> tokens = SourceTokens.of(document.text());
        boolean inIndex = false;
        Tok previous = null;
        boolean previousIsName = false;
        for (Tok t : tokens) {
            if (t.is(CowpteLexer.NEWLINE)) {
                inIndex = false;
                previous = null;
                previousIsName = false;
                continue;
            }
            Names.Occurrence name = names.get(t.start());
            if (name != null && name.range().endOffset() == t.end()) {
                int type = switch (name.kind()) {
                    case PROCESS -> PROCESS;
                    case REGION -> REGION;
                    case FILE -> FILE;
                };
                name(out, t, type, name.declaration());
            } else if (t.is(SourceTokens.COMMENT)) {
                out.add(t.start(), t.end(), COMMENT, 0);
            } else if (t.is(CowpteLexer.STRING)) {
                out.add(t.start(), t.end(), STRING, 0);
            } else if (isNumber(t)) {
                out.add(t.start(), t.end(), NUMBER, 0);
            } else if (isOperator(t)) {
                out.add(t.start(), t.end(), OPERATOR, 0);
            } else if (isWord(t)) {
                word(out, t, inIndex, previous != null && previous.is(CowpteLexer.POLICY) && !previousIsName, previous);
            }
            if (t.is(CowpteLexer.LBRACK)) {
                inIndex = true;
            } else if (t.is(CowpteLexer.RBRACK)) {
                inIndex = false;
            }
            if (!t.is(SourceTokens.COMMENT)) {
                previous = t;
                previousIsName = name != null;
            }
        }
        return new SemanticTokens(out.data);
    }

    private static void word(Encoder out, Tok t, boolean inIndex, boolean afterPolicyKeyword, Tok previous) {
        if (inIndex) {
            out.add(t.start(), t.end(), VARIABLE, 0);
        } else if (previous != null && previous.is(CowpteLexer.AS)) {
            out.add(t.start(), t.end(), VARIABLE, DECLARATION);
        } else if (t.is(CowpteLexer.HYPHENATED_WORD) && !LanguageWords.isKeyword(t.text()) || afterPolicyKeyword) {
            out.add(t.start(), t.end(), POLICY, 0);
        } else if (t.is(CowpteLexer.NAME)) {
            name(out, t, PROCESS, false);
        } else {
            out.add(t.start(), t.end(), KEYWORD, 0);
        }
    }

    /** A name, split so that its {@code {i}} placeholders show as repeat variables. */
    private static void name(Encoder out, Tok t, int type, boolean declaration) {
        for (NameTemplate.Part p : NameTemplate.of(t.text()).parts()) {
            int modifiers = declaration && !p.variable() ? DECLARATION : 0;
            out.add(t.start() + p.start(), t.start() + p.end(), p.variable() ? VARIABLE : type, modifiers);
        }
    }

    private static boolean isNumber(Tok t) {
        return t.is(CowpteLexer.DECIMAL_INTEGER) || t.is(CowpteLexer.HEX_INTEGER) || t.is(CowpteLexer.SIZE)
                || t.is(CowpteLexer.FRACTION);
    }

    private static boolean isOperator(Tok t) {
        return t.is(CowpteLexer.EQ) || t.is(CowpteLexer.NE) || t.is(CowpteLexer.LT) || t.is(CowpteLexer.LE)
                || t.is(CowpteLexer.GT) || t.is(CowpteLexer.GE) || t.is(CowpteLexer.ARROW)
                || t.is(CowpteLexer.ASSIGN) || t.is(CowpteLexer.DOTDOT) || t.is(CowpteLexer.MINUS);
    }

    private static boolean isWord(Tok t) {
        return t.is(CowpteLexer.NAME) || t.is(CowpteLexer.HYPHENATED_WORD) || LanguageWords.isKeyword(t.text());
    }

    /** The LSP's relative encoding: line delta, start delta, length, type, modifier bits. */
    private static final class Encoder {
        final List<Integer> data = new ArrayList<>();
        private final ScenarioDocument document;
        private int line;
        private int character;

        Encoder(ScenarioDocument document) {
            this.document = document;
        }

        void add(int start, int end, int type, int modifiers) {
            if (end <= start) {
                return;
            }
            Position p = document.lines().positionAt(start);
            int deltaLine = p.getLine() - line;
            int deltaStart = deltaLine == 0 ? p.getCharacter() - character : p.getCharacter();
            data.add(deltaLine);
            data.add(deltaStart);
            data.add(end - start);
            data.add(type);
            data.add(modifiers);
            line = p.getLine();
            character = p.getCharacter();
        }
    }
}
