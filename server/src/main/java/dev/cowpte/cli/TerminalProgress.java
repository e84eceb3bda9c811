package dev.cowpte.cli;

import dev.cowpte.run.RunListener;
import dev.cowpte.run.RunMeter;
import java.io.PrintWriter;

/**
 * One line of progress on stderr, rewritten in place, when stderr is a terminal; nothing at all
 * otherwise, so that a pipe or a CI log gets only the command's own output. {@code run},
 * {@code compare}, {@code report} and {@code kernel} share it.
 */
final class TerminalProgress {
    /** How often the line is rewritten at most. */
    static final long EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean on;
    private boolean dirty;

    TerminalProgress(PrintWriter err, boolean on) {
        this.err = err;
        this.on = on;
    }

    /** On when stderr is a terminal that is not {@code dumb}. */
    static TerminalProgress of(PrintWriter err) {
        return new TerminalProgress(err, stderrIsTerminal() && !"dumb".equals(System.getenv("TERM")));
    }

    /**
     * Whether file descriptor 2 is a terminal: on Linux, where it points in /proc; elsewhere,
     * whether the JVM has a console (stdin and stdout a terminal).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    boolean on() {
        return on;
    }

    /** Rewrites the line with {@code text}. */
    synchronized void show(String text) {
        if (!on) {
            return;
        }
        err.print("\r\033[K" + text);
        err.flush();
        dirty = true;
    }

    /** A listener that shows where a run of {@code text} is, each line starting with {@code label}. */
    RunListener run(String label, String text) {
        if (!on) {
            return RunListener.NONE;
        }
        return RunMeter.of(text, EVERY_NANOS, s -> show(label + ": " + s.describe()));
    }

    /** Clears the line. */
    synchronized void done() {
        if (on && dirty) {
            err.print("\r\033[K");
            err.flush();
            dirty = false;
        }
    }
}
