package dev.cowpte.lsp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code cowpte.jar lsp} as a child process, its stderr kept for failure messages. */
final class ServerProcess implements AutoCloseable {
    static final long WAIT_S = 30;

    final Process process;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ServerProcess(Process p) {
        this.process = p;
        Thread t = new Thread(() -> copy(p.getErrorStream()), "server-stderr");
        t.setDaemon(true);
        t.start();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cowpte.jar", "target/cowpte.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        return jar;
    }

    static Path sample(String name) {
        return Path.of(System.getProperty("cowpte.samples", "../samples")).resolve(name);
    }

    static ServerProcess start(String... args) throws IOException {
        return startWithJvm(null, args);
    }

    /** With one JVM option (e.g. -Xmx256m) before -jar, or none for null. */
    static ServerProcess startWithJvm(String jvmOption, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (jvmOption != null) {
            cmd.add(jvmOption);
        }
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(cmd).start());
    }

    private void copy(InputStream in) {
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (err) {
                    err.write(b, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** The exit code, waiting at most 30 s (then the process is killed and the test fails). */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(WAIT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within " + WAIT_S + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
