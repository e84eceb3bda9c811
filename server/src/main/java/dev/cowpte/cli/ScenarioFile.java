package dev.cowpte.cli;

import dev.cowpte.lang.Diagnostic;
import dev.cowpte.lang.DiagnosticCode;
import dev.cowpte.lang.SourceRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A scenario file to run: the path as shown to the user, and where it is. */
record ScenarioFile(String display, Path path) {

    /**
     * A file that exists but cannot be run as text: its problem as a diagnostic, so that a run of
     * many files reports it as that file's error and goes on with the others.
     */
    static final class Unreadable extends RuntimeException {
        final Diagnostic diagnostic;

        Unreadable(Diagnostic diagnostic, String display) {
            super(diagnostic.format(display), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    /** The file's text; {@link Unreadable} when it cannot be read or is not UTF-8. */
    String read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new Unreadable(Diagnostic.error(SourceRange.NONE, DiagnosticCode.UNREADABLE,
                    "cannot read (" + e.getMessage() + ")"), display);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new Unreadable(notUtf8(out.flip().toString(), bytes[in.position()]), display);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Where the text stops being UTF-8: the line and column after the last good character. */
    private static Diagnostic notUtf8(String before, byte bad) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= before.length() || before.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.length() - lineStart + 1;
        SourceRange at = new SourceRange(line, column, line, column + 1, before.length(), before.length() + 1);
        return Diagnostic.error(at, DiagnosticCode.NOT_UTF8,
                String.format("not UTF-8 text: byte 0x%02x here does not belong to"
                + " a UTF-8 character; save the file as UTF-8", bad & 0xff));
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
