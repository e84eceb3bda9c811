package dev.cowpte.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.ast.Address;
import dev.cowpte.lang.ast.Expectation;
import dev.cowpte.lang.ast.Name;
import dev.cowpte.lang.ast.Statement;
import dev.cowpte.lang.ast.Statements;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The syntax tree's kinds and its visitors agree: every kind of statement and of expectation has
 * its own visitor method, and none of those methods has a default, so code that handles statements
 * does not compile until it handles a new kind.
 */
class SyntaxTreeTest {

    @Test
    void everyKindOfStatementHasAVisitorMethodWithoutDefault() {
        assertCovered(Statement.class, Statement.Visitor.class);
    }

    @Test
    void everyKindOfExpectationHasAVisitorMethodWithoutDefault() {
        assertCovered(Expectation.class, Expectation.Visitor.class);
    }

    @Test
    void thePartialVisitorAnswersEveryKindItDoesNotHandle() {
        Set<String> overridden = Arrays.stream(Statement.Partial.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("visit"))
                .map(m -> m.getParameterTypes()[0].getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(names(kinds(Statement.class)), overridden);
    }

    @Test
    void theOperandsStatementsShareReadAlikeWhateverTheKind() {
        List<Statement> s = Analysis.clean("process a", "mmap a buf 8", "fork a -> b", "repeat 2 {", "touch b buf[1]", "}",
                "expect shared a b buf[0]", "expect segv write a buf[3]", "expect pagetables > 0");
        assertEquals("a", Statements.subject(s.get(2)).text());
        Statement.Repeat repeat = (Statement.Repeat) s.get(3);
        assertTrue(repeat.isBlock());
        assertEquals(repeat.body(), repeat.children());
        assertEquals(List.of(), s.get(2).children());
        assertTrue(Statements.isAccess(repeat.children().get(0)));
        Expectation shared = ((Statement.Expect) s.get(4)).expectation();
        assertEquals(List.of("a", "b"), shared.processes().stream().map(Name::text).toList());
        assertEquals("a", shared.subject().text());
        assertEquals(s.get(4).range().startOffset() + "expect shared a b ".length(), shared.target().range().startOffset());
        Statement segv = s.get(5);
        assertEquals(segv, Statements.expectSegv(segv));
        assertEquals("a", Statements.faultingProcess(Statements.segvAccess(((Statement.Expect) segv).expectation())).text());
        assertEquals(3, ((Address.InRegion) Statements.address(segv)).from().value());
        Expectation machineWide = ((Statement.Expect) s.get(6)).expectation();
        assertEquals(null, machineWide.subject());
        assertEquals(List.of(), machineWide.processes());
        assertEquals(null, Statements.expectSegv(s.get(6)));
    }

    private static void assertCovered(Class<?> root, Class<?> visitor) {
        List<Class<?>> kinds = kinds(root);
        assertFalse(kinds.isEmpty());
        Set<String> visited = new TreeSet<>();
        for (Method m : visitor.getDeclaredMethods()) {
            assertTrue(Modifier.isAbstract(m.getModifiers()), m + " has a default: a new kind could pass unhandled");
            assertEquals("visit", m.getName(), m.toString());
            assertEquals(1, m.getParameterCount(), m.toString());
            visited.add(m.getParameterTypes()[0].getSimpleName());
        }
        assertEquals(names(kinds), visited, "the kinds of " + root.getSimpleName() + " and its visitor's methods");
        for (Class<?> kind : kinds) {
            assertTrue(kind.isRecord(), kind + " is a record");
        }
    }

    /** The concrete kinds of a sealed interface, through the sealed interfaces it permits. */
    private static List<Class<?>> kinds(Class<?> sealed) {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isInterface()) {
                kinds.addAll(kinds(sub));
            } else {
                kinds.add(sub);
            }
        }
        return kinds;
    }

    private static Set<String> names(List<Class<?>> kinds) {
        return kinds.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }
}
