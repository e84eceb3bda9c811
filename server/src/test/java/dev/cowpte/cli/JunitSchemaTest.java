package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/** The JUnit report validates against the Ant/Jenkins JUnit XML schema in test resources. */
class JunitSchemaTest {
    private static Schema schema() throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return f.newSchema(JunitSchemaTest.class.getResource("/junit-ant.xsd"));
    }

    private static void validate(String xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void everySampleValidates(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("run", "--format", "junit", Cli.quickSamples(dir).toString());
        validate(r.out());
        assertTrue(r.out().contains("<failure message=\"rss child: expected == 0 pages, actual 512 pages\""), r.out());
    }

    @Test
    void errorsAndSyntaxProblemsValidate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("syntax.cowpte"), "process p\nmmap p buf\n");
        Files.writeString(dir.resolve("segv.cowpte"), "process p\nmmap p ro 4 readonly\nwrite p ro[0] = 1\n"
                + "expect rss p == 0\n");
        Cli r = Cli.run("run", "--format", "junit", dir.toString());
        assertEquals(2, r.code());
        validate(r.out());
        assertTrue(r.out().contains("<error "), r.out());
    }

    @Test
    void titlesWithCharactersXmlCannotHoldStillParse(@TempDir Path dir) throws Exception {
        // U+FFFE and U+FFFF are noncharacters that XML 1.0 forbids, though UTF-8 files may hold them.
        Files.writeString(dir.resolve("title.cowpte"), "scenario \"a\uFFFEb\uFFFFc\"\nprocess p\n"
                + "expect rss p == 1\n");
        Cli r = Cli.run("run", "--format", "junit", dir.toString());
        validate(r.out());
        assertTrue(r.out().contains("value=\"a\uFFFDb\uFFFDc"), r.out());
    }

    @Test
    void theSchemaRejectsWhatCiWouldNotRead() {
        assertThrows(SAXException.class, () -> validate("<testsuites><testsuite name=\"x\" tests=\"one\" failures=\"0\""
                + " errors=\"0\"/></testsuites>"));
        assertThrows(SAXException.class, () -> validate("<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\""
                + " errors=\"0\"><testcase name=\"t\"/></testsuite></testsuites>"));
    }
}
