package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The exchange on the wire, against a real local HTTP server: headers, retries, hooks, log, timeouts, cancel. */
class TransportTest {
    private static final ApiRuntime.Auth AUTH = new ApiRuntime.Auth("header", "Authorization", "key");

    private static Transport transport(LocalServer server, Consumer<Transport.Settings> configure) {
        Transport.Settings settings = new Transport.Settings(server.url() + "/");
        settings.credential = Credential.key("key-123");
        configure.accept(settings);
        return new Transport(settings);
    }

    private static Transport.Exchange<String> getItem(String query) {
        ApiRuntime.Request request = new ApiRuntime.Request("GET", "/items/a", "GetItem", "application/json", AUTH);
        request.queryParam("q", query, "form", true);
        return new Transport.Exchange<>(request, Map.of(),
                response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    /** A System.Logger that keeps every message. */
    static final class Captured implements System.Logger {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

    @Test
    void callHeadersReplaceTheClientsInAnyCaseButNeverTheCredential() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(200, "{}"))) {
            Transport transport = transport(server, s -> s.header("azureml-model-deployment", "green"));
            transport.send(getItem(null), new RequestOptions().header("AzureML-Model-Deployment", "blue")
                    .header("accept", "text/plain").header("USER-AGENT", "mine").header("authorization", "Bearer x"));
            transport.send(getItem(null), null);
            LocalServer.Received first = server.received().get(0);
            assertEquals(List.of("blue"), first.header("azureml-model-deployment"));
            assertEquals(List.of("text/plain"), first.header("accept"));
            assertEquals(List.of("mine"), first.header("user-agent"));
            assertEquals(List.of("Bearer key-123"), first.header("authorization"));
            LocalServer.Received second = server.received().get(1);
            assertEquals(List.of("green"), second.header("azureml-model-deployment"));
            assertEquals(List.of("application/json"), second.header("accept"));
            assertEquals(List.of(Transport.USER_AGENT), second.header("user-agent"));
            assertTrue(Transport.USER_AGENT.matches("runtime-tests/0\\.0\\.0 clientgen/0\\.0\\.0 java/\\S+"),
                    Transport.USER_AGENT);
        }
    }

