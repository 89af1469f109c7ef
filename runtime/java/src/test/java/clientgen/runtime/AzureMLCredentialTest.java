package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure ML credential: its refresh rule, the key form, its errors, and the command form with real processes. */
class AzureMLCredentialTest {
    private static final long NOW = Instant.now().getEpochSecond();

    private static String token(String token, long expiry, long refreshAfter) {
        return "{\"accessToken\": \"" + token + "\", \"tokenType\": \"Bearer\", \"expiryTimeUtc\": " + expiry
                + ", \"refreshAfterTimeUtc\": " + refreshAfter + "}";
    }

    /** When the client asks again: 30 s before the token's refresh time (see Transport.Tokens). */
    private static Instant askedAgainAt(AccessToken token) {
        return token.getRefreshBy().minus(Transport.REFRESH_MARGIN);
    }

    @Test
    void aTokenIsKeptUntilRefreshAfterOrThirtySecondsBeforeExpiry() {
        AccessToken early = AzureMLCredential.fromJson(() -> token("aml-1", NOW + 3600, NOW + 1)).getToken();
        assertEquals("aml-1", early.getToken());
        assertEquals(Instant.ofEpochSecond(NOW + 1), askedAgainAt(early));
        AccessToken expiring = AzureMLCredential.fromJson(() -> token("aml-2", NOW + 100, NOW + 90)).getToken();
        assertEquals(Instant.ofEpochSecond(NOW + 70), askedAgainAt(expiring));
        AccessToken text = AzureMLCredential.fromJson(
                () -> "{\"accessToken\": \"t\", \"expiryTimeUtc\": \"" + (NOW + 600) + "\"}").getToken();
        assertEquals(Instant.ofEpochSecond(NOW + 570), askedAgainAt(text));
    }

    @Test
    void aPrimaryKeyIsAStaticKey() {
        AccessToken key = AzureMLCredential.fromJson(() -> "{\"primaryKey\": \"pk\", \"secondaryKey\": \"sk\"}")
                .getToken();
        assertEquals("pk", key.getToken());
        assertTrue(askedAgainAt(key).isAfter(Instant.now().plusSeconds(100L * 365 * 24 * 3600)));
    }

    @Test
    void jsonWithoutATokenOrKeyIsAnErrorThatShowsNoOutput() {
        CredentialException error = assertThrows(CredentialException.class,
                () -> AzureMLCredential.fromJson(() -> "{\"secondaryKey\": \"the-secret\"}").getToken());
        assertEquals("the JSON supplier gave neither an accessToken nor a primaryKey", error.getMessage());
        CredentialException notJson = assertThrows(CredentialException.class,
                () -> AzureMLCredential.fromJson(() -> "the-secret is not JSON").getToken());
        assertFalse(notJson.getMessage().contains("the-secret"), notJson.getMessage());
    }

    @Test
    void theCommandRunsWithoutAShellWithItsArgumentsAsGiven(@TempDir Path folder) throws Exception {
        AzureMLCredential printed = AzureMLCredential.fromCommand("printf", "%s", token("$(id) 'x' *", NOW + 60,
                NOW + 30));
        assertEquals("$(id) 'x' *", printed.getToken().getToken());
        Path json = folder.resolve("credentials.json");
        Files.write(json, "{\"accessToken\": \"from-file\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("from-file", AzureMLCredential.fromCommand("cat", json.toString()).getToken().getToken());
    }

    @Test
    void aFailingCommandIsNamedAndItsOutputNeverShown(@TempDir Path folder) throws Exception {
        Path json = folder.resolve("out.json");
        Files.write(json, "{\"secondaryKey\": \"the-secret\"}".getBytes(StandardCharsets.UTF_8));
        CredentialException missing = assertThrows(CredentialException.class,
                () -> AzureMLCredential.fromCommand("cat", json.toString()).getToken());
        assertEquals("the command `cat " + json + "` gave neither an accessToken nor a primaryKey",
                missing.getMessage());
        CredentialException failed = assertThrows(CredentialException.class,
                () -> AzureMLCredential.fromCommand("cat", json.toString(), folder.resolve("absent").toString())
                        .getToken());
        assertTrue(failed.getMessage().matches("the command `cat .*` failed with exit code 1 \\(its output is not "
                + "shown\\)"), failed.getMessage());
        assertFalse(failed.getMessage().contains("the-secret"), failed.getMessage());
        CredentialException absent = assertThrows(CredentialException.class,
                () -> AzureMLCredential.fromCommand("no-such-program-clientgen").getToken());
        assertTrue(absent.getMessage().startsWith("the command `no-such-program-clientgen` could not be started"),
                absent.getMessage());
    }
}
