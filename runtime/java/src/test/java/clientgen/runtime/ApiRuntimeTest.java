package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter encoding, Retry-After, retry decisions, credential forms and date-times of ApiRuntime. */
class ApiRuntimeTest {
    private static String query(ApiRuntime.Request request) {
        return ApiRuntime.Request.target("http://h", request.path, request.query);
    }

    @Test
    void pathParametersArePercentEncodedPerStyle() {
        ApiRuntime.Request request = new ApiRuntime.Request("GET", "/a/{id}/{l}/{m}/{e}");
        request.pathParam("id", "a/b c?%\u00fc", "simple", false);
        request.pathParam("l", List.of("x", "y"), "label", false);
        request.pathParam("m", List.of("x", "y"), "matrix", true);
        request.pathParam("e", Map.of("k", "v w"), "simple", true);
        assertEquals("/a/a%2Fb%20c%3F%25%C3%BC/.x,y/;m=x;m=y/k=v%20w", request.path);
    }

    @Test
    void queryParametersFollowStyleAndExplode() {
        ApiRuntime.Request request = new ApiRuntime.Request("GET", "/q");
        request.queryParam("tags", List.of("x y", "z&w"), "form", true);
        request.queryParam("pipes", List.of("a", "b"), "pipeDelimited", false);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("color", "red");
        filter.put("size", 2);
        request.queryParam("filter", filter, "deepObject", true);
        request.queryParam("unset", null, "form", true);
        request.queryParam("flag", true, "form", true);
        assertEquals("http://h/q?tags=x%20y&tags=z%26w&pipes=a%7Cb&filter%5Bcolor%5D=red&filter%5Bsize%5D=2"
                + "&flag=true", query(request));
    }

    @Test
    void headerAndCookieParameters() {
        ApiRuntime.Request request = new ApiRuntime.Request("GET", "/c");
        request.headerParam("X-List", List.of(1, 2), "simple", false);
        request.cookieParam("session", "a b;c", "form", true);
        assertEquals("1,2", request.headers.get("x-list"));
        assertEquals(List.of(Map.entry("session", "a%20b%3Bc")), request.cookies);
    }

    @Test
    void retryAfterTakesSecondsOrAnHttpDate() {
        assertEquals(Duration.ofMillis(1500), ApiRuntime.retryAfter(" 1.5 "));
        assertEquals(Duration.ZERO, ApiRuntime.retryAfter("0"));
        assertNull(ApiRuntime.retryAfter(null));
        assertNull(ApiRuntime.retryAfter("soon"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
        Duration wait = ApiRuntime.retryAfter(date);
        assertTrue(wait.compareTo(Duration.ofSeconds(18)) > 0 && wait.compareTo(Duration.ofSeconds(21)) < 0, "" + wait);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertEquals(Duration.ZERO, ApiRuntime.retryAfter(past));
    }

    @Test
    void onlyWhatIsSafeIsSentAgain() {
        // 408, 429 and 503: the server did not process it, so any request
        for (int status : new int[] {408, 429, 503}) {
            assertTrue(ApiRuntime.RetryPolicy.delay(0, 2, false, status, null, true) != null, "" + status);
        }
        // 500, 502 and 504: only a request safe to repeat
        for (int status : new int[] {500, 502, 504}) {
            assertNull(ApiRuntime.RetryPolicy.delay(0, 2, false, status, null, true), "" + status);
            assertTrue(ApiRuntime.RetryPolicy.delay(0, 2, true, status, null, true) != null, "" + status);
        }
        assertNull(ApiRuntime.RetryPolicy.delay(0, 2, true, 400, null, true));
        assertNull(ApiRuntime.RetryPolicy.delay(0, 2, true, 200, null, true));
        // a failure before sending: any request; after sending: only a repeatable one
        assertTrue(ApiRuntime.RetryPolicy.delay(0, 2, false, null, null, false) != null);
        assertNull(ApiRuntime.RetryPolicy.delay(0, 2, false, null, null, true));
        // the call's limit; 0 turns retries off
        assertNull(ApiRuntime.RetryPolicy.delay(2, 2, true, 503, null, true));
        assertNull(ApiRuntime.RetryPolicy.delay(0, 0, true, 503, null, true));
        // Retry-After is honoured, capped at 30 s; backoff is 0.5 s * 2^attempt with jitter
        assertEquals(Duration.ofSeconds(3), ApiRuntime.RetryPolicy.delay(0, 2, false, 503, "3", true));
        assertEquals(Duration.ofSeconds(30), ApiRuntime.RetryPolicy.delay(0, 2, false, 503, "3600", true));
        Duration second = ApiRuntime.RetryPolicy.delay(1, 5, false, 503, null, true);
        assertTrue(second.toMillis() >= 500 && second.toMillis() <= 1000, "" + second);
        assertTrue(ApiRuntime.RetryPolicy.delay(20, 50, false, 503, null, true).toMillis() <= 30_000);
    }

    @Test
    void repeatableByMethodOperationOrIdempotencyKey() {
        ApiRuntime.RetryPolicy policy = new ApiRuntime.RetryPolicy(2, java.util.Set.of("RunMLService"));
        ApiRuntime.Request post = new ApiRuntime.Request("POST", "/score", "Other", "*/*", null);
        assertTrue(!policy.repeatable(post, Map.of()));
        assertTrue(policy.repeatable(new ApiRuntime.Request("POST", "/score", "RunMLService", "*/*", null), Map.of()));
        assertTrue(policy.repeatable(new ApiRuntime.Request("PUT", "/x"), Map.of()));
        Map<String, String> callHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        callHeaders.put("idempotency-key", "k");
        assertTrue(policy.repeatable(post, callHeaders));
        post.headers.put("Idempotency-Key", "k");
        assertTrue(policy.repeatable(post, Map.of()));
    }

    @Test
    void credentialsTakeTheirSchemesForm() {
        ApiRuntime.Auth key = new ApiRuntime.Auth("header", "X-Api-Key", "key");
        ApiRuntime.Auth authorization = new ApiRuntime.Auth("header", "Authorization", "key");
        ApiRuntime.Auth bearer = new ApiRuntime.Auth("header", "Authorization", "bearer");
        assertEquals("k", key.value("k"));
        assertEquals("Bearer k", authorization.value("k"));
        assertEquals("Basic abc", authorization.value("Basic abc"));
        assertEquals("Bearer t", bearer.value("t"));
        assertEquals("Bearer t", bearer.value("Bearer t"));
    }

    @Test
    void dateTimesAreRfc3339WithAnOffset() {
        assertEquals(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_700, ZoneOffset.ofHours(2)),
                ApiRuntime.parseDateTime("2024-05-06t07:08:09.1234567+0200"));
        assertEquals(ZoneOffset.UTC, ApiRuntime.parseDateTime("2024-05-06T07:08:09Z").getOffset());
        assertThrows(DateTimeParseException.class, () -> ApiRuntime.parseDateTime("2024-05-06T07:08:09"));
    }
}
