package clientgen.runtime;

/**
 * Supplies access tokens. The client asks again 30 s before the last token's refresh time and once after a 401
 * (then retries that request once). Called outside any lock, by the thread that needs the token; callers
 * waiting for the same refresh share one call.
 */
@FunctionalInterface
public interface TokenProvider {
    /**
     * A token and the time to refresh it by (Azure ML's get_token() returns both).
     *
     * @return the access token, never null
     */
    AccessToken getToken();
}
