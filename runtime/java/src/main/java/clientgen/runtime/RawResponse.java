package clientgen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the raw {@code send} returns: status, headers and body bytes.
 */
public final class RawResponse {
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    RawResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {
        this.statusCode = statusCode;
        this.headers = ApiRuntime.headers(headers);
        this.body = body.clone();
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
     * The response headers, looked up case-insensitively ({@code get("Retry-After")} and
     * {@code get("retry-after")} are the same).
     *
     * @return the headers
     */
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /**
     * The body as received.
     *
     * @return a copy of the body bytes
     */
    public byte[] getBody() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the body text
     */
    public String getText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON (an empty body gives a missing node).
     *
     * @return the JSON value, e.g. {@code response.json().get("id").asLong()}
     * @throws ResponseDecodeException when the body is not JSON
     */
    public JsonNode json() {
        try {
            return ApiRuntime.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ResponseDecodeException("HTTP " + statusCode + ": the body is not JSON: " + e.getMessage(),
                    statusCode, body, e);
        }
    }

    @Override
    public String toString() {
        return "RawResponse(status=" + statusCode + ", " + body.length + " bytes)";
    }
}
