package dev.cowpte.lsp.server;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * In stdio mode stdout carries the protocol and nothing else: before anything else runs, the
 * real stdout is taken for the protocol and {@code System.out} is pointed at stderr, so that no
 * library's or stray print can corrupt a frame.
 */
public final class StdoutGuard {
    private static OutputStream protocol;

    private StdoutGuard() {
    }

    /** Takes stdout for the protocol (once; later calls return the same stream). */
    public static synchronized OutputStream claim() {
        if (protocol == null) {
            protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        }
        return protocol;
    }

    /**
     * Whether a command line starts the language server or the debug adapter on stdio (not
     * --port, not help or version).
     */
    public static boolean stdioServer(String[] args) {
        if (args.length == 0 || !("lsp".equals(args[0]) || "dap".equals(args[0]))) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--port") || a.startsWith("--port=") || a.equals("-h") || a.equals("--help")
                    || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }
}
