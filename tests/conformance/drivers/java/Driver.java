// Conformance driver for the generated Java SDK (see tests/conformance/scenarios.py for the protocol).

import com.example.conformanceclient.AccessToken;
import com.example.conformanceclient.ApiException;
import com.example.conformanceclient.AzureMLCredential;
import com.example.conformanceclient.Client;
import com.example.conformanceclient.CreateOrderParams;
import com.example.conformanceclient.Credential;
import com.example.conformanceclient.GetItemParams;
import com.example.conformanceclient.EventStream;
import com.example.conformanceclient.Interceptor;
import com.example.conformanceclient.LineStream;
import com.example.conformanceclient.ListCursorParams;
import com.example.conformanceclient.OperationFailedException;
import com.example.conformanceclient.PagedIterable;
import com.example.conformanceclient.ServerSentEvent;
import com.example.conformanceclient.RawResponse;
import com.example.conformanceclient.RequestOptions;
import com.example.conformanceclient.RequestTimeoutException;
import com.example.conformanceclient.ResponseDecodeException;
import com.example.conformanceclient.TokenProvider;
import com.example.conformanceclient.TransportException;
import com.example.conformanceclient.model.AddPetResult;
import com.example.conformanceclient.model.Animal;
import com.example.conformanceclient.model.Cat;
import com.example.conformanceclient.model.ClientModel;
import com.example.conformanceclient.model.Dog;
import com.example.conformanceclient.model.ErrorResponse;
import com.example.conformanceclient.model.GenerateRequest;
import com.example.conformanceclient.model.GenerateStreamResponse;
import com.example.conformanceclient.model.JobInput;
import com.example.conformanceclient.model.Order;
import com.example.conformanceclient.model.Pet;
import com.example.conformanceclient.model.Record;
import com.example.conformanceclient.model.ServiceInput;
import com.example.conformanceclient.model.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

public final class Driver {
    static final List<List<Double>> ROWS = List.of(List.of(1.5, 2.5, -3.25));
    static final String UNICODE_NAME = "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \ud83d\ude80 \"quoted\" \\ back";
    static final long BIG_ID = 9007199254740993L;
    static final ObjectMapper JSON = Client.objectMapper();

    private Driver() {
    }

    /** Returns the tokens in order, then the last one forever; each valid for its lifetime from now. */
    static TokenProvider provider(String first, long firstLifetime, String second, long secondLifetime) {
        Deque<Map.Entry<String, Long>> queue = new ArrayDeque<>(
                List.of(Map.entry(first, firstLifetime), Map.entry(second, secondLifetime)));
        return () -> {
            Map.Entry<String, Long> next = queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
            return new AccessToken(next.getKey(), Instant.now().plusSeconds(next.getValue()));
        };
    }

    static Client client(String url) {
        return Client.builder().baseUrl(url).credential("key-123").build();
    }

