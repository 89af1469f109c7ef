package clientgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Answers on the wire into results and errors: schema checks, empty bodies, error models, HTML error pages. */
class DecodeTest {
    private static final ModelSupport.Check RECORD = (value, strict) -> ModelSupport.object(value, strict, "Record",
            List.of(ModelSupport.field("id", true, false, ModelSupport::int64),
                    ModelSupport.field("name", true, false, ModelSupport::string)), null);

    private static <T> T get(LocalServer.Reply reply, Transport.Exchange<T> exchange) throws Exception {
        try (LocalServer server = new LocalServer(reply)) {
            Transport.Settings settings = new Transport.Settings(server.url());
            settings.maxRetries(0);
            return new Transport(settings).send(exchange, null);
        }
    }

    private static Transport.Exchange<JsonNode> record(Set<String> empty) {
        return new Transport.Exchange<>(new ApiRuntime.Request("GET", "/records/1"),
                Map.of("4XX", new TypeReference<Map<String, Object>>() { }),
                response -> ApiRuntime.decodeJson(response, new TypeReference<JsonNode>() { }, RECORD, empty));
    }

    @Test
    void aResponseLackingARequiredFieldIsADecodeError() throws Exception {
        assertEquals(9007199254740993L, get(LocalServer.Reply.of(200, "{\"id\": 9007199254740993, \"name\": \"x\"}"),
                record(Set.of())).get("id").longValue());
        ResponseDecodeException missing = assertThrows(ResponseDecodeException.class,
                () -> get(LocalServer.Reply.of(200, "{\"id\": 1}"), record(Set.of())));
        assertEquals("HTTP 200: the body does not fit the spec: Record.name: required, missing", missing.getMessage());
        assertThrows(ResponseDecodeException.class, () -> get(LocalServer.Reply.of(200, ""), record(Set.of())));
        assertEquals(null, get(LocalServer.Reply.of(204, ""), record(Set.of("204"))));
    }

    @Test
    void errorsCarryTheParsedModelOrTheBodyText() throws Exception {
        ApiException parsed = assertThrows(ApiException.class,
                () -> get(LocalServer.Reply.of(404, "{\"message\": \"no record 1\"}"), record(Set.of())));
        assertEquals(404, parsed.getStatusCode());
        assertEquals("no record 1", parsed.getErrorMessage());
        assertEquals(Map.of("message", "no record 1"), parsed.getError());
        assertEquals(List.of("application/json"), parsed.getHeaders().get("CONTENT-TYPE"));
        ApiException html = assertThrows(ApiException.class, () -> get(
                LocalServer.Reply.of(502, "<html><body><h1>502 Bad   Gateway</h1></body></html>"), record(Set.of())));
        assertEquals("502 Bad Gateway", html.getErrorMessage());
        assertEquals("GET /records/1: HTTP 502: 502 Bad Gateway", html.getMessage());
    }
}