    @Test
    void hooksAndTheLogSeeEveryAttemptBlockingAndAsync() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (LocalServer server = new LocalServer(
                    new LocalServer.Reply(503, "{}", Map.of("Retry-After", "0"), 0), LocalServer.Reply.of(200, "ok"))) {
                List<Object> seen = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger count = new AtomicInteger();
                Captured log = new Captured();
                Transport transport = transport(server, s -> {
                    s.logger = log;
                    s.secretHeaders("X-Hooked");
                    s.interceptor(new Interceptor() {
                        @Override
                        public void beforeRequest(HttpRequest request, HttpRequest.Builder builder) {
                            builder.setHeader("x-hooked", String.valueOf(count.incrementAndGet()));
                            seen.add(request.method() + " " + request.uri().getPath());
                        }

                        @Override
                        public void afterResponse(HttpRequest request, HttpResponse<byte[]> response) {
                            seen.add(response.statusCode());
                        }
                    });
                });
                String result = async ? transport.sendAsync(getItem("query-secret"), null).get(10, TimeUnit.SECONDS)
                        : transport.send(getItem("query-secret"), null);
                assertEquals("ok", result);
                assertEquals(List.of("GET /items/a", 503, "GET /items/a", 200), seen);
                assertEquals(List.of("1"), server.received().get(0).header("x-hooked"));
                assertEquals(List.of("2"), server.received().get(1).header("x-hooked"));
                String url = "GET " + server.url() + "/items/a\\?q=\\*\\*\\*";
                assertEquals(4, log.lines.size(), "" + log.lines);
                assertTrue(log.lines.get(0).matches(url + " request headers: accept: application/json; "
                        + "authorization: \\*\\*\\*; user-agent: \\S+ clientgen/\\S+ java/\\S+; x-hooked: \\*\\*\\*"),
                        log.lines.get(0));
                assertTrue(log.lines.get(1).matches(url + " -> 503 in \\d+ ms \\(retry 0\\)"), log.lines.get(1));
                assertTrue(log.lines.get(3).matches(url + " -> 200 in \\d+ ms \\(retry 1\\)"), log.lines.get(3));
                assertFalse(String.join("\n", log.lines).contains("secret") || String.join("", log.lines)
                        .contains("key-123"), "" + log.lines);
            }
        }
    }

    @Test
    void theDefaultLogIsTheSystemLoggerNamedAfterThePackageAtDebug() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(200, "ok"))) {
            RecordingLoggerFinder.LINES.clear();
            transport(server, s -> { }).send(getItem("v"), null);
            List<String> lines = List.copyOf(RecordingLoggerFinder.LINES);
            assertEquals(2, lines.size(), "" + lines);
            assertTrue(lines.get(1).matches("GET " + server.url() + "/items/a\\?q=\\*\\*\\* -> 200 in \\d+ ms "
                    + "\\(retry 0\\)"), lines.get(1));
        }
    }

    @Test
    void aFailedAttemptIsLoggedWithItsReason() throws Exception {
        Captured log = new Captured();
        int port;
        try (LocalServer closed = new LocalServer(LocalServer.Reply.of(200, ""))) {
            port = URI.create(closed.url()).getPort();
        }
        Transport.Settings settings = new Transport.Settings("http://127.0.0.1:" + port);
        settings.logger = log;
        settings.maxRetries(0);
        Transport transport = new Transport(settings);
        TransportException error = assertThrows(TransportException.class, () -> transport.send(getItem("v"), null));
        assertTrue(error.getMessage().startsWith("GET /items/a: ConnectException"), error.getMessage());
        assertTrue(log.lines.get(1).matches("GET http://127\\.0\\.0\\.1:" + port
                + "/items/a\\?q=\\*\\*\\* -> failed in \\d+ ms \\(retry 0\\): ConnectException.*"), log.lines.get(1));
    }

    @Test
    void blockingCallsUseSendAndTheCallersClientIsUsedButNeverClosed() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(200, "ok"))) {
            CountingHttpClient own = new CountingHttpClient();
            Transport transport = transport(server, s -> s.httpClient = own);
            assertEquals("ok", transport.send(getItem(null), null));
            assertEquals(1, own.sent.get());
            assertEquals(0, own.sentAsync.get());
            assertEquals("ok", transport.sendAsync(getItem(null), null).get(10, TimeUnit.SECONDS));
            assertEquals(1, own.sentAsync.get());
            // the SDK's settings still apply on the caller's client: credential, User-Agent
            assertEquals(List.of("Bearer key-123"), server.received().get(0).header("authorization"));
            assertEquals(List.of(Transport.USER_AGENT), server.received().get(1).header("user-agent"));
            HttpResponse<String> direct = own.inner.send(HttpRequest.newBuilder(URI.create(server.url() + "/x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, direct.statusCode());
        }
    }

    @Test
    void settingsThatCannotHoldTogetherAreRefused() {
        Transport.Settings settings = new Transport.Settings("http://127.0.0.1:1");
        settings.httpClient = new CountingHttpClient();
        settings.sslContext = defaultContext();
        assertThrows(IllegalStateException.class, () -> new Transport(settings));
        assertThrows(IllegalStateException.class, () -> new Transport(new Transport.Settings(null)));
        assertThrows(IllegalArgumentException.class, () -> settings.timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> settings.maxRetries(-1));
        settings.credential = Credential.key("key-123");
        assertFalse(settings.toString().contains("key-123"), settings.toString());
    }

    private static javax.net.ssl.SSLContext defaultContext() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cancellingTheFutureAbortsTheExchange() throws Exception {
        try (LocalServer server = new LocalServer(new LocalServer.Reply(200, "late", Map.of(), 3000))) {
            CountingHttpClient own = new CountingHttpClient();
            Transport transport = transport(server, s -> s.httpClient = own);
            long start = System.nanoTime();
            CompletableFuture<String> call = transport.sendAsync(getItem(null), null);
            Thread.sleep(200);
            assertTrue(call.cancel(true));
            assertThrows(CancellationException.class, call::join);
            // the exchange in flight is aborted too (the JDK completes its future with "Request cancelled")
            assertTrue(own.lastAsync.isCompletedExceptionally(), "" + own.lastAsync);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void aCallsOwnTimeoutIsTheDeadlineItsErrorNames() throws Exception {
        try (LocalServer server = new LocalServer(new LocalServer.Reply(200, "late", Map.of(), 2000))) {
            Transport transport = transport(server, s -> s.maxRetries(0));
            RequestTimeoutException error = assertThrows(RequestTimeoutException.class, () -> transport.send(
                    getItem(null), new RequestOptions().timeout(Duration.ofMillis(200))));
            assertEquals("GET /items/a: no response within 0.2 s (the call's timeout (RequestOptions))",
                    error.getMessage());
        }
    }

    @Test
    void a401AsksTheProviderAgainAndResendsOnce() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Reply.of(401, "{}"), LocalServer.Reply.of(200, "ok"))) {
            AtomicInteger asked = new AtomicInteger();
            Transport transport = transport(server, s -> s.credential = Credential.provider(
                    () -> new AccessToken("token-" + asked.incrementAndGet(), Instant.now().plusSeconds(3600))));
            assertEquals("ok", transport.send(getItem(null), null));
            assertEquals(List.of("Bearer token-1"), server.received().get(0).header("authorization"));
            assertEquals(List.of("Bearer token-2"), server.received().get(1).header("authorization"));
        }
    }
}
