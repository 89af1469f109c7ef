// Conformance driver for the generated Java SDK (see tests/conformance/scenarios.py for the protocol).

import com.example.conformanceclient.AccessToken;
import com.example.conformanceclient.ApiException;
import com.example.conformanceclient.Client;
import com.example.conformanceclient.RawResponse;
import com.example.conformanceclient.RequestTimeoutException;
import com.example.conformanceclient.ResponseDecodeException;
import com.example.conformanceclient.TokenProvider;
import com.example.conformanceclient.TransportException;
import com.example.conformanceclient.model.ErrorResponse;
import com.example.conformanceclient.model.Record;
import com.example.conformanceclient.model.ServiceInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Driver {
    static final List<List<Double>> ROWS = List.of(List.of(1.5, 2.5, -3.25));
    static final String UNICODE_NAME = "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \ud83d\ude80 \"quoted\" \\ back";
    static final long BIG_ID = 9007199254740993L;
    static final ObjectMapper JSON = Client.objectMapper();

    private Driver() {
    }

    /** Returns the tokens in order, then the last one forever; each valid for its lifetime from now. */
    static TokenProvider provider(String first, long firstLifetime, String second, long secondLifetime) {
        Deque<Map.Entry<String, Long>> queue = new ArrayDeque<>(
                List.of(Map.entry(first, firstLifetime), Map.entry(second, secondLifetime)));
        return () -> {
            Map.Entry<String, Long> next = queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
            return new AccessToken(next.getKey(), Instant.now().plusSeconds(next.getValue()));
        };
    }

    static Client client(String url) {
        return Client.builder().baseUrl(url).credential("key-123").build();
    }

    static Object run(String name, String url) {
        switch (name) {
            case "auth_key":
            case "typed_error":
            case "retry_503":
                return client(url).runMLService(new ServiceInput().data(ROWS));
            case "token_refresh": {
                Client client = Client.builder().baseUrl(url).credential(provider("token-1", 5, "token-2", 3600)).build();
                client.serviceHealthCheck();
                client.serviceHealthCheck();
                return client.serviceHealthCheck();
            }
            case "refresh_after_401":
                return Client.builder().baseUrl(url).credential(provider("token-1", 3600, "token-2", 3600)).build()
                        .serviceHealthCheck();
            case "html_502":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build()
                        .runMLService(new ServiceInput().data(ROWS));
            case "timeout":
                return Client.builder().baseUrl(url).credential("key-123").timeout(Duration.ofMillis(500))
                        .maxRetries(0).build().serviceHealthCheck();
            case "transport_error":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build().serviceHealthCheck();
            case "binary_upload": {
                byte[] data = new byte[256];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) i;
                }
                return client(url).uploadImage(data);
            }
            case "unicode_round_trip":
                return client(url).echoRecord(new Record().id(1L).name(UNICODE_NAME));
            case "int64_precision":
                return client(url).echoRecord(new Record().id(BIG_ID).name("big"));
            case "unknown_fields":
                return client(url).echoRecord(new Record().id(7L).name("x"));
            case "null_and_unset":
                return client(url).echoRecord(new Record().id(2L).name("n").nickname(null));
            case "date_time":
                return client(url).echoRecord(new Record().id(3L).name("t")
                        .created(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
            case "path_query_encoding":
                return client(url).getItem("a/b c?%\u00fc", List.of("x y", "z&w"), "1+1=2", "trace-1");
            case "user_agent":
                return client(url).serviceHealthCheck();
            case "raw_send": {
                RawResponse response = client(url).send("POST", "/score",
                        "{\"data\":[[1]]}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("status", response.getStatusCode());
                out.put("body", response.getText());
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + name);
        }
    }

    public static void main(String[] args) throws Exception {
        for (String argument : args) {
            int split = argument.indexOf('=');
            String name = argument.substring(0, split);
            String url = argument.substring(split + 1);
            ObjectNode line = JSON.createObjectNode();
            line.put("scenario", name);
            try {
                line.set("ok", JSON.valueToTree(run(name, url)));
            } catch (ApiException e) {
                ErrorResponse parsed = e.getError(ErrorResponse.class);
                line.put("error", "api");
                line.put("status", e.getStatusCode());
                line.put("message", e.getErrorMessage());
                line.put("error_message", parsed == null ? null : parsed.getMessage());
            } catch (RequestTimeoutException e) {
                line.put("error", "timeout");
                line.put("message", e.getMessage());
            } catch (TransportException e) {
                line.put("error", "transport");
                line.put("message", e.getMessage());
            } catch (ResponseDecodeException e) {
                line.put("error", "decode");
                line.put("message", e.getMessage());
            }
            System.out.println(JSON.writeValueAsString(line));
            System.out.flush();
        }
    }
}
