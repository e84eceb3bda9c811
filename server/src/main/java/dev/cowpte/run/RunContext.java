package dev.cowpte.run;

import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.mm.Machine;
import dev.cowpte.mm.Mm;
import java.util.List;

/**
 * The running interpreter as a listener may question it from inside a callback (a debugger
 * stopped before a statement): the machine, the live processes, and the expectation language's
 * quantities measured now, names and repeat variables resolved as the next statement would
 * resolve them. Nothing here changes the machine or the run's records. Valid only while the run
 * is inside a listener callback, on the interpreter's thread or while that thread waits.
 */
public interface RunContext {
    /** The machine, or null before the first statement that needs one. */
    Machine machine();

    /** The live processes, in the order they were created. */
    List<Mm> alive();

    /** The values of the enclosing repeats' variables, outermost first. */
    java.util.Map<String, Long> repeatVariables();

    /**
     * Measures and judges an expectation now (not {@code segv}).
     *
     * @throws IllegalArgumentException with a message in the language's terms when a name does not
     *                                  stand for a live process or region, or for {@code segv}
     */
    Evaluation evaluate(Expectation expectation);

    /** The text {@code show} would print now. @throws IllegalArgumentException as {@link #evaluate} */
    String show(Statement.Show show);

    /** A measured expectation and its verdict. */
    record Evaluation(Probe probe, ExpectationOutcome outcome) {
    }
}
