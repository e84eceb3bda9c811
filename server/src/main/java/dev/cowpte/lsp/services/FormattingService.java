package dev.cowpte.lsp.services;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lsp.document.ScenarioDocument;
import dev.cowpte.lsp.document.SourceTokens;
import dev.cowpte.lsp.document.SourceTokens.Tok;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Formats a scenario into its one canonical layout. Refuses (no edits) while the text has
 * syntax errors. The rules:
 * <ul>
 * <li>one space between tokens; none inside an index ({@code buf[2..8]}) nor after the minus of a
 * negative value ({@code = -1}); {@code ->}, {@code =} and comparisons spaced;</li>
 * <li>statements inside a repeat block indented one level per block (the client's tab size in
 * spaces, or a tab when it does not insert spaces); a closing brace at its repeat's level; braces
 * stay on the lines they were written on;</li>
 * <li>whole-line comments indented like the code around them, their text kept;</li>
 * <li>trailing comments: in a run of consecutive lines that each end with a comment, the comments
 * are aligned two spaces after the longest code of the run; a lone one stands two spaces after its
 * code;</li>
 * <li>no trailing whitespace; blank lines kept, but at most two in a row and none at the start
 * or end; exactly one newline at the end of the file (in the file's own line-ending style).</li>
 * </ul>
 */
public final class FormattingService {
    /** Diagnostics that mean the text did not parse as a whole. */
    private static final Set<DiagnosticCode> SYNTAX_CODES = EnumSet.of(DiagnosticCode.SYNTAX,
            DiagnosticCode.TOO_MANY_ERRORS, DiagnosticCode.NESTING_TOO_DEEP, DiagnosticCode.TOO_LARGE,
            DiagnosticCode.INTERNAL_ERROR, DiagnosticCode.NUMBER_TOO_LARGE);
    static final int COMMENT_GAP = 2;
    static final int MAX_BLANK_LINES = 2;

    private FormattingService() {
    }

    public static List<TextEdit> format(ScenarioDocument document, FormattingOptions options) {
        boolean broken = document.analysis().diagnostics().stream()
                .anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR && SYNTAX_CODES.contains(d.code()));
        if (broken) {
            return List.of();
        }
        String text = document.text();
        String formatted = formatted(text, options);
        if (formatted == null || formatted.equals(text)) {
            return List.of();
        }
        return List.of(minimalEdit(document, text, formatted));
    }

    /** The formatted text, or null if the text holds a character the language does not know. */
    static String formatted(String text, FormattingOptions options) {
        List<Tok> tokens = SourceTokens.of(text);
        if (tokens.stream().anyMatch(t -> t.is(CowpteLexer.UNEXPECTED_CHARACTER))) {
            return null;
        }
        String indentUnit = options != null && !options.isInsertSpaces() ? "\t"
                : " ".repeat(Math.max(0, options == null || options.getTabSize() <= 0 ? 2 : options.getTabSize()));
        List<String> code = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<Tok> line = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            Tok t = i < tokens.size() ? tokens.get(i) : null;
            if (t != null && !t.is(CowpteLexer.NEWLINE)) {
                line.add(t);
                continue;
            }
            depth = addLine(line, depth, indentUnit, code, comments);
            line.clear();
        }
        return join(code, comments, lineEnding(text));
    }

    private static int addLine(List<Tok> line, int depth, String indentUnit, List<String> code, List<String> comments) {
        Tok comment = !line.isEmpty() && line.get(line.size() - 1).is(SourceTokens.COMMENT) ? line.get(line.size() - 1)
                : null;
        List<Tok> tokens = comment == null ? line : line.subList(0, line.size() - 1);
        int level = depth;
        if (!tokens.isEmpty() && tokens.get(0).is(CowpteLexer.RBRACE)) {
            level--;
        }
        StringBuilder out = new StringBuilder();
        Tok previous = null;
        for (Tok t : tokens) {
            if (previous != null && spaced(previous, t)) {
                out.append(' ');
            }
            out.append(t.text());
            depth += t.is(CowpteLexer.LBRACE) ? 1 : t.is(CowpteLexer.RBRACE) ? -1 : 0;
            previous = t;
        }
        String indent = indentUnit.repeat(Math.max(0, level));
        String commentText = comment == null ? null : withoutTrailingBlanks(comment.text());
        if (tokens.isEmpty()) {
            code.add(commentText == null ? "" : indent + commentText);
            comments.add(null);
        } else {
            code.add(indent + out);
            comments.add(commentText);
        }
        return depth;
    }

    /**
     * A comment without the blanks at its end: the characters the lexer skips between tokens
     * (space, tab, form feed, BOM) and a line break's carriage return. Anything else, even what
     * Java calls white space (the separators U+001C to U+001F, a vertical tab), is the comment's
     * text and is kept.
     */
    static String withoutTrailingBlanks(String comment) {
        int end = comment.length();
        while (end > 0 && " \t\f\uFEFF\r".indexOf(comment.charAt(end - 1)) >= 0) {
            end--;
        }
        return comment.substring(0, end);
    }

    private static boolean spaced(Tok previous, Tok t) {
        return !(previous.is(CowpteLexer.LBRACK) || t.is(CowpteLexer.LBRACK) || t.is(CowpteLexer.RBRACK)
                || previous.is(CowpteLexer.DOTDOT) || t.is(CowpteLexer.DOTDOT) || previous.is(CowpteLexer.MINUS));
    }

    /** Lines with aligned trailing comments, blank runs collapsed, one final line ending. */
    private static String join(List<String> code, List<String> comments, String newline) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < code.size()) {
            if (comments.get(i) == null) {
                lines.add(code.get(i));
                i++;
                continue;
            }
            int end = i;
            int width = 0;
            while (end < code.size() && comments.get(end) != null) {
                width = Math.max(width, width(code.get(end)));
                end++;
            }
            for (int j = i; j < end; j++) {
                lines.add(code.get(j) + " ".repeat(width - width(code.get(j)) + COMMENT_GAP) + comments.get(j));
            }
            i = end;
        }
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        boolean started = false;
        for (String l : lines) {
            if (l.isEmpty()) {
                blanks++;
                continue;
            }
            if (started) {
                out.append(newline.repeat(1 + Math.min(blanks, MAX_BLANK_LINES)));
            }
            out.append(l);
            started = true;
            blanks = 0;
        }
        if (started) {
            out.append(newline);
        }
        return out.toString();
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String lineEnding(String text) {
        int n = text.indexOf('\n');
        return n > 0 && text.charAt(n - 1) == '\r' ? "\r\n" : "\n";
    }

    private static boolean splitsLineBreak(String text, int offset) {
        return offset > 0 && offset < text.length() && text.charAt(offset - 1) == '\r' && text.charAt(offset) == '\n';
    }

    /** One edit covering only what differs between the texts. */
    private static TextEdit minimalEdit(ScenarioDocument document, String before, String after) {
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        if (prefix > 0 && Character.isLowSurrogate(before.charAt(Math.min(prefix, before.length() - 1)))) {
            prefix--;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        while (suffix > 0 && Character.isLowSurrogate(before.charAt(before.length() - suffix))) {
            suffix--;
        }
        // an edit never starts or ends between the \r and \n of a line break: no position of the
        // protocol stands there, and a client would clamp it to the line's end, keeping the \r
        if (splitsLineBreak(before, prefix)) {
            prefix--;
        }
        if (suffix > 0 && splitsLineBreak(before, before.length() - suffix)) {
            suffix--;
        }
        Range range = new Range(document.lines().positionAt(prefix), document.lines().positionAt(before.length() - suffix));
        return new TextEdit(range, after.substring(prefix, after.length() - suffix));
    }
}
