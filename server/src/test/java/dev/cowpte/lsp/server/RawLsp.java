package dev.cowpte.lsp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * JSON-RPC over raw streams, checking every byte the server writes: each frame must be
 * {@code Content-Length} (and optionally {@code Content-Type}) headers, a blank line, and exactly
 * that many bytes of one JSON object. Anything else is a violation (a print that leaked to stdout).
 */
final class RawLsp {
    private final OutputStream out;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    RawLsp(InputStream in, OutputStream out) {
        this.out = out;
        this.reader = new Thread(() -> read(in), "raw-lsp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String json) throws IOException {
        sendBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] body) throws IOException {
        sendRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    void sendRaw(byte[]... parts) throws IOException {
        for (byte[] p : parts) {
            out.write(p);
        }
        out.flush();
    }

    void request(int id, String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    void notify(String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    /** The first message (skipping others) that matches, waiting at most 30 s. */
    JsonObject await(String what, Predicate<JsonObject> match) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ServerProcess.WAIT_S);
        while (true) {
            long left = end - System.nanoTime();
            JsonObject m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + what + " within " + ServerProcess.WAIT_S + " s; violations "
                        + violations);
            }
            if (match.test(m)) {
                return m;
            }
        }
    }

    JsonObject response(int id) throws InterruptedException {
        return await("response " + id, m -> m.has("id") && !m.get("id").isJsonNull() && m.has("method") == false
                && m.get("id").getAsInt() == id);
    }

    static boolean isNotification(JsonObject m, String method) {
        return !m.has("id") && m.has("method") && m.get("method").getAsString().equals(method);
    }

    /** Waits until the server closed its stdout. */
    void awaitEnd() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(ServerProcess.WAIT_S));
        if (!ended) {
            throw new AssertionError("stdout was not closed within " + ServerProcess.WAIT_S + " s");
        }
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                boolean first = true;
                while (!(line = headerLine(in, first)).isEmpty()) {
                    first = false;
                    if (line.startsWith("Content-Length: ")) {
                        length = Integer.parseInt(line.substring("Content-Length: ".length()));
                    } else if (!line.startsWith("Content-Type: ")) {
                        violations.add("not a header: '" + line + "'");
                        return;
                    }
                }
                if (length < 0) {
                    violations.add("a frame without Content-Length");
                    return;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    violations.add("a frame cut short: " + body.length + " of " + length + " bytes");
                    return;
                }
                JsonReader r = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
                JsonElement e = JsonParser.parseReader(r);
                if (!e.isJsonObject()) {
                    violations.add("a frame that is not a JSON object: " + e);
                    return;
                }
                received.add(e.getAsJsonObject());
            }
        } catch (EndOfStream e) {
            ended = true;
        } catch (IOException | RuntimeException e) {
            violations.add("unreadable output: " + e);
        }
    }

    private static final class EndOfStream extends IOException {
    }

    /** One CRLF-terminated header line; end of stream is fine only before a frame starts. */
    private String headerLine(InputStream in, boolean first) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (first && b.size() == 0) {
                    throw new EndOfStream();
                }
                throw new IOException("end of output inside a header: '" + b + "'");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("a header line not ended by CRLF: '" + b + "'");
                }
                return b.toString(StandardCharsets.US_ASCII);
            }
            b.write(c);
            if (b.size() > 200) {
                throw new IOException("a header line of over 200 bytes: '" + b + "...'");
            }
        }
    }
}
