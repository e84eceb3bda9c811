package dev.cowpte.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A scenario file to run: the path as shown to the user, and where it is. */
record ScenarioFile(String display, Path path) {

    String read() {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageError(display + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageError(display + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Files as given, directories searched (recursively, sorted) for {@code *.cowpte}. */
    static List<ScenarioFile> collect(List<Path> given) {
        List<ScenarioFile> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                List<ScenarioFile> found = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".cowpte"))
                            .sorted()
                            .forEach(f -> found.add(new ScenarioFile(f.toString(), f)));
                } catch (IOException e) {
                    throw new UsageError(p + ": cannot list (" + e.getMessage() + ")");
                }
                if (found.isEmpty()) {
                    throw new UsageError(p + ": no .cowpte files in this directory");
                }
                out.addAll(found);
            } else if (Files.isRegularFile(p)) {
                out.add(new ScenarioFile(p.toString(), p));
            } else {
                throw new UsageError(p + ": no such file or directory");
            }
        }
        return out;
    }
}
