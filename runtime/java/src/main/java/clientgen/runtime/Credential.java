package clientgen.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What a client authenticates with: a static key or token, a user name and password for HTTP basic auth, or a
 * token provider (blocking or asynchronous). Each operation sends it where its security scheme says; an
 * operation that requires none gets none. Its toString() hides the secret.
 */
public final class Credential {
    final String secret;
    final TokenProvider provider;
    final AsyncTokenProvider asyncProvider;

    private Credential(String secret, TokenProvider provider, AsyncTokenProvider asyncProvider) {
        this.secret = secret;
        this.provider = provider;
        this.asyncProvider = asyncProvider;
    }

    /**
     * A static key or token, sent as the operation's scheme says (an Authorization key gets {@code Bearer }).
     *
     * @param key the key or token
     * @return the credential
     */
    public static Credential key(String key) {
        return new Credential(Objects.requireNonNull(key, "key"), null, null);
    }

    /**
     * HTTP basic auth: {@code Authorization: Basic base64(utf8(user:password))}.
     *
     * @param user the user name
     * @param password the password
     * @return the credential
     */
    public static Credential basic(String user, String password) {
        String pair = Objects.requireNonNull(user, "user") + ":" + Objects.requireNonNull(password, "password");
        return new Credential("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                null, null);
    }

    /**
     * A token provider, asked again 30 s before the token's refresh time and once after a 401.
     *
     * @param provider the provider
     * @return the credential
     */
    public static Credential provider(TokenProvider provider) {
        return new Credential(null, Objects.requireNonNull(provider, "provider"), null);
    }

    /**
     * An asynchronous token provider: the client composes its future and never blocks a thread on it.
     *
     * @param provider the provider
     * @return the credential
     */
    public static Credential asyncProvider(AsyncTokenProvider provider) {
        return new Credential(null, null, Objects.requireNonNull(provider, "provider"));
    }

    @Override
    public String toString() {
        return "Credential(<hidden>)";
    }
}
