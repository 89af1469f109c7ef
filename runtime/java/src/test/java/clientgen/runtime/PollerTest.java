package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pollers against a real local server: the status monitors, Retry-After, the final states, failures, timeouts. */
class PollerTest {
    private static final ApiRuntime.Auth AUTH = new ApiRuntime.Auth("header", "Authorization", "key");

    private static Poller<JsonNode> start(LocalServer server, String method, String finalState) {
        Transport.Settings settings = new Transport.Settings(server.url());
        settings.credential = Credential.key("key-123");
        ApiRuntime.Request request = new ApiRuntime.Request(method, "/jobs/7", "StartJob", "application/json", AUTH);
        request.jsonBody(Map.of("name", "j"), "application/json");
        Transport.Exchange<JsonNode> exchange = new Transport.Exchange<>(request, Map.of(), response -> ApiRuntime
                .decodeJson(response, new TypeReference<JsonNode>() { }, ModelSupport::any, Set.of("2XX")));
        return Poller.start(new Transport(settings), exchange, null, finalState);
    }

    private static LocalServer.Reply reply(int status, String body, String... headers) {
        Map<String, String> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            named.put(headers[i], headers[i + 1]);
        }
        return new LocalServer.Reply(status, body, named, 0);
    }

    private static List<String> sent(LocalServer server) {
        return server.received().stream().map(r -> r.method + " " + r.target).collect(Collectors.toList());
    }

    @Test
    void anOperationLocationIsPolledAtRetryAfterThenTheResultIsReadAtLocation() throws Exception {
        try (LocalServer server = new LocalServer(
                reply(202, "", "Operation-Location", "{base}/operations/1", "Location", "/jobs/7/result",
                        "Retry-After", "0"),
                reply(200, "{\"status\": \"Running\"}", "Retry-After", "1"),
                reply(200, "{\"status\": \"SUCCEEDED\"}"),
                reply(200, "{\"id\": \"7\"}"))) {
            Poller<JsonNode> poller = start(server, "POST", "location");
            assertEquals(1, server.received().size(), "started, nothing polled yet");
            assertEquals(Poller.IN_PROGRESS, poller.getStatus());
            assertEquals(Poller.IN_PROGRESS, poller.poll());
            long before = System.nanoTime();
            assertEquals("7", poller.waitForCompletion().get("id").asText());
            assertTrue(System.nanoTime() - before >= 900_000_000L, "Retry-After: 1 was not waited");
            assertTrue(poller.isDone());
            assertEquals(Poller.SUCCEEDED, poller.getStatus());
            assertEquals(List.of("POST /jobs/7", "GET /operations/1", "GET /operations/1", "GET /jobs/7/result"),
                    sent(server));
            assertEquals(List.of("Bearer key-123"), server.received().get(1).header("authorization"));
            assertEquals(0, server.received().get(3).body.length);
        }
    }

    @Test
    void originalUriReadsTheOperationsOwnUrlAgain() throws Exception {
        try (LocalServer server = new LocalServer(
                reply(201, "{\"id\": \"starting\"}", "Azure-AsyncOperation", "/ops/7", "Retry-After", "0"),
                reply(200, "{\"status\": \"succeeded\"}"),
                reply(200, "{\"id\": \"done\"}"))) {
            assertEquals("done", start(server, "PUT", "original-uri").waitForCompletion().get("id").asText());
            assertEquals(List.of("PUT /jobs/7", "GET /ops/7", "GET /jobs/7"), sent(server));
        }
    }

    @Test
    void aLocationMonitorAnswers202UntilItsBodyIsTheResult() throws Exception {
        try (LocalServer server = new LocalServer(
                reply(202, "", "Location", "/exports/1", "Retry-After", "0"),
                reply(202, "", "Retry-After", "0"),
                reply(200, "{\"id\": \"e1\"}"))) {
            assertEquals("e1", start(server, "POST", "location").waitForCompletion().get("id").asText());
            assertEquals(List.of("POST /jobs/7", "GET /exports/1", "GET /exports/1"), sent(server));
        }
    }

    @Test
    void aFirstAnswerWithoutAMonitorIsTheResult() throws Exception {
        try (LocalServer server = new LocalServer(reply(200, "{\"id\": \"now\"}"))) {
            Poller<JsonNode> poller = start(server, "PUT", "original-uri");
            assertTrue(poller.isDone());
            assertEquals("now", poller.waitForCompletion().get("id").asText());
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void failuresAndCancellationsAreOperationErrorsWithTheMonitorsError() throws Exception {
        try (LocalServer server = new LocalServer(
                reply(202, "", "Operation-Location", "/operations/1", "Retry-After", "0"),
                reply(200, "{\"status\": \"Failed\", \"error\": {\"code\": \"Boom\", \"message\": \"it broke\"}}"))) {
            Poller<JsonNode> poller = start(server, "POST", "location");
            OperationFailedException error = assertThrows(OperationFailedException.class, poller::waitForCompletion);
            assertEquals(Poller.FAILED, error.getStatus());
            assertEquals("Boom", error.getCode());
            assertEquals("it broke", error.getServiceMessage());
            assertTrue(error.getMessage().contains("it broke"), error.getMessage());
            assertEquals(Poller.FAILED, poller.getStatus());
        }
        try (LocalServer server = new LocalServer(
                reply(202, "", "Operation-Location", "/operations/1", "Retry-After", "0"),
                reply(200, "{\"status\": \"Cancelled\"}"))) {
            OperationFailedException error = assertThrows(OperationFailedException.class,
                    () -> start(server, "POST", "location").waitForCompletion());
            assertEquals(Poller.CANCELED, error.getStatus());
            assertNull(error.getCode());
        }
    }

    @Test
    void aMonitorsErrorStatusIsTheApiErrorAndWaitingHasATimeout() throws Exception {
        try (LocalServer server = new LocalServer(
                reply(202, "", "Operation-Location", "/operations/1", "Retry-After", "0"),
                reply(404, "{\"message\": \"gone\"}"))) {
            ApiException error = assertThrows(ApiException.class, () -> start(server, "POST", "location").poll());
            assertEquals(404, error.getStatusCode());
        }
        try (LocalServer server = new LocalServer(
                reply(202, "", "Operation-Location", "/operations/1"),
                reply(200, "{\"status\": \"Running\"}"))) {
            Poller<JsonNode> poller = start(server, "POST", "location");
            long before = System.nanoTime();
            assertThrows(RequestTimeoutException.class, () -> poller.waitForCompletion(Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - before < 900_000_000L, "waited past the timeout");
            assertFalse(poller.isDone());
        }
    }

    @Test
    void retryAfterIsSecondsOrADateAndOneSecondWithout() throws Exception {
        try (LocalServer server = new LocalServer(reply(200, "{}"))) {
            Transport.Settings settings = new Transport.Settings(server.url());
            java.net.http.HttpResponse<byte[]> plain = new Transport(settings).send(new Transport.Exchange<>(
                    new ApiRuntime.Request("GET", "/"), Map.of(), response -> response), null);
            assertEquals(Duration.ofSeconds(1), Poller.wait(plain));
        }
        try (LocalServer server = new LocalServer(reply(200, "{}", "Retry-After", "2.5"))) {
            java.net.http.HttpResponse<byte[]> asked = new Transport(new Transport.Settings(server.url())).send(
                    new Transport.Exchange<>(new ApiRuntime.Request("GET", "/"), Map.of(), response -> response),
                    null);
            assertEquals(Duration.ofMillis(2500), Poller.wait(asked));
        }
    }
}
