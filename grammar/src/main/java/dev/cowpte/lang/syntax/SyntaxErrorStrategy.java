package dev.cowpte.lang.syntax;

import dev.cowpte.lang.parser.CowpteParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Reports a syntax error once, words it through {@link SyntaxMessages}, and resumes at the end of
 * the line, so one mistake never hides the lines after it. Inside a repeat block the closing
 * {@code }} also ends the skip, so the block stays whole.
 */
public final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxErrorSink sink;
    private final SyntaxMessages messages = new SyntaxMessages();

    public SyntaxErrorStrategy(SyntaxErrorSink sink) {
        this.sink = sink;
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
        ParserRuleContext context = e.getCtx() instanceof ParserRuleContext rule ? rule : parser.getContext();
        IntervalSet expected = expectedTokens(e);
        sink.report(offending, messages.unexpected(context, offending, expected, parser.getInputStream()));
    }

    private static IntervalSet expectedTokens(RecognitionException e) {
        try {
            return e.getExpectedTokens();
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    /** No single-token insertion or deletion: report the mismatch and skip to the end of the line. */
    @Override
    public Token recoverInline(Parser parser) {
        throw new InputMismatchException(parser);
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        boolean inBlock = isInsideBlock(parser.getContext());
        boolean inRepeatHeader = isInsideRepeatHeader(parser.getContext());
        TokenStream tokens = parser.getInputStream();
        while (true) {
            int type = tokens.LA(1);
            if (type == Token.EOF || type == CowpteParser.NEWLINE
                    || (inBlock && type == CowpteParser.RBRACE) || (inRepeatHeader && type == CowpteParser.LBRACE)) {
                return;
            }
            parser.consume();
        }
    }

    /**
     * Where a line may start (the loops of the scenario and of a block), a token that can not
     * start a statement is an unknown statement: report it and skip its line.
     */
    @Override
    public void sync(Parser parser) {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        TokenStream tokens = parser.getInputStream();
        int type = tokens.LA(1);
        IntervalSet next = parser.getATN().nextTokens(state);
        if (type == Token.EOF || !isLineStart(parser.getContext(), next) || next.contains(type)) {
            return;
        }
        if (!inErrorRecoveryMode(parser)) {
            beginErrorCondition(parser);
            sink.report(tokens.LT(1), messages.unknownStatement(tokens.LT(1)));
        }
        boolean closesBlock = next.contains(CowpteParser.RBRACE);
        while (true) {
            int current = tokens.LA(1);
            if (current == Token.EOF || current == CowpteParser.NEWLINE || (closesBlock && current == CowpteParser.RBRACE)) {
                return;
            }
            parser.consume();
        }
    }

    /** The loops over the lines of the scenario and of a block, where a statement may start. */
    private static boolean isLineStart(ParserRuleContext context, IntervalSet next) {
        int rule = context.getRuleIndex();
        return next.contains(CowpteParser.PROCESS) && (rule == CowpteParser.RULE_scenario
                || (rule == CowpteParser.RULE_block && next.contains(CowpteParser.RBRACE)));
    }

    private static boolean isInsideRepeatHeader(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null && c.getRuleIndex() != CowpteParser.RULE_statement; c = c.getParent()) {
            if (c.getRuleIndex() == CowpteParser.RULE_repeatHeader) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInsideBlock(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c.getRuleIndex() == CowpteParser.RULE_blockLine) {
                return true;
            }
        }
        return false;
    }
}
