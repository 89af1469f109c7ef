package clientgen.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The exchange of one client: one {@link HttpClient} (its own, pooled, TLS 1.2 at least; or the caller's, never
 * closed), the credential in its scheme's place, headers, per-attempt timeouts, safe retries, the caller's
 * {@link Interceptor}s on every attempt, the debug log ({@link HttpLog}) and the mapping of failures to the SDK's
 * errors. A blocking call uses {@link HttpClient#send}; an asynchronous one {@link HttpClient#sendAsync}, and
 * cancelling the future it returned ends the call. Both make the same decisions ({@link #next}). A streamed
 * exchange ({@link Exchange#streaming}: events, lines, a binary body read as it arrives) is blocking only: its
 * 2xx answer's body is handed over unread; any other answer is read whole for its error.
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 */
final class Transport {
    static final String USER_AGENT = SdkInfo.SDK_NAME + "/" + SdkInfo.SDK_VERSION + " clientgen/"
            + SdkInfo.CLIENTGEN_VERSION + " java/" + System.getProperty("java.version", "unknown").replace(' ', '_');
    /** A token provider is asked again this long before its token's refresh time. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    final String baseUrl;
    final Duration timeout;
    private final Tokens tokens;
    private final ApiRuntime.RetryPolicy retry;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HttpClient http;
    private final List<Interceptor> interceptors;
    private final HttpLog log;

    /** What a client is built with: the builder's settings, checked as they are set. */
    static final class Settings {
        String baseUrl;
        Credential credential;
        Duration timeout = Duration.ofSeconds(60);
        int maxRetries = 2;
        final Set<String> retryOperations = new LinkedHashSet<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        SSLContext sslContext;
        HttpClient httpClient;
        final List<Interceptor> interceptors = new ArrayList<>();
        System.Logger logger;
        final Set<String> secretHeaders = new LinkedHashSet<>();

        Settings(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        void retryOperations(String... operationIds) {
            for (String id : operationIds) {
                retryOperations.add(Objects.requireNonNull(id, "operationId"));
            }
        }

        void timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
        }

        void maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more");
            }
            this.maxRetries = maxRetries;
        }

        void header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        }

        void interceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        }

        void secretHeaders(String... names) {
            for (String name : names) {
                secretHeaders.add(Objects.requireNonNull(name, "header name"));
            }
        }

        /** Refuses settings that cannot hold together: no base URL, or a TLS context for the caller's client. */
        void check() {
            if (baseUrl == null || baseUrl.isEmpty()) {
                throw new IllegalStateException("this API's spec names no server: call baseUrl(...), e.g. "
                        + "Client.builder().baseUrl(\"https://host/api\")");
            }
            if (httpClient != null && sslContext != null) {
                throw new IllegalStateException(
                        "sslContext(...) configures the SDK's own HttpClient: set it on the HttpClient you give");
            }
        }

        @Override
        public String toString() {
            return "Client.Builder(baseUrl=" + baseUrl + ", credential=" + (credential != null ? "<hidden>" : "none")
                    + ")";
        }
    }

    Transport(Settings settings) {
        settings.check();
        String url = settings.baseUrl;
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = settings.timeout;
        this.tokens = new Tokens(settings.credential);
        this.retry = new ApiRuntime.RetryPolicy(settings.maxRetries, settings.retryOperations);
        headers.put("User-Agent", USER_AGENT);
        headers.putAll(settings.headers);
        this.http = settings.httpClient != null ? settings.httpClient : ownClient(timeout, settings.sslContext);
        this.interceptors = List.copyOf(settings.interceptors);
        this.log = new HttpLog(settings.logger != null ? settings.logger
                : System.getLogger(Transport.class.getPackageName()), settings.secretHeaders);
    }

    /**
     * A URL a page or a status monitor named, resolved against the answer that named it, as a GET of the
     * exchange's operation; the credential goes with it only to the base URL's origin (scheme, host and port).
     */
    ApiRuntime.Request follow(ApiRuntime.Request request, URI from, String link) {
        URI target = from.resolve(link.trim());
        return request.follow(target.toString(), origin(target).equals(origin(URI.create(baseUrl))));
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    /** The SDK's own client: HTTP/1.1, no redirects, TLS 1.3 or 1.2 on this client only. */
    private static HttpClient ownClient(Duration timeout, SSLContext sslContext) {
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslParameters(tls);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /**
     * One call of an operation as its generated method made it: the request, the spec's error models by status,
     * and how a 2xx answer becomes the method's result: read whole ({@code decode}), or, for a streamed exchange,
     * opened as it arrives ({@code open}).
     */
    static final class Exchange<T> {
        final ApiRuntime.Request request;
        final Map<String, TypeReference<?>> errors;
        final Function<HttpResponse<byte[]>, T> decode;
        final Function<HttpResponse<InputStream>, T> open;

        Exchange(ApiRuntime.Request request, Map<String, TypeReference<?>> errors,
                Function<HttpResponse<byte[]>, T> decode) {
            this(request, errors, decode, null);
        }

        private Exchange(ApiRuntime.Request request, Map<String, TypeReference<?>> errors,
                Function<HttpResponse<byte[]>, T> decode, Function<HttpResponse<InputStream>, T> open) {
            this.request = request;
            this.errors = errors;
            this.decode = decode;
            this.open = open;
        }

        /** An exchange whose 2xx answer is opened as it arrives (its body unread); blocking only. */
        static <T> Exchange<T> streaming(ApiRuntime.Request request, Map<String, TypeReference<?>> errors,
                Function<HttpResponse<InputStream>, T> open) {
            return new Exchange<>(request, errors, null, Objects.requireNonNull(open, "open"));
        }

        /** The same request and errors, its 2xx answer opened as it arrives. */
        <U> Exchange<U> streamed(Function<HttpResponse<InputStream>, U> opener) {
            return streaming(request, errors, opener);
        }

        /** The same errors for another request (a next page, a status monitor), its answer read whole. */
        <U> Exchange<U> with(ApiRuntime.Request other, Function<HttpResponse<byte[]>, U> decoder) {
            return new Exchange<>(other, errors, decoder);
        }
    }

    /** The raw send()'s exchange: the credential where the spec's first security scheme puts it. */
    static Exchange<RawResponse> raw(String method, String path, byte[] body, Map<String, String> headers) {
        String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        String where = Objects.requireNonNull(path, "path");
        ApiRuntime.Request request = new ApiRuntime.Request(upper, where.startsWith("/") ? where : "/" + where, "",
                "*/*", SdkInfo.RAW_SEND_AUTH);
        request.body = body == null ? null : body.clone();
        if (headers != null) {
            request.headers.putAll(headers);
        }
        return new Exchange<>(request, Map.of(),
                response -> new RawResponse(response.statusCode(), response.headers().map(), response.body()));
    }

    /** One call's state: its exchange, the retries, timeout and headers that hold for it, and its attempts. */
    private final class Call<T> {
        final Exchange<T> exchange;
        final int maxRetries;
        final Duration timeout;
        final String whose;
        final Map<String, String> headers;
        final boolean repeatable;
        final String what;
        int attempt;
        boolean refreshed;
        volatile CompletableFuture<?> inflight;

        Call(Exchange<T> exchange, RequestOptions options) {
            this.exchange = exchange;
            this.maxRetries = options == null || options.maxRetries == null ? retry.maxRetries : options.maxRetries;
            boolean own = options != null && options.timeout != null;
            this.timeout = own ? options.timeout : Transport.this.timeout;
            this.whose = own ? "the call's timeout (RequestOptions)" : "the client's timeout";
            this.headers = options == null ? Map.of() : options.headers;
            this.repeatable = retry.repeatable(exchange.request, headers);
            this.what = exchange.request.method + " " + exchange.request.path;
        }

        boolean needsToken() {
            return exchange.request.auth != null;
        }

        /** Whether a re-send is impossible: a body sent from a stream that was read from already. */
        boolean spent() {
            return exchange.request.bodyStream != null && exchange.request.bodyStream.started;
        }
    }

    /** What to do after an attempt: give this response, throw this error, or send again after this delay. */
    private static final class Step {
        final HttpResponse<byte[]> response;
        final RuntimeException error;
        final Duration delay;

        Step(HttpResponse<byte[]> response, RuntimeException error, Duration delay) {
            this.response = response;
            this.error = error;
            this.delay = delay;
        }
    }

    /**
     * Sends and waits (HttpClient.send on the caller's thread); the result, or the SDK's error. A streamed
     * exchange's 2xx answer is opened unread (the caller closes it); other answers are read whole.
     */
    <T> T send(Exchange<T> exchange, RequestOptions options) {
        Call<T> call = new Call<>(exchange, options);
        while (true) {
            String token = call.needsToken() ? join(tokens.current()) : null;
            HttpRequest request = prepare(call, token);
            long start = System.nanoTime();
            Step step;
            HttpResponse<InputStream> streamed = null;
            try {
                if (exchange.open == null) {
                    step = next(call, request, start, http.send(request, HttpResponse.BodyHandlers.ofByteArray()),
                            null);
                } else {
                    streamed = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    step = next(call, request, start, buffered(streamed), null);
                }
            } catch (IOException e) {
                step = next(call, request, start, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(call.what + ": interrupted while waiting for the response", e);
            }
            if (step.error != null) {
                throw step.error;
            }
            if (step.response != null) {
                return streamed != null ? exchange.open.apply(streamed) : exchange.decode.apply(step.response);
            }
            try {
                Thread.sleep(step.delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(call.what + ": interrupted while waiting to retry", e);
            }
        }
    }

    /**
     * A streamed answer as the decisions, the interceptors and the errors see it: a 2xx with its body unread
     * (shown empty), any other status with its body read whole (and its stream closed).
     */
    private static HttpResponse<byte[]> buffered(HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Buffered(response, new byte[0]);
        }
        try (InputStream body = response.body()) {
            return new Buffered(response, body.readAllBytes());
        }
    }

    /** An answer's status, headers and URI with a body of bytes. */
    private static final class Buffered implements HttpResponse<byte[]> {
        private final HttpResponse<?> response;
        private final byte[] body;

        Buffered(HttpResponse<?> response, byte[] body) {
            this.response = response;
            this.body = body;
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }

    /**
     * Sends without blocking (HttpClient.sendAsync); the future completes with the result or the SDK's error.
     * Cancelling it sends nothing more and cancels the exchange in flight (which Java 16 and newer abort).
     */
    <T> CompletableFuture<T> sendAsync(Exchange<T> exchange, RequestOptions options) {
        Call<T> call = new Call<>(exchange, options);
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            CompletableFuture<?> inflight = call.inflight;
            if (result.isCancelled() && inflight != null) {
                inflight.cancel(true);
            }
        });
        attemptAsync(call, result);
        return result;
    }

    private <T> void attemptAsync(Call<T> call, CompletableFuture<T> result) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<String> token = call.needsToken() ? tokens.current()
                : CompletableFuture.completedFuture(null);
        token.thenCompose(value -> {
            HttpRequest request = prepare(call, value);
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            call.inflight = sent;
            if (result.isCancelled()) {
                sent.cancel(true);
            }
            return sent.handle((response, failure) -> next(call, request, start, response,
                    failure == null ? null : ApiRuntime.unwrap(failure)));
        }).whenComplete((step, failure) -> {
            if (failure != null) {
                result.completeExceptionally(error(call, ApiRuntime.unwrap(failure)));
            } else if (step.error != null) {
                result.completeExceptionally(step.error);
            } else if (step.response != null) {
                try {
                    result.complete(call.exchange.decode.apply(step.response));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            } else {
                CompletableFuture.delayedExecutor(step.delay.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> attemptAsync(call, result));
            }
        });
    }

    /** The request of the call's next attempt: headers merged, the credential in place, the interceptors run. */
    private HttpRequest prepare(Call<?> call, String token) {
        ApiRuntime.Request request = call.exchange.request;
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Accept", request.accept);
        all.putAll(headers);
        all.putAll(request.headers);
        all.putAll(call.headers);
        List<Map.Entry<String, String>> query = new ArrayList<>(request.query);
        List<Map.Entry<String, String>> cookies = new ArrayList<>(request.cookies);
        String credentialHeader = null;
        if (token != null) {
            String value = request.auth.value(token);
            if ("query".equals(request.auth.location)) {
                query.add(Map.entry(request.auth.name, value));
            } else if ("cookie".equals(request.auth.location)) {
                cookies.add(Map.entry(request.auth.name, ApiRuntime.quote(value)));
            } else {
                all.put(request.auth.name, value);
                credentialHeader = request.auth.name;
            }
        }
        if (!cookies.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> cookie : cookies) {
                parts.add(cookie.getKey() + "=" + cookie.getValue());
            }
            all.put("Cookie", String.join("; ", parts));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url != null
                ? ApiRuntime.Request.target(request.url, "", query)
                : ApiRuntime.Request.target(baseUrl, request.path, query)))
                .timeout(call.timeout)
                .method(request.method, request.bodyStream != null
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> request.bodyStream)
                        : request.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body));
        for (Map.Entry<String, String> header : all.entrySet()) {
            if (!ApiRuntime.RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        for (Interceptor interceptor : interceptors) {
            interceptor.beforeRequest(builder.copy().build(), builder);
        }
        HttpRequest built = builder.build();
        log.request(built, credentialHeader);
        return built;
    }

    /**
     * After an attempt (a response, or an I/O failure): logs it, shows a response to the interceptors, and
     * decides. A 401 with a token provider re-sends once with a fresh token; a re-send that is safe waits its
     * delay; otherwise a 2xx is the answer and anything else the matching error.
     */
    private Step next(Call<?> call, HttpRequest sent, long start, HttpResponse<byte[]> response, Throwable failure) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int attempt = call.attempt;
        if (failure != null) {
            log.failure(sent, millis, attempt, failure.getClass().getSimpleName() + ": " + failure.getMessage());
            if (!(failure instanceof IOException) || call.spent()) {
                return new Step(null, error(call, failure), null);
            }
            Duration delay = ApiRuntime.RetryPolicy.delay(attempt, call.maxRetries, call.repeatable, null, null,
                    !ApiRuntime.beforeSending(failure));
            if (delay != null) {
                call.attempt++;
                return new Step(null, null, delay);
            }
            return new Step(null, error(call, failure), null);
        }
        log.response(sent, response.statusCode(), millis, attempt);
        for (Interceptor interceptor : interceptors) {
            interceptor.afterResponse(sent, response);
        }
        int status = response.statusCode();
        boolean again = !call.spent(); // a body sent from a stream cannot be sent again
        if (again && status == 401 && call.needsToken() && tokens.refreshable() && !call.refreshed) {
            tokens.invalidate();
            call.refreshed = true;
            return new Step(null, null, Duration.ZERO);
        }
        Duration delay = !again ? null : ApiRuntime.RetryPolicy.delay(attempt, call.maxRetries, call.repeatable,
                status, response.headers().firstValue("retry-after").orElse(null), true);
        if (delay != null) {
            call.attempt++;
            return new Step(null, null, delay);
        }
        if (status < 200 || status >= 300) {
            return new Step(null, ApiRuntime.apiError(call.exchange.request, response, call.exchange.errors), null);
        }
        return new Step(response, null, null);
    }

    /** The SDK's error for a failure that ends the call: a timeout names the deadline that fired. */
    private static RuntimeException error(Call<?> call, Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new RequestTimeoutException(call.what + ": no response within " + ApiRuntime.seconds(call.timeout)
                    + " (" + call.whose + ")", cause);
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof IOException) {
            return new TransportException(call.what + ": " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
        return new TransportException(call.what + ": " + cause, cause);
    }

    /** The value of a token future on the caller's thread, its failure thrown as the SDK's own error. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = ApiRuntime.unwrap(e);
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new ClientException("the token provider failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    /**
     * The client's credential and, for a token provider, the token it last gave: asked again before refresh-by
     * and once after a 401. No lock is held while the provider runs; callers needing a fresh token at the same
     * time share one call (one future).
     */
    static final class Tokens {
        private final Credential credential;
        private String token;
        private Instant refreshBy = Instant.EPOCH;
        private CompletableFuture<String> pending;

        Tokens(Credential credential) {
            this.credential = credential;
        }

        boolean refreshable() {
            return credential != null && credential.secret == null;
        }

        /** The credential's current text (null: none), asking the provider when the token is due. */
        CompletableFuture<String> current() {
            if (credential == null || credential.secret != null) {
                return CompletableFuture.completedFuture(credential == null ? null : credential.secret);
            }
            CompletableFuture<String> mine;
            synchronized (this) {
                if (token != null && Instant.now().isBefore(refreshBy.minus(REFRESH_MARGIN))) {
                    return CompletableFuture.completedFuture(token);
                }
                if (pending != null) {
                    return pending;
                }
                mine = new CompletableFuture<>();
                pending = mine;
            }
            CompletableFuture<AccessToken> asked;
            try {
                asked = credential.asyncProvider != null ? credential.asyncProvider.getTokenAsync()
                        : CompletableFuture.completedFuture(credential.provider.getToken());
                if (asked == null) {
                    throw new ClientException("the token provider returned null");
                }
            } catch (RuntimeException e) {
                asked = CompletableFuture.failedFuture(e);
            }
            asked.whenComplete((fresh, failure) -> {
                synchronized (this) {
                    pending = null;
                    if (failure == null && fresh != null) {
                        token = fresh.getToken();
                        refreshBy = fresh.getRefreshBy();
                    }
                }
                if (failure != null) {
                    Throwable cause = ApiRuntime.unwrap(failure);
                    mine.completeExceptionally(cause instanceof ClientException ? cause
                            : new ClientException("the token provider failed: " + cause.getClass().getSimpleName(),
                                    cause));
                } else if (fresh == null) {
                    mine.completeExceptionally(new ClientException("the token provider returned null"));
                } else {
                    mine.complete(fresh.getToken());
                }
            });
            return mine;
        }

        synchronized void invalidate() {
            token = null;
        }

        @Override
        public String toString() {
            return credential != null ? "Credential(<hidden>)" : "Credential(none)";
        }
    }
}
