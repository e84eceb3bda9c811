package dev.cowpte.lang.syntax;

import dev.cowpte.lang.build.SourceMap;
import dev.cowpte.lang.parser.CowpteLexer;
import dev.cowpte.lang.parser.CowpteParser;
import dev.cowpte.lang.parser.CowpteParser.ScenarioContext;
import java.util.List;
import dev.cowpte.lang.Diagnostic;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Runs the lexer and parser over a scenario: first in fast SLL mode, and only when that fails
 * again in full LL mode with the error strategy that words and recovers from errors.
 */
public final class ScenarioParser {
    private ScenarioParser() {
    }

    /** The parse tree, the syntax errors, and whether the whole file was read. */
    public record Outcome(ScenarioContext tree, List<Diagnostic> errors, boolean complete) {
    }

    public static Outcome parse(String text, SourceMap sourceMap) {
        CowpteLexer lexer = new CowpteLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        CowpteParser parser = new CowpteParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new Outcome(parser.scenario(), List.of(), true);
        } catch (ParseCancellationException e) {
            // fall through to the careful parse
        }
        tokens.seek(0);
        parser.reset();
        SyntaxErrors errors = new SyntaxErrors(sourceMap);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new SyntaxErrorStrategy(errors));
        try {
            return new Outcome(parser.scenario(), errors.diagnostics(), true);
        } catch (SyntaxErrors.TooMany e) {
            return new Outcome(null, errors.diagnostics(), false);
        }
    }
}
