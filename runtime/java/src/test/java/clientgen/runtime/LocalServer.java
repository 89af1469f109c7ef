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

/** A real HTTP server on 127.0.0.1 for the runtime's tests: answers with scripted replies, records each request. */
final class LocalServer implements AutoCloseable {
    /** One scripted answer: status, body, extra headers, and how long to wait before answering. */
    static final class Reply {
        final int status;
        final String body;
        final Map<String, String> headers;
        final long delayMillis;

        Reply(int status, String body, Map<String, String> headers, long delayMillis) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.delayMillis = delayMillis;
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }
    }

    /** One request as received: method, path and query, headers (values by lower-case name). */
    static final class Received {
        final String method;
        final String target;
        final Map<String, List<String>> headers;

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
        synchronized (this) {
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(
                    name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers));
            reply = replies.get(Math.min(requests.size(), replies.size()) - 1);
        }
        exchange.getRequestBody().readAllBytes();
        if (reply.delayMillis > 0) {
            try {
                Thread.sleep(reply.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
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

    @Override
    public void close() {
        server.stop(0);
    }
}
