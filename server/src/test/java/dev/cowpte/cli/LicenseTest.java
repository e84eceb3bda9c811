package dev.cowpte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every part of the project is under the licence of the root {@code LICENSE}: the Maven modules
 * (the parent pom's {@code <licenses>}, which the modules inherit and none overrides), the VS
 * Code extension's {@code package.json}, and the {@code SPDX-License-Identifier} line of the
 * files users copy or the jar carries (the kernel helper's C source, the editors' set-ups).
 */
class LicenseTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The first line of each licence text this test knows, and its SPDX identifier. */
    private static final Map<String, String> SPDX = Map.of(
            "MIT License", "MIT",
            "Apache License", "Apache-2.0");
    /** Files whose header names their licence. */
    private static final List<String> HEADERS = List.of(
            "oracle/cowpte-oracle.c", "oracle/tests/oracle-test.c",
            "editors/emacs/cowpte.el", "editors/neovim/init.lua", "editors/neovim/dap.lua",
            "editors/neovim/syntax/cowpte.vim");

    private static String licence() throws IOException {
        Path file = ROOT.resolve("LICENSE");
        assertTrue(Files.isRegularFile(file), "the repository has no LICENSE");
        String first = Files.readAllLines(file).get(0).trim();
        String id = SPDX.get(first);
        assertTrue(id != null, "LICENSE begins '" + first + "', not a licence this test knows: " + SPDX.keySet());
        return id;
    }

    @Test
    void theMavenModulesDeclareTheLicenceOfLicenseFile() throws IOException {
        String id = licence();
        Pattern names = Pattern.compile("<licenses>.*?</licenses>", Pattern.DOTALL);
        Matcher root = names.matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(root.find(), "the parent pom declares no <licenses>");
        assertEquals(List.of(id), licenceNames(root.group()), "the parent pom's <licenses>");
        List<Path> modules = modules();
        assertFalse(modules.isEmpty());
        for (Path pom : modules) {
            String xml = Files.readString(pom);
            assertTrue(xml.contains("<artifactId>cowpte-parent</artifactId>"), pom + " inherits from cowpte-parent");
            Matcher own = names.matcher(xml);
            if (own.find()) {
                assertEquals(List.of(id), licenceNames(own.group()), pom + " <licenses>");
            }
        }
    }

    @Test
    void theVsCodeExtensionDeclaresTheSameLicence() throws IOException {
        String json = Files.readString(ROOT.resolve("vscode-extension/package.json"));
        assertEquals(licence(), JsonParser.parseString(json).getAsJsonObject().get("license").getAsString(),
                "vscode-extension/package.json \"license\"");
    }

    @Test
    void everyHeaderThatNamesALicenceNamesTheSame() throws IOException {
        String id = licence();
        Pattern spdx = Pattern.compile("SPDX-License-Identifier:\\s*(\\S+)");
        for (String name : HEADERS) {
            List<String> head = Files.readAllLines(ROOT.resolve(name)).stream().limit(5).toList();
            List<String> ids = new ArrayList<>();
            for (String line : head) {
                Matcher m = spdx.matcher(line);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            }
            assertEquals(List.of(id), ids, name + ": the SPDX line in its first lines");
        }
    }

    private static List<String> licenceNames(String licenses) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<name>([^<]*)</name>").matcher(licenses);
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    private static List<Path> modules() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<Path> out = new ArrayList<>();
        while (m.find()) {
            Path pom = ROOT.resolve(m.group(1).trim()).resolve("pom.xml");
            assertTrue(Files.isRegularFile(pom), pom + " is a module of the parent pom");
            out.add(pom);
        }
        return out;
    }
}
