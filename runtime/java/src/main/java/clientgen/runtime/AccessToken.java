package clientgen.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A token and the time to refresh it by. Its toString() hides the token.
 */
public final class AccessToken {
    private final String token;
    private final Instant refreshBy;

    /**
     * A token.
     *
     * @param token the token (sent as the credential)
     * @param refreshBy when to ask the provider for a new one
     */
    public AccessToken(String token, Instant refreshBy) {
        this.token = Objects.requireNonNull(token, "token");
        this.refreshBy = Objects.requireNonNull(refreshBy, "refreshBy");
    }

    /**
     * The token.
     *
     * @return the token
     */
    public String getToken() {
        return token;
    }

    /**
     * When to ask the provider for a new token.
     *
     * @return the refresh time
     */
    public Instant getRefreshBy() {
        return refreshBy;
    }

    @Override
    public String toString() {
        return "AccessToken(<hidden>, refreshBy=" + refreshBy + ")";
    }
}
