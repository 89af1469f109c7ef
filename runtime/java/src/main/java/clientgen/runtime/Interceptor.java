package clientgen.runtime;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Hooks on the wire, given to the client's builder ({@code interceptor(...)}): called for every attempt (a retry
 * is a second request, a re-send after a 401 a third), in the order they were added, on the thread that sends.
 * Both methods do nothing unless overridden.
 */
public interface Interceptor {
    /**
     * Before an attempt is sent, with the credential, headers, timeout and body in place.
     *
     * @param request what would be sent as it stands (to read: method, URI, headers)
     * @param builder a builder holding the same request: change it (e.g. {@code builder.setHeader(...)}) to
     *     change what is sent
     */
    default void beforeRequest(HttpRequest request, HttpRequest.Builder builder) {
    }

    /**
     * After an attempt got a response (any status; before a retry, the error or the decoding).
     *
     * @param request the request as it was sent
     * @param response the response, its body read (empty for the 2xx answer of a stream: events, lines or a
     *     binary body read as an InputStream, whose body is the caller's to read)
     */
    default void afterResponse(HttpRequest request, HttpResponse<byte[]> response) {
    }
}
