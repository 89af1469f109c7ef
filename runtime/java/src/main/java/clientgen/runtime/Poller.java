package clientgen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A long-running operation the client started (its first request is sent when the poller is made) and polls to
 * its end; nothing is polled until the caller waits ({@link #waitForCompletion()}) or {@link #poll()}s.
 *
 * <p>The first answer: a 2xx without an {@code Operation-Location}, {@code Azure-AsyncOperation} or
 * {@code Location} header is already the result. Otherwise the status monitor is the first of those URLs; each
 * poll waits the latest answer's {@code Retry-After} (1 s when it has none) and GETs it (the credential only to
 * the base URL's origin), with the client's headers, timeout and retries and the call's {@link RequestOptions}.
 * An {@code Operation-Location} / {@code Azure-AsyncOperation} monitor's JSON {@code status} says how it goes
 * ({@code Succeeded}, {@code Failed}, {@code Canceled}/{@code Cancelled} in any case; anything else is still
 * running); a {@code Location} monitor answers 202 while running. Once succeeded, the result is read where the
 * operation's final state says (see {@link #finish}). A failure or cancellation is an
 * {@link OperationFailedException}; a non-2xx answer the typed {@link ApiException}. Blocking, and safe to share
 * between threads (one poll at a time; {@link #isDone()} and {@link #getStatus()} never wait for one).
 *
 * <p>Part of the clientgen Java runtime: copied into each SDK with only its package name changed; do not edit.
 *
 * @param <T> the operation's result (Void: none)
 */
public final class Poller<T> {
    /** The operation is still running. */
    public static final String IN_PROGRESS = "InProgress";
    /** The operation succeeded: {@link #waitForCompletion()} gives its result. */
    public static final String SUCCEEDED = "Succeeded";
    /** The operation failed. */
    public static final String FAILED = "Failed";
    /** The operation was cancelled. */
    public static final String CANCELED = "Canceled";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private final Transport transport;
    private final Transport.Exchange<T> exchange;
    private final RequestOptions options;
    private final String finalState;
    private final URI monitor;
    private final boolean statusMonitor;
    private final URI location;
    private HttpResponse<byte[]> last;
    private volatile String status = IN_PROGRESS;
    private T result;
    private OperationFailedException failure;

    private Poller(Transport transport, Transport.Exchange<T> exchange, RequestOptions options, String finalState,
            HttpResponse<byte[]> first) {
        this.transport = transport;
        this.exchange = exchange;
        this.options = options;
        this.finalState = finalState;
        this.last = first;
        URI from = first.uri();
        Optional<String> operation = header(first, "operation-location")
                .or(() -> header(first, "azure-asyncoperation"));
        Optional<String> located = header(first, "location");
        this.statusMonitor = operation.isPresent();
        this.location = located.map(link -> from.resolve(link.trim())).orElse(null);
        this.monitor = operation.map(link -> from.resolve(link.trim())).orElse(location);
        if (monitor == null) {
            succeed(first);
        }
    }

    /**
     * Starts the operation: sends its first request now.
     *
     * @param transport the client's exchange
     * @param exchange the operation's request, error models and how a final answer becomes the result
     * @param options the call's own options (null: the client's), for every request the poller makes
     * @param finalState where the result is read: location, original-uri, azure-async-operation or
     *     operation-location
     * @param <T> the result's type
     * @return the poller
     */
    static <T> Poller<T> start(Transport transport, Transport.Exchange<T> exchange, RequestOptions options,
            String finalState) {
        HttpResponse<byte[]> first = transport.send(exchange.with(exchange.request, response -> response), options);
        return new Poller<>(transport, exchange, options, finalState, first);
    }

    /**
     * Whether the operation has ended (succeeded, failed or was cancelled), as of the last poll.
     *
     * @return true once it has ended
     */
    public boolean isDone() {
        return !IN_PROGRESS.equals(status);
    }

    /**
     * The status as of the last poll.
     *
     * @return {@link #IN_PROGRESS}, {@link #SUCCEEDED}, {@link #FAILED} or {@link #CANCELED}
     */
    public String getStatus() {
        return status;
    }

    /**
     * Polls once (after the wait the last answer asked for) unless the operation has ended.
     *
     * @return the status after it
     * @throws ApiException for a non-2xx answer
     */
    public synchronized String poll() {
        if (isDone()) {
            return status;
        }
        pause(wait(last));
        HttpResponse<byte[]> answer = get(transport.follow(exchange.request, monitor, monitor.toString()));
        last = answer;
        if (!statusMonitor) {
            if (answer.statusCode() != 202) {
                succeed(answer);
            }
            return status;
        }
        JsonNode body = json(answer);
        String said = body.path("status").asText("");
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.equals("succeeded")) {
            succeed(answer);
        } else if (lower.equals("failed") || lower.equals("canceled") || lower.equals("cancelled")) {
            status = lower.equals("failed") ? FAILED : CANCELED;
            JsonNode error = body.path("error");
            failure = new OperationFailedException(status, textOrNull(error.path("code")),
                    textOrNull(error.path("message")));
        }
        return status;
    }

    /**
     * Polls until the operation ends, and gives its result.
     *
     * @return the result (null for an operation without one)
     * @throws OperationFailedException when it failed or was cancelled
     * @throws ApiException for a non-2xx answer
     */
    public T waitForCompletion() {
        return waitForCompletion(null);
    }

    /**
     * Polls until the operation ends or the timeout has passed, and gives its result.
     *
     * @param timeout how long to poll at most (null: as long as it takes)
     * @return the result (null for an operation without one)
     * @throws RequestTimeoutException when the operation is still running after the timeout
     * @throws OperationFailedException when it failed or was cancelled
     * @throws ApiException for a non-2xx answer
     */
    public synchronized T waitForCompletion(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (!isDone()) {
            if (System.nanoTime() + wait(last).toNanos() > deadline) {
                throw new RequestTimeoutException("the operation " + exchange.request.method + " "
                        + exchange.request.path + " did not end within " + ApiRuntime.seconds(timeout)
                        + " (waitForCompletion's timeout)", null);
            }
            poll();
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    @Override
    public synchronized String toString() {
        return "Poller(" + exchange.request.method + " " + exchange.request.path + ", " + status + ")";
    }

    /**
     * The monitor said it succeeded (or the first answer was the result): the result is read where the final
     * state says. location: GET the first answer's Location, unless that was the monitor (then its last
     * answer); original-uri: GET the operation's own URL; azure-async-operation, operation-location: the
     * monitor's last body; with no monitor, the answer itself.
     */
    private void finish(HttpResponse<byte[]> answer) {
        HttpResponse<byte[]> source = answer;
        if (monitor != null && "original-uri".equals(finalState)) {
            source = get(exchange.request.get());
        } else if (monitor != null && "location".equals(finalState) && location != null && statusMonitor) {
            source = get(transport.follow(exchange.request, location, location.toString()));
        }
        result = exchange.decode.apply(source);
    }

    private void succeed(HttpResponse<byte[]> answer) {
        finish(answer);
        status = SUCCEEDED;
    }

    private HttpResponse<byte[]> get(ApiRuntime.Request request) {
        return transport.send(exchange.with(request, response -> response), options);
    }

    private static JsonNode json(HttpResponse<byte[]> answer) {
        try {
            JsonNode tree = answer.body().length == 0 ? null : ApiRuntime.MAPPER.readTree(answer.body());
            if (tree == null || !tree.isObject()) {
                throw new ResponseDecodeException("HTTP " + answer.statusCode() + ": the status monitor's answer "
                        + "is not a JSON object with a status", answer.statusCode(), answer.body(), null);
            }
            return tree;
        } catch (IOException e) {
            throw new ResponseDecodeException("HTTP " + answer.statusCode() + ": the status monitor's answer is "
                    + "not JSON: " + e.getMessage(), answer.statusCode(), answer.body(), e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Optional<String> header(HttpResponse<byte[]> answer, String name) {
        return answer.headers().firstValue(name).filter(value -> !value.isBlank());
    }

    /** How long the answer asked to wait before the next poll: its Retry-After, else 1 s. */
    static Duration wait(HttpResponse<byte[]> answer) {
        Duration after = ApiRuntime.retryAfter(answer.headers().firstValue("retry-after").orElse(null));
        return after != null ? after : DEFAULT_WAIT;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to poll", e);
        }
    }
}
