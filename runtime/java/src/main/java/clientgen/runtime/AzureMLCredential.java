package clientgen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An Azure ML online endpoint's credential, from the JSON {@code az ml online-endpoint get-credentials -n NAME}
 * prints: {@code {"accessToken", "tokenType", "expiryTimeUtc", "refreshAfterTimeUtc"}} (Unix seconds) for a token
 * endpoint, {@code {"primaryKey", "secondaryKey"}} for a key endpoint. A token provider: give it to the builder's
 * {@code credential(...)}.
 *
 * <p>A token is kept until {@code refreshAfterTimeUtc} has passed, or until 30 s before {@code expiryTimeUtc} if
 * that comes first, then the command (or supplier) is asked again; a {@code primaryKey} is a static key. A
 * command that fails, or JSON with neither an accessToken nor a primaryKey, is a {@link CredentialException}
 * naming the command and what was missing; the output is never shown (it holds the secret).
 */
public final class AzureMLCredential implements TokenProvider {
    /** How long a command may run. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    /** The client asks a provider again this long before its token's refresh time (see {@link Transport}). */
    private static final Duration MARGIN = Transport.REFRESH_MARGIN;

    private final Supplier<String> json;
    private final String source;

    private AzureMLCredential(Supplier<String> json, String source) {
        this.json = json;
        this.source = source;
    }

    /**
     * The credential a command prints, run without a shell with its arguments as given, e.g.
     * {@code fromCommand("az", "ml", "online-endpoint", "get-credentials", "-n", "my-endpoint", "-g", "my-rg",
     * "-w", "my-workspace")}.
     *
     * @param command the program and its arguments
     * @return the credential
     */
    public static AzureMLCredential fromCommand(String... command) {
        List<String> argv = List.of(command);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("fromCommand needs a program to run");
        }
        String shown = "the command `" + String.join(" ", argv) + "`";
        return new AzureMLCredential(() -> run(argv, shown, COMMAND_TIMEOUT), shown);
    }

    /**
     * The credential a supplier yields as JSON text (e.g. read from a secret store).
     *
     * @param json gives the JSON text each time a token is due
     * @return the credential
     */
    public static AzureMLCredential fromJson(Supplier<String> json) {
        return new AzureMLCredential(Objects.requireNonNull(json, "json"), "the JSON supplier");
    }

    @Override
    public AccessToken getToken() {
        return parse(json.get(), source);
    }

    /**
     * A token from the JSON text: refreshed at the earlier of refreshAfterTimeUtc and 30 s before expiryTimeUtc
     * (the client asks again 30 s before {@link AccessToken#getRefreshBy()}, so that is 30 s after the first).
     */
    static AccessToken parse(String text, String source) {
        JsonNode tree;
        try {
            tree = text == null ? null : ApiRuntime.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new CredentialException(source + " gave no JSON (its output is not shown)", null);
        }
        if (tree == null || !tree.isObject()) {
            throw new CredentialException(source + " gave no JSON object (its output is not shown)", null);
        }
        String token = nonEmpty(tree.get("accessToken"));
        if (token == null) {
            String key = nonEmpty(tree.get("primaryKey"));
            if (key == null) {
                throw new CredentialException(source + " gave neither an accessToken nor a primaryKey", null);
            }
            return new AccessToken(key, Instant.MAX);
        }
        Instant refreshAfter = seconds(tree.get("refreshAfterTimeUtc"));
        Instant expiry = seconds(tree.get("expiryTimeUtc"));
        Instant refreshBy = refreshAfter == null ? null : refreshAfter.plus(MARGIN);
        if (expiry != null && (refreshBy == null || expiry.isBefore(refreshBy))) {
            refreshBy = expiry;
        }
        return new AccessToken(token, refreshBy == null ? Instant.now() : refreshBy);
    }

    private static String nonEmpty(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    /** Unix seconds, a number or a numeric string; null when absent or not a number. */
    private static Instant seconds(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.doubleValue() * 1000));
        }
        try {
            return node.isTextual() ? Instant.ofEpochMilli((long) (Double.parseDouble(node.textValue()) * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs the command (no shell, no input, its errors discarded) and returns what it printed. */
    static String run(List<String> command, String shown, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new CredentialException(shown + " could not be started: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            InputStream stdout = process.getInputStream();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CredentialException(shown + " did not finish within " + ApiRuntime.seconds(timeout), null);
            }
            if (process.exitValue() != 0) {
                throw new CredentialException(shown + " failed with exit code " + process.exitValue()
                        + " (its output is not shown)", null);
            }
            return new String(output.get(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException(shown + ": interrupted while waiting for it", e);
        } catch (IOException | ExecutionException e) {
            throw new CredentialException(shown + ": its output could not be read", null);
        } finally {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "AzureMLCredential(" + source + ")";
    }
}
