package dev.cowpte.lang.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cowpte.lang.FrontEnd;
import dev.cowpte.lang.check.Policies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameTemplateTest {
    @Test
    void aFamilyNameIsItsLiteralPartsAndItsVariables() {
        NameTemplate t = NameTemplate.of("w{i}_{j}x");
        assertTrue(t.isTemplate());
        assertEquals(List.of("i", "j"), t.variables());
        assertEquals(List.of(new NameTemplate.Part("w", false, 0, 1), new NameTemplate.Part("i", true, 1, 4),
                new NameTemplate.Part("_", false, 4, 5), new NameTemplate.Part("j", true, 5, 8),
                new NameTemplate.Part("x", false, 8, 9)), t.parts());
    }

    @Test
    void aPlainNameIsOneLiteral() {
        NameTemplate t = NameTemplate.of("parent");
        assertFalse(t.isTemplate());
        assertEquals(List.of(), t.variables());
        assertEquals("parent", t.expand(v -> 1L));
        assertNull(t.match("parent"));
    }

    @Test
    void expandingUnderABindingReplacesTheBoundPlaceholdersOnly() {
        NameTemplate t = NameTemplate.of("worker{i}_{j}");
        assertEquals("worker3_12", t.expand(Map.of("i", 3L, "j", 12L)::get));
        assertEquals("worker3_{j}", t.expand(Map.of("i", 3L)::get), "an unbound placeholder stays as written");
    }

    @Test
    void matchingAnInstanceGivesTheValuesThatExpandToIt() {
        NameTemplate t = NameTemplate.of("worker{i}_{j}");
        assertEquals(List.of(3L, 12L), t.match("worker3_12"));
        assertEquals("worker3_12", t.instance(t.match("worker3_12")));
        assertNull(t.match("worker03_12"), "expansion never writes a leading zero");
        assertNull(t.match("workerx_12"));
    }

    @Test
    void anUnclosedBraceIsToldAndLeftLiteral() {
        NameTemplate t = NameTemplate.of("w{i}x{j");
        assertTrue(t.hasUnclosedBrace());
        assertEquals(List.of("i"), t.variables());
        assertEquals("w1x{j", t.expand(v -> 1L));
    }

    @Test
    void theNameOfTheSyntaxTreeCarriesItsParsedForm() {
        FrontEnd.Result r = FrontEnd.analyze("process p\nrepeat 2 as i {\n  fork p -> worker{i}\n}\n",
                Policies.of(List.of("classic")));
        Statement.Repeat repeat = (Statement.Repeat) r.scenario().statements().get(1);
        Name child = ((Statement.Fork) repeat.body().get(0)).child();
        assertEquals(List.of("i"), child.template().variables());
        assertEquals("worker1", child.template().expand(Map.of("i", 1L)::get));
        assertTrue(child.isTemplate());
    }
}
