package dev.cowpte.lsp.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Reads {@code Content-Length} frames like LSP4J's producer, but never loses the stream on bad
 * input: a frame is always read whole before it is parsed (so invalid JSON cannot leave half a
 * body to be taken for headers), a body that is not JSON-RPC gets a {@code ParseError} response
 * with a null id as JSON-RPC requires, a frame over {@link #MAX_MESSAGE_BYTES} is skipped with an
 * error response, and logged garbage is cut short.
 */
final class FramedMessageProducer extends StreamMessageProducer {
    /** The largest frame read: a scenario is at most 4 Mi UTF-16 units, JSON-escaped well below this. */
    static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final int MAX_LOGGED_CHARS = 300;
    private static final Logger LOG = Logger.getLogger(FramedMessageProducer.class.getName());

    private final MessageJsonHandler json;
    private final MessageIssueHandler issues;
    private volatile MessageConsumer consumer;

    FramedMessageProducer(InputStream input, MessageJsonHandler json, MessageIssueHandler issues) {
        super(input, json, issues);
        this.json = json;
        this.issues = issues;
    }

    @Override
    public void listen(MessageConsumer callback) {
        this.consumer = callback;
        super.listen(callback);
    }

    @Override
    protected boolean handleMessage(InputStream input, Headers headers) throws IOException {
        int length = headers.contentLength;
        if (length > MAX_MESSAGE_BYTES) {
            if (!discard(input, length)) {
                return false;
            }
            refuse(ResponseErrorCode.InvalidRequest, "message of " + length + " bytes is over the limit of "
                    + MAX_MESSAGE_BYTES + " bytes; discarded");
            return true;
        }
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            int n = input.read(body, read, length - read);
            if (n < 0) {
                return false;
            }
            read += n;
        }
        String text;
        try {
            text = new String(body, Charset.forName(headers.charset));
        } catch (RuntimeException e) {
            refuse(ResponseErrorCode.ParseError, "unsupported charset '" + cut(headers.charset) + "'");
            return true;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            if (issues != null) {
                issues.handle(e.getRpcMessage(), e.getIssues());
            }
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            refuse(ResponseErrorCode.ParseError, "not a JSON-RPC message: " + cut(firstLine(e.getMessage())));
            return true;
        }
        if (message == null) {
            refuse(ResponseErrorCode.ParseError, "empty JSON-RPC message");
            return true;
        }
        try {
            consumer.consume(message);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            LOG.log(Level.SEVERE, "handling a message failed: " + cut(String.valueOf(e.getMessage())), e);
        }
        return true;
    }

    @Override
    protected void fireError(Throwable error) {
        LOG.log(Level.SEVERE, cut(String.valueOf(error.getMessage())));
    }

    private void refuse(ResponseErrorCode code, String text) {
        LOG.log(Level.WARNING, text);
        if (issues != null) {
            // an error response with a null id, as JSON-RPC wants for a message whose id is unknown
            issues.handle(new RequestMessage(), List.of(new MessageIssue(text, code.getValue())));
        }
    }

    private static boolean discard(InputStream input, long length) throws IOException {
        byte[] sink = new byte[64 << 10];
        long left = length;
        while (left > 0) {
            int n = input.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                return false;
            }
            left -= n;
        }
        return true;
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private static String cut(String s) {
        return s.length() <= MAX_LOGGED_CHARS ? s : s.substring(0, MAX_LOGGED_CHARS) + "... (" + s.length() + " chars)";
    }
}