    static Object run(String name, String url) {
        switch (name) {
            case "auth_key":
            case "typed_error":
            case "retry_503":
                return client(url).runMLService(new ServiceInput().data(ROWS));
            case "token_refresh": {
                Client client = Client.builder().baseUrl(url).credential(provider("token-1", 5, "token-2", 3600)).build();
                client.serviceHealthCheck();
                client.serviceHealthCheck();
                return client.serviceHealthCheck();
            }
            case "refresh_after_401":
                return Client.builder().baseUrl(url).credential(provider("token-1", 3600, "token-2", 3600)).build()
                        .serviceHealthCheck();
            case "html_502":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build()
                        .runMLService(new ServiceInput().data(ROWS));
            case "timeout":
                return Client.builder().baseUrl(url).credential("key-123").timeout(Duration.ofMillis(500))
                        .maxRetries(0).build().serviceHealthCheck();
            case "transport_error":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build().serviceHealthCheck();
            case "binary_upload": {
                byte[] data = new byte[256];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) i;
                }
                return client(url).uploadImage(data);
            }
            case "unicode_round_trip":
                return client(url).echoRecord(new Record().id(1L).name(UNICODE_NAME));
            case "int64_precision":
                return client(url).echoRecord(new Record().id(BIG_ID).name("big"));
            case "unknown_fields":
                return client(url).echoRecord(new Record().id(7L).name("x"));
            case "null_and_unset":
                return client(url).echoRecord(new Record().id(2L).name("n").nickname(null));
            case "date_time":
                return client(url).echoRecord(new Record().id(3L).name("t")
                        .created(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
            case "path_query_encoding":
                return client(url).getItem("a/b c?%\u00fc",
                        new GetItemParams().tags(List.of("x y", "z&w")).q("1+1=2").xTraceId("trace-1"));
            case "user_agent":
                return client(url).serviceHealthCheck();
            case "raw_send": {
                RawResponse response = client(url).send("POST", "/score",
                        "{\"data\":[[1]]}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("status", response.getStatusCode());
                out.put("body", response.getText());
                return out;
            }
            default:
                return runMore(name, url);
        }
    }

    /** The scenarios of the client contract's per-operation rules (scenarios.py, after `SCENARIOS +=`). */
    static Object runMore(String name, String url) {
        Client client = client(url);
        switch (name) {
            case "auth_none_for_public":
                return client.getPublic();
            case "auth_header_key":
                return client.getWithHeaderKey();
            case "auth_query_key":
                return client.getWithQueryKey();
            case "auth_cookie_key":
                return client.getWithCookieKey();
            case "auth_basic":
                return Client.builder().baseUrl(url).credential(Credential.basic("user", "pa:ss w\u00f6rd")).build()
                        .getWithBasic();
            case "auth_oauth":
                return Client.builder().baseUrl(url).credential(provider("token-1", 3600, "token-1", 3600)).build()
                        .getWithOauth();
            case "async_token_provider": {
                Credential credential = Credential.asyncProvider(() -> CompletableFuture.supplyAsync(
                        () -> new AccessToken("token-1", Instant.now().plusSeconds(3600))));
                return Client.builder().baseUrl(url).credential(credential).build().serviceHealthCheckAsync().join();
            }
            case "accept_declared":
                return Map.of("size", client.getImage().length);
            case "accept_text":
                return client.getText();
            case "retry_post_502_not_resent":
            case "retry_post_429":
            case "retry_post_after_send":
                return client.runMLService(new ServiceInput().data(ROWS));
            case "retry_get_502":
            case "retry_get_after_send":
                return client.getItem("a");
            case "retry_idempotency_key":
                return client.createOrder(new Order().items(List.of("a")), new CreateOrderParams().idempotencyKey("order-1"));
            case "retry_marked_safe":
                return Client.builder().baseUrl(url).credential("key-123").retryOperations("RunMLService").build()
                        .runMLService(new ServiceInput().data(ROWS));
            case "retry_per_call":
                return client.getItem("a", null, new RequestOptions().maxRetries(0));
            case "empty_body_for_model":
            case "required_missing_in_response":
                return client.echoRecord(new Record().id(1L).name("x"));
            case "empty_204_allowed":
                return client.deleteRecord(1L).orElse(null);
            case "required_unset_in_request":
                return client.createOrder(new Order().note("n"));
            case "open_enum_round_trip":
                return client.echoRecord(client.getRecord(1L));
            case "duplicate_keys":
                return client.echoSettings(new Settings().kind("cat").putAdditionalProperty("kind", "dog")
                        .putAdditionalProperty("zzz", 1));
            case "caller_deadline":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build()
                        .serviceHealthCheck(new RequestOptions().timeout(Duration.ofMillis(300)));
            case "date_time_fractions":
            case "date_time_without_offset":
                return client.getRecord(1L);
            case "naive_date_time":
                return client.echoRecord(new Record().id(3L).name("t")
                        .created(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
            case "header_case":
                try {
                    return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build().getItem("a");
                } catch (ApiException e) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("upper", e.getHeaders().get("X-Request-Id").get(0));
                    out.put("lower", e.getHeaders().get("x-request-id").get(0));
                    return out;
                }
            case "declared_string_json":
                return client.serviceHealthCheck();
            case "union_wrong_variant": {
                AddPetResult result = client.addPet(Pet.fromCat(new Cat().name("tom")));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pet", result.asPet() != null);
                out.put("string", result.asString());
                return out;
            }
            case "union_discriminator_read": {
                Pet pet = client.addPet(Pet.fromDog(new Dog().name("rex"))).asPet();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pet", pet != null);
                out.put("cat", pet != null && pet.asCat() != null);
                out.put("dog", pet != null && pet.asDog() != null);
                return out;
            }
            case "union_wrong_discriminator":
                return client.addPet(Pet.fromCat(new Cat().petType("dog").name("tom")));
            case "union_fit": {
                Animal animal = client.getAnimal();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bird", animal.asBird() != null);
                out.put("fish", animal.asFish() != null);
                return out;
            }
            case "grouped_call":
                return client.records().getRecord(5L);
            case "names_client_model": {
                ClientModel named = client.getClientModel();
                return named;
            }
            default:
                return runCallOptions(name, url);
        }
    }

    /** Per-call options, the caller's own HTTP client, hooks, logging, Azure ML credentials (scenarios.py). */
    static Object runCallOptions(String name, String url) {
        switch (name) {
            case "call_timeout":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build()
                        .serviceHealthCheck(new RequestOptions().timeout(Duration.ofMillis(300)));
            case "call_header": {
                Client client = Client.builder().baseUrl(url).credential("key-123")
                        .header("azureml-model-deployment", "green").build();
                client.getItem("a", null, new RequestOptions().header("azureml-model-deployment", "blue"));
                return client.getItem("a");
            }
            case "call_no_retries_post":
                return Client.builder().baseUrl(url).credential("key-123").retryOperations("RunMLService")
                        .maxRetries(2).build()
                        .runMLService(new ServiceInput().data(ROWS), new RequestOptions().maxRetries(0));
            case "hook_sees_attempts": {
                List<Object> seen = new ArrayList<>();
                AtomicInteger count = new AtomicInteger();
                Client client = Client.builder().baseUrl(url).credential("key-123").interceptor(new Interceptor() {
                    @Override
                    public void beforeRequest(HttpRequest request, HttpRequest.Builder builder) {
                        builder.setHeader("x-hooked", String.valueOf(count.incrementAndGet()));
                        seen.add(request.method() + " " + request.uri().getPath());
                    }

                    @Override
                    public void afterResponse(HttpRequest request, HttpResponse<byte[]> response) {
                        seen.add(response.statusCode());
                    }
                }).build();
                client.getItem("a");
                return Map.of("seen", seen);
            }
            case "own_http_client": {
                CountingClient own = new CountingClient(HttpClient.newHttpClient());
                Client client = Client.builder().baseUrl(url).credential("key-123").timeout(Duration.ofSeconds(5))
                        .httpClient(own).build();
                client.getItem("a");
                try {
                    HttpResponse<String> direct = own.send(HttpRequest.newBuilder(URI.create(url + "/items/a")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("counted", own.count.get());
                    out.put("status", direct.statusCode());
                    return out;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("the caller's own client no longer works: " + e, e);
                }
            }
            case "logging": {
                CapturingLogger log = new CapturingLogger();
                Client client = Client.builder().baseUrl(url).credential("key-123").logger(log)
                        .secretHeaders("x-trace-id").build();
                client.getItem("a", new GetItemParams().q("query-secret").xTraceId("trace-secret"));
                return Map.of("log", log.lines);
            }
            case "azureml_credentials": {
                long now = Instant.now().getEpochSecond();
                Deque<String> answers = new ArrayDeque<>(List.of(
                        "{\"accessToken\": \"aml-1\", \"tokenType\": \"Bearer\", \"expiryTimeUtc\": " + (now + 3600)
                                + ", \"refreshAfterTimeUtc\": " + (now + 1) + "}",
                        "{\"accessToken\": \"aml-2\", \"tokenType\": \"Bearer\", \"expiryTimeUtc\": " + (now + 3600)
                                + ", \"refreshAfterTimeUtc\": " + (now + 3600) + "}"));
                Supplier<String> json = () -> answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
                Client client = Client.builder().baseUrl(url).credential(AzureMLCredential.fromJson(json)).build();
                client.serviceHealthCheck();
                pause(2500);
                client.serviceHealthCheck();
                return client.serviceHealthCheck();
            }
            case "call_cancel": {
                long start = System.nanoTime();
                CompletableFuture<String> call = client(url).serviceHealthCheckAsync();
                pause(300);
                call.cancel(true);
                boolean cancelled;
                try {
                    call.join();
                    cancelled = false;
                } catch (CancellationException e) {
                    cancelled = true;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("cancelled", cancelled);
                out.put("seconds", (System.nanoTime() - start) / 1e9);
                return out;
            }
            default:
                return runStreams(name, url);
        }
    }

    static List<String> names(Iterable<Record> records) {
        List<String> out = new ArrayList<>();
        for (Record record : records) {
            out.add(record.getName());
        }
        return out;
    }

    /** Pages, long-running operations and streams (scenarios.py, after `# ---- pages:`). */
    static Object runStreams(String name, String url) {
        Client client = client(url);
        switch (name) {
            case "page_next_link":
                return names(client.listPages());
            case "page_empty_last": {
                List<List<String>> pages = new ArrayList<>();
                for (List<Record> page : client.listPages().byPage()) {
                    pages.add(names(page));
                }
                return pages;
            }
            case "page_lazy":
                return names(client.listPages().byPage().iterator().next());
            case "page_error_on_2": {
                List<String> read = new ArrayList<>();
                try {
                    for (Record record : client.listPages(new RequestOptions().maxRetries(0))) {
                        read.add(record.getName());
                    }
                    return read;
                } catch (ApiException e) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("items", read);
                    out.put("status", e.getStatusCode());
                    return out;
                }
            }
            case "page_link_header":
                return names(client.listLinked());
            case "page_cursor": {
                PagedIterable<Record> pages = client.listCursor(new ListCursorParams().limit(2L));
                return names(pages);
            }
            case "page_offset":
                return client.listOffset().stream().map(Record::getName).collect(java.util.stream.Collectors.toList());
            case "lro_success":
            case "lro_failure":
            case "lro_canceled":
            case "lro_retry_after":
                return client.beginStartJob(new JobInput().name("j")).waitForCompletion();
            case "lro_original_uri":
                return client.beginRunJob("7", new JobInput().name("j")).waitForCompletion();
            case "lro_location":
                return client.beginExportJob().waitForCompletion();
            case "sse_events": {
                List<Object> out = new ArrayList<>();
                try (EventStream<Record> events = client.streamEvents()) {
                    while (events.hasNext()) {
                        ServerSentEvent<Record> event = events.next();
                        Map<String, Object> shown = new LinkedHashMap<>();
                        shown.put("event", event.getEvent());
                        shown.put("id", event.getId());
                        shown.put("retry", event.getRetry());
                        shown.put("data", event.getData());
                        out.add(shown);
                    }
                }
                return out;
            }
            case "sse_early_close": {
                long start = System.nanoTime();
                Map<String, Object> out = new LinkedHashMap<>();
                try (EventStream<Record> events = client.streamEvents()) {
                    out.put("first", events.next().getData());
                }
                out.put("seconds", (System.nanoTime() - start) / 1e9);
                return out;
            }
            case "ndjson_lines": {
                List<Record> out = new ArrayList<>();
                try (LineStream<Record> lines = client.streamLines()) {
                    lines.forEachRemaining(out::add);
                }
                return out;
            }
            case "oip_generate_stream": {
                StringBuilder text = new StringBuilder();
                try (EventStream<GenerateStreamResponse> events = client.generateStream("m1",
                        new GenerateRequest().textInput("Hi"))) {
                    events.forEachRemaining(event -> text.append(event.getData().getTextOutput()));
                }
                return text.toString();
            }
            case "binary_download_stream":
                return download(client);
            case "binary_upload_stream":
                return client.uploadImage(new InputStream() {
                    private int next;

                    @Override
                    public int read() {
                        return next < 256 ? next++ : -1;
                    }
                });
            default:
                throw new IllegalArgumentException("unknown scenario " + name);
        }
    }

    static Map<String, Object> download(Client client) {
        try (InputStream body = client.getImageStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] piece = new byte[64 * 1024];
            long size = 0;
            int read;
            while ((read = body.read(piece)) >= 0) {
                sha.update(piece, 0, read);
                size += read;
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : sha.digest()) {
                hex.append(String.format("%02x", b));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("size", size);
            out.put("sha256", hex.toString());
            return out;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("reading the body failed: " + e, e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The caller's own HttpClient: the JDK's, wrapped to count the requests it sends. */
    static final class CountingClient extends HttpClient {
        final HttpClient inner;
        final AtomicInteger count = new AtomicInteger();

        CountingClient(HttpClient inner) {
            this.inner = inner;
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return inner.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return inner.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return inner.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return inner.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return inner.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return inner.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return inner.authenticator();
        }

        @Override
        public Version version() {
            return inner.version();
        }

        @Override
        public Optional<Executor> executor() {
            return inner.executor();
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            count.incrementAndGet();
            return inner.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            count.incrementAndGet();
            return inner.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            count.incrementAndGet();
            return inner.sendAsync(request, handler, push);
        }
    }

    /** A System.Logger that keeps every message, at every level. */
    static final class CapturingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "conformance";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params));
        }
    }

    public static void main(String[] args) throws Exception {
        for (String argument : args) {
            int split = argument.indexOf('=');
            String name = argument.substring(0, split);
            String url = argument.substring(split + 1);
            ObjectNode line = JSON.createObjectNode();
            line.put("scenario", name);
            try {
                line.set("ok", JSON.valueToTree(run(name, url)));
            } catch (OperationFailedException e) {
                line.put("error", "operation");
                line.put("status", e.getStatus());
                line.put("message", e.getMessage());
            } catch (ApiException e) {
                ErrorResponse parsed = e.getError(ErrorResponse.class);
                line.put("error", "api");
                line.put("status", e.getStatusCode());
                line.put("message", e.getErrorMessage());
                line.put("error_message", parsed == null ? null : parsed.getMessage());
            } catch (RequestTimeoutException e) {
                line.put("error", "timeout");
                line.put("message", e.getMessage());
            } catch (TransportException e) {
                line.put("error", "transport");
                line.put("message", e.getMessage());
            } catch (ResponseDecodeException e) {
                line.put("error", "decode");
                line.put("message", e.getMessage());
            } catch (IllegalArgumentException | NullPointerException e) { // refused before anything was sent
                line.put("error", "invalid");
                line.put("message", e.getMessage());
            }
            System.out.println(JSON.writeValueAsString(line));
            System.out.flush();
        }
    }
}
