package dev.cowpte.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every kind of call the interpreter tells its listeners has its own visitor method, without a
 * default: the kernel comparison's replay ({@code kernel.HelperCommand}) does not compile until it
 * says how the kernel makes a new kind.
 */
class MmCallKindsTest {

    @Test
    void everyKindOfCallHasAVisitorMethodWithoutDefault() {
        Set<String> kinds = Arrays.stream(MmCall.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> visited = new TreeSet<>();
        for (Method m : MmCall.Visitor.class.getDeclaredMethods()) {
            assertTrue(Modifier.isAbstract(m.getModifiers()), m + " has a default: a new kind could pass unhandled");
            visited.add(m.getParameterTypes()[0].getSimpleName());
        }
        assertEquals(kinds, visited);
        assertTrue(kinds.contains("Mmap") && kinds.contains("Fork"), kinds.toString());
    }
}
