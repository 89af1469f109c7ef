package clientgen.runtime;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The debug log of a client's exchanges, on a {@link System.Logger} at {@link Level#DEBUG} (nothing is made
 * unless that level is on): per attempt, before it is sent,
 * {@code GET https://host/items/a?q=*** request headers: accept: ...; authorization: ***}, and after it
 * {@code GET https://host/items/a?q=*** -> 503 in 12 ms (retry 0)} or {@code ... -> failed in 12 ms (retry 0):
 * <reason>}. Query values, the credential, Authorization, Proxy-Authorization, Cookie and the headers the caller
 * marks secret are shown as {@code ***}; bodies never.
 */
final class HttpLog {
    static final String HIDDEN = "***";
    private static final Set<String> ALWAYS_SECRET = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");

    private final System.Logger logger;
    private final Set<String> secret = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    HttpLog(System.Logger logger, Collection<String> secretHeaders) {
        this.logger = logger;
        secret.addAll(ALWAYS_SECRET);
        secret.addAll(secretHeaders);
    }

    boolean enabled() {
        return logger.isLoggable(Level.DEBUG);
    }

    /** Logs the request about to be sent; {@code credentialHeader} (or null) is hidden too. */
    void request(HttpRequest request, String credentialHeader) {
        if (enabled()) {
            logger.log(Level.DEBUG, requestLine(request, credentialHeader));
        }
    }

    void response(HttpRequest request, int status, long millis, int retry) {
        if (enabled()) {
            logger.log(Level.DEBUG, target(request) + " -> " + status + " in " + millis + " ms (retry " + retry + ")");
        }
    }

    void failure(HttpRequest request, long millis, int retry, String reason) {
        if (enabled()) {
            logger.log(Level.DEBUG, target(request) + " -> failed in " + millis + " ms (retry " + retry + "): "
                    + reason);
        }
    }

    String requestLine(HttpRequest request, String credentialHeader) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            boolean hidden = secret.contains(name) || name.equalsIgnoreCase(credentialHeader);
            for (String value : header.getValue()) {
                shown.add(name + ": " + (hidden ? HIDDEN : value));
            }
        }
        return target(request) + " request headers: " + String.join("; ", shown);
    }

    /** METHOD scheme://host[:port]/path?name=***&...: no user info, no query value. */
    static String target(HttpRequest request) {
        URI uri = request.uri();
        StringBuilder out = new StringBuilder(request.method()).append(' ').append(uri.getScheme()).append("://")
                .append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery();
        if (query != null) {
            String separator = "?";
            for (String pair : query.split("&", -1)) {
                int equals = pair.indexOf('=');
                out.append(separator).append(equals < 0 ? HIDDEN : pair.substring(0, equals) + "=" + HIDDEN);
                separator = "&";
            }
        }
        return out.toString();
    }
}
