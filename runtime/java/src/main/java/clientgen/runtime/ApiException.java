package clientgen.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A non-2xx response: status code, headers, raw body and, where the body fits the spec's error schema, the
 * parsed error model ({@link #getError()}).
 */
public class ApiException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorMessage;
    private final transient Map<String, List<String>> headers;
    private final byte[] body;
    private final transient Object error;
    private final String method;
    private final String path;

    /**
     * An API error.
     *
     * @param statusCode the HTTP status code
     * @param errorMessage the service's message (from the error model, the JSON body or the body text)
     * @param headers the response headers
     * @param body the response body
     * @param error the parsed error model, or null
     * @param method the request's method
     * @param path the request's path
     */
    public ApiException(int statusCode, String errorMessage, Map<String, List<String>> headers, byte[] body,
            Object error, String method, String path) {
        super((method + " " + path + ": HTTP " + statusCode + ": " + errorMessage).trim());
        this.statusCode = statusCode;
        this.errorMessage = errorMessage;
        this.headers = ApiRuntime.headers(headers);
        this.body = body.clone();
        this.error = error;
        this.method = method;
        this.path = path;
    }

    /**
     * The HTTP status code.
     *
     * @return the status code
     */
    public int getStatusCode() {
        return statusCode;
    }

    /**
     * The service's message: the error model's message, else the JSON body's, else the body text without HTML
     * tags (at most 300 characters).
     *
     * @return the message
     */
    public String getErrorMessage() {
        return errorMessage;
    }

    /**
     * The response headers, looked up case-insensitively ({@code get("Retry-After")} and
     * {@code get("retry-after")} are the same).
     *
     * @return the headers
     */
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /**
     * The first value of a response header, by its name in any case.
     *
     * @param name the header name
     * @return the value, or null when the response has no such header
     */
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The response body as received.
     *
     * @return a copy of the body bytes
     */
    public byte[] getBody() {
        return body.clone();
    }

    /**
     * The response body as UTF-8 text.
     *
     * @return the body text
     */
    public String getBodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The parsed error model (e.g. ErrorResponse) where the body fits the spec's error schema, else null.
     *
     * @return the error model, or null
     */
    public Object getError() {
        return error;
    }

    /**
     * The parsed error model as the given type, or null when it is absent or of another type.
     *
     * @param type the expected model class
     * @param <T> the model type
     * @return the error model, or null
     */
    public <T> T getError(Class<T> type) {
        return type.isInstance(error) ? type.cast(error) : null;
    }

    /**
     * The request's method.
     *
     * @return the method
     */
    public String getMethod() {
        return method;
    }

    /**
     * The request's path.
     *
     * @return the path
     */
    public String getPath() {
        return path;
    }
}
