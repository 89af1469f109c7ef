package clientgen.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 for the runtime's tests: answers with scripted replies, records each request
 * (its body too). A reply of chunks is streamed: each chunk written and flushed {@code delayMillis} apart, and
 * the request is marked {@code closedEarly} when the client hung up before the last one. {@code {base}} in a
 * reply's body, chunks or headers becomes the server's own URL.
 */
final class LocalServer implements AutoCloseable {
    /** One scripted answer: status, body, extra headers, and how long to wait before answering. */
    static final class Reply {
        final int status;
        final String body;
        final Map<String, String> headers;
        final long delayMillis;
        final List<String> chunks;

        Reply(int status, String body, Map<String, String> headers, long delayMillis) {
            this(status, body, headers, delayMillis, null);
        }

        private Reply(int status, String body, Map<String, String> headers, long delayMillis, List<String> chunks) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.delayMillis = delayMillis;
            this.chunks = chunks;
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }

        /** A streamed answer of this content type: the chunks, {@code delayMillis} apart. */
        static Reply chunked(String contentType, long delayMillis, String... chunks) {
            return new Reply(200, "", Map.of("Content-Type", contentType), delayMillis, List.of(chunks));
        }
    }

    /** One request as received: method, path and query, headers (values by lower-case name). */
    static final class Received {
        final String method;
        final String target;
        final Map<String, List<String>> headers;
        byte[] body = new byte[0];
        volatile boolean closedEarly;

        Received(String method, String target, Map<String, List<String>> headers) {
            this.method = method;
            this.target = target;
            this.headers = headers;
        }

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }

    private final HttpServer server;
    private final List<Reply> replies;
    final List<Received> requests = new ArrayList<>();

    LocalServer(Reply... replies) throws IOException {
        this.replies = List.of(replies);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Received> received() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Reply reply;
        Received received;
        synchronized (this) {
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(
                    name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            String query = exchange.getRequestURI().getRawQuery();
            received = new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers);
            requests.add(received);
            reply = replies.get(Math.min(requests.size(), replies.size()) - 1);
        }
        received.body = exchange.getRequestBody().readAllBytes();
        if (reply.delayMillis > 0) {
            try {
                Thread.sleep(reply.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.chunks != null) {
            stream(exchange, reply, received);
            return;
        }
        byte[] body = reply.body.replace("{base}", url()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value.replace("{base}", url())));
        try {
            exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client went away (a cancelled or timed-out call): nothing to answer
        }
        exchange.close();
    }

    private void stream(HttpExchange exchange, Reply reply, Received received) {
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        try {
            exchange.sendResponseHeaders(reply.status, 0);
            for (int i = 0; i < reply.chunks.size(); i++) {
                if (i > 0) {
                    Thread.sleep(reply.delayMillis);
                }
                exchange.getResponseBody().write(reply.chunks.get(i).getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
        } catch (IOException e) {
            received.closedEarly = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
