package clientgen.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Supplies access tokens asynchronously. The client asks again 30 s before the last token's refresh time and
 * once after a 401; it never holds a lock while the future is pending, and callers waiting for the same
 * refresh share one request.
 */
@FunctionalInterface
public interface AsyncTokenProvider {
    /**
     * A token and the time to refresh it by.
     *
     * @return a future of the access token, never null
     */
    CompletableFuture<AccessToken> getTokenAsync();
}
