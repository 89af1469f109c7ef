package clientgen.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Options of one call: its own timeout for each attempt, its own number of retries (0 turns them off) and headers
 * sent on that call only; what is not set keeps the client's. A header here replaces one of the same name (in any
 * case) the client would send (a default header, Accept, User-Agent), except the credential. Immutable: each
 * setter returns a new object, e.g. {@code client.getItem("a", new RequestOptions().maxRetries(0)
 * .timeout(Duration.ofSeconds(5)).header("azureml-model-deployment", "blue"))}.
 */
public final class RequestOptions {
    final Integer maxRetries;
    final Duration timeout;
    final Map<String, String> headers;

    /**
     * Options that keep every setting of the client.
     */
    public RequestOptions() {
        this(null, null, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    private RequestOptions(Integer maxRetries, Duration timeout, Map<String, String> headers) {
        this.maxRetries = maxRetries;
        this.timeout = timeout;
        this.headers = Collections.unmodifiableMap(headers);
    }

    /**
     * The call's own number of retries.
     *
     * @param maxRetries 0 or more
     * @return new options
     */
    public RequestOptions maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
        return new RequestOptions(maxRetries, timeout, copy());
    }

    /**
     * The call's own timeout, for each attempt.
     *
     * @param timeout a positive duration
     * @return new options
     */
    public RequestOptions timeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new RequestOptions(maxRetries, timeout, copy());
    }

    /**
     * A header sent on this call only (Azure ML: {@code azureml-model-deployment: blue} routes the call to a named
     * deployment).
     *
     * @param name the header name (a later value for the same name, in any case, wins)
     * @param value the header value
     * @return new options
     */
    public RequestOptions header(String name, String value) {
        Map<String, String> headers = copy();
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new RequestOptions(maxRetries, timeout, headers);
    }

    private Map<String, String> copy() {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        return out;
    }

    /**
     * The call's own number of retries.
     *
     * @return the number, or null to keep the client's
     */
    public Integer getMaxRetries() {
        return maxRetries;
    }

    /**
     * The call's own timeout.
     *
     * @return the timeout, or null to keep the client's
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * The call's own headers, looked up case-insensitively.
     *
     * @return the headers (unmodifiable)
     */
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "RequestOptions(maxRetries=" + maxRetries + ", timeout=" + timeout + ", headers=" + headers.keySet()
                + ")";
    }
}
