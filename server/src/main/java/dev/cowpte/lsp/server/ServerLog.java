package dev.cowpte.lsp.server;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's log: every line goes to stderr (never stdout, which carries the protocol) and,
 * once a client is connected, to {@code window/logMessage}. Stack traces go to stderr only.
 */
public final class ServerLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream err;
    private volatile LanguageClient client;

    public ServerLog(PrintStream err) {
        this.err = err;
    }

    public void connect(LanguageClient client) {
        this.client = client;
    }

    public void info(String message) {
        emit(MessageType.Info, message, null);
    }

    public void warn(String message) {
        emit(MessageType.Warning, message, null);
    }

    public void error(String message, Throwable cause) {
        emit(MessageType.Error, cause == null ? message
                : message + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private void emit(MessageType type, String message, Throwable cause) {
        StringBuilder line = new StringBuilder("cowpte ").append(LocalTime.now().format(TIME)).append(' ')
                .append(type.name().toLowerCase()).append(": ").append(message);
        if (cause != null) {
            StringWriter w = new StringWriter();
            cause.printStackTrace(new PrintWriter(w));
            line.append('\n').append(w);
        }
        synchronized (err) {
            err.println(line);
            err.flush();
        }
        LanguageClient c = client;
        if (c != null) {
            try {
                c.logMessage(new MessageParams(type, message));
            } catch (RuntimeException e) {
                synchronized (err) {
                    err.println("cowpte: window/logMessage failed: " + e);
                }
            }
        }
    }
}
