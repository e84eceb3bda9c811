package dev.cowpte.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The native controller ({@code oracle/cowpte-oracle.c}) as a child process: one command line
 * out, one answer line back. It keeps one real process per scenario process; closing this
 * object (or the JVM exiting) ends the controller, and every scenario process ends with it.
 */
public final class OracleProcess implements AutoCloseable {
    /** One answer: {@code ok …}, {@code err NAME …} or {@code segv 0xADDR}. */
    public record Answer(String kind, String rest) {
        public boolean ok() {
            return kind.equals("ok");
        }

        public boolean segv() {
            return kind.equals("segv");
        }

        /** The address a {@code segv} answer names. */
        public long segvAddress() {
            String a = rest.split(" ")[0];
            return Long.parseUnsignedLong(a.startsWith("0x") ? a.substring(2) : a, 16);
        }

        /** The minor faults a process killed by SIGSEGV took in its life ({@code minflt=N}), or -1. */
        public long minorFaultsOfTheDead() {
            return word("minflt=");
        }

        /**
         * How long the parent's {@code fork()} (the clone system call) took on the kernel, as the
         * helper timed it around the call with {@code CLOCK_MONOTONIC} ({@code ns=N}), or -1.
         */
        public long forkNanos() {
            return word("ns=");
        }

        private long word(String key) {
            for (String w : rest.split(" ")) {
                if (w.startsWith(key)) {
                    return Long.parseLong(w.substring(key.length()));
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return rest.isEmpty() ? kind : kind + " " + rest;
        }
    }

    /** The controller died, stopped answering, or answered what it should not. */
    public static final class OracleFailure extends RuntimeException {
        public OracleFailure(String message) {
            super(message);
        }
    }

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
    private final Map<String, Integer> pids = new LinkedHashMap<>();
    private final Thread cleanup;
    private final long timeoutMillis;

    private OracleProcess(Process process, long timeoutMillis) {
        this.process = process;
        this.timeoutMillis = timeoutMillis;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.put(line);
                }
            } catch (IOException | InterruptedException e) {
                // the controller is gone; a waiting command times out or sees it dead
            }
        }, "cowpte-oracle-reader");
        reader.setDaemon(true);
        reader.start();
        this.cleanup = new Thread(this::kill, "cowpte-oracle-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts the controller built at {@code binary}; its diagnostics go to {@code stderrLog}. */
    public static OracleProcess start(Path binary, Path stderrLog, long timeoutMillis) throws IOException {
        return start(binary, stderrLog, timeoutMillis, null);
    }

    /**
     * As {@link #start(Path, Path, long)}, the controller working in {@code directory} (where its
     * {@code file} command makes files, each unlinked at once), or in this process's when null.
     */
    public static OracleProcess start(Path binary, Path stderrLog, long timeoutMillis, Path directory)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.redirectError(stderrLog == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(
                stderrLog.toFile()));
        OracleProcess o = new OracleProcess(pb.start(), timeoutMillis);
        Answer hello = o.send("hello");
        if (!hello.ok() || !hello.rest().startsWith("cowpte-oracle")) {
            o.close();
            throw new IOException("the kernel helper did not introduce itself (" + hello + ")");
        }
        return o;
    }

    /** Sends one command and waits for its answer. */
    public synchronized Answer send(String command) {
        if (!process.isAlive()) {
            throw new OracleFailure("the kernel helper has exited (status " + process.exitValue() + ")");
        }
        try {
            in.write(command);
            in.write('\n');
            in.flush();
            String line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (line == null) {
                kill();
                throw new OracleFailure("the kernel helper did not answer '" + command + "' within "
                        + timeoutMillis / 1000 + " s; it and its processes were killed");
            }
            int sp = line.indexOf(' ');
            return sp < 0 ? new Answer(line, "") : new Answer(line.substring(0, sp), line.substring(sp + 1));
        } catch (IOException e) {
            throw new OracleFailure("the kernel helper stopped reading commands (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new OracleFailure("interrupted; the kernel helper and its processes were killed");
        }
    }

    public Answer spawn(String id) {
        return remember(id, send("spawn " + id));
    }

    /** {@code timefork}: N real fork()s of a scenario process, timed in it; their durations in nanoseconds. */
    public List<Long> timeForks(String id, int n) {
        Answer a = send("timefork " + id + " " + n);
        if (!a.ok()) {
            throw new OracleFailure("timefork " + id + " " + n + ": " + a);
        }
        List<Long> out = new java.util.ArrayList<>();
        for (String w : a.rest().trim().split("\\s+")) {
            out.add(Long.parseLong(w));
        }
        return out;
    }

    public Answer fork(String parent, String child) {
        return remember(child, send("fork " + parent + " " + child));
    }

    private Answer remember(String id, Answer a) {
        if (a.ok()) {
            pids.put(id, Integer.parseInt(a.rest().trim().split(" ")[0]));
        }
        return a;
    }

    /** The pid of a scenario process the controller started. */
    public Integer pid(String id) {
        return pids.get(id);
    }

    public void forget(String id) {
        pids.remove(id);
    }

    public List<Integer> pids() {
        return new ArrayList<>(pids.values());
    }

    public long controllerPid() {
        return process.pid();
    }

    /**
     * Kills every scenario process (all descendants of the controller, which reaps orphans as a
     * subreaper) and then the controller, now.
     */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                in.write("quit\n");
                in.flush();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }
}
