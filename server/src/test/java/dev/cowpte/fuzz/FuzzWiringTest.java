package dev.cowpte.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The fuzzing that {@code mvn verify} runs is wired to fuzz tests that exist: every surefire
 * execution of {@code server/pom.xml} that sets {@code JAZZER_FUZZ} names a class of this package
 * with at least one {@code @FuzzTest} method, each with a corpus of at least one input, and
 * fails when it finds no test; and every class here with a {@code @FuzzTest} is fuzzed by one.
 * A renamed class would otherwise fuzz nothing and stay green.
 */
class FuzzWiringTest {
    private static final Path CORPORA = Path.of("src", "test", "resources", "dev", "cowpte", "fuzz");

    /** The {@code configuration} of each surefire execution that fuzzes. */
    private static List<Element> fuzzExecutions() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = f.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        List<Element> out = new ArrayList<>();
        NodeList executions = pom.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            Element config = child(e, "configuration");
            if (config != null && config.getElementsByTagName("JAZZER_FUZZ").getLength() > 0) {
                out.add(config);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        NodeList n = parent.getElementsByTagName(name);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    private static List<Method> fuzzTests(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(FuzzTest.class)).toList();
    }

    @Test
    void everyFuzzingExecutionNamesAFuzzTestWithACorpus() throws Exception {
        List<Element> executions = fuzzExecutions();
        assertFalse(executions.isEmpty(), "server/pom.xml fuzzes nothing");
        for (Element config : executions) {
            String name = child(config, "test").getTextContent().trim();
            Class<?> c;
            try {
                c = Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("server/pom.xml fuzzes " + name + ", which does not exist", e);
            }
            List<Method> methods = fuzzTests(c);
            assertFalse(methods.isEmpty(), name + " has no @FuzzTest method");
            assertEquals("true", child(config, "failIfNoSpecifiedTests").getTextContent().trim(),
                    name + ": its execution must fail when it finds no test");
            for (Method m : methods) {
                Path corpus = CORPORA.resolve(c.getSimpleName() + "Inputs").resolve(m.getName());
                try (Stream<Path> inputs = Files.isDirectory(corpus) ? Files.list(corpus) : Stream.empty()) {
                    assertTrue(inputs.findAny().isPresent(), name + "." + m.getName() + ": no input in " + corpus);
                }
            }
        }
    }

    @Test
    void everyFuzzTestIsFuzzed() throws Exception {
        TreeSet<String> fuzzed = new TreeSet<>();
        for (Element config : fuzzExecutions()) {
            fuzzed.add(child(config, "test").getTextContent().trim());
        }
        TreeSet<String> withFuzzTests = new TreeSet<>();
        for (String cls : classesOfThisPackage()) {
            if (!fuzzTests(Class.forName(cls)).isEmpty()) {
                withFuzzTests.add(cls);
            }
        }
        assertFalse(withFuzzTests.isEmpty(), "no @FuzzTest in " + FuzzWiringTest.class.getPackageName());
        assertEquals(withFuzzTests, fuzzed, "the classes with @FuzzTest and those server/pom.xml fuzzes");
    }

    /** The top-level test classes compiled into this package's folder. */
    private static List<String> classesOfThisPackage() throws IOException, java.net.URISyntaxException {
        Path dir = Path.of(FuzzWiringTest.class.getResource("FuzzWiringTest.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> FuzzWiringTest.class.getPackageName() + "." + n.substring(0, n.length() - 6)).toList();
        }
    }
}
