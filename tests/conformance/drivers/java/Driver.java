// Conformance driver for the generated Java SDK (see tests/conformance/scenarios.py for the protocol).

import com.example.conformanceclient.AccessToken;
import com.example.conformanceclient.ApiException;
import com.example.conformanceclient.Client;
import com.example.conformanceclient.Credential;
import com.example.conformanceclient.RawResponse;
import com.example.conformanceclient.RequestOptions;
import com.example.conformanceclient.RequestTimeoutException;
import com.example.conformanceclient.ResponseDecodeException;
import com.example.conformanceclient.TokenProvider;
import com.example.conformanceclient.TransportException;
import com.example.conformanceclient.model.AddPetResult;
import com.example.conformanceclient.model.Animal;
import com.example.conformanceclient.model.Cat;
import com.example.conformanceclient.model.ClientModel;
import com.example.conformanceclient.model.Dog;
import com.example.conformanceclient.model.ErrorResponse;
import com.example.conformanceclient.model.Order;
import com.example.conformanceclient.model.Pet;
import com.example.conformanceclient.model.Record;
import com.example.conformanceclient.model.ServiceInput;
import com.example.conformanceclient.model.Settings;
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
import java.util.concurrent.CompletableFuture;

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
                return runMore(name, url);
        }
    }

    /** The scenarios of the client contract's per-operation rules (scenarios.py, after `SCENARIOS +=`). */
    static Object runMore(String name, String url) {
        Client client = client(url);
        switch (name) {
            case "auth_none_for_public":
                return client.getPublic();
            case "auth_header_key":
                return client.getWithHeaderKey();
            case "auth_query_key":
                return client.getWithQueryKey();
            case "auth_cookie_key":
                return client.getWithCookieKey();
            case "auth_basic":
                return Client.builder().baseUrl(url).credential(Credential.basic("user", "pa:ss w\u00f6rd")).build()
                        .getWithBasic();
            case "auth_oauth":
                return Client.builder().baseUrl(url).credential(provider("token-1", 3600, "token-1", 3600)).build()
                        .getWithOauth();
            case "async_token_provider": {
                Credential credential = Credential.asyncProvider(() -> CompletableFuture.supplyAsync(
                        () -> new AccessToken("token-1", Instant.now().plusSeconds(3600))));
                return Client.builder().baseUrl(url).credential(credential).build().serviceHealthCheckAsync().join();
            }
            case "accept_declared":
                return Map.of("size", client.getImage().length);
            case "accept_text":
                return client.getText();
            case "retry_post_502_not_resent":
            case "retry_post_429":
            case "retry_post_after_send":
                return client.runMLService(new ServiceInput().data(ROWS));
            case "retry_get_502":
            case "retry_get_after_send":
                return client.getItem("a");
            case "retry_idempotency_key":
                return client.createOrder(new Order().items(List.of("a")), "order-1");
            case "retry_marked_safe":
                return Client.builder().baseUrl(url).credential("key-123").retryOperations("RunMLService").build()
                        .runMLService(new ServiceInput().data(ROWS));
            case "retry_per_call":
                return client.getItem("a", new RequestOptions().maxRetries(0));
            case "empty_body_for_model":
            case "required_missing_in_response":
                return client.echoRecord(new Record().id(1L).name("x"));
            case "empty_204_allowed":
                return client.deleteRecord(1L).orElse(null);
            case "required_unset_in_request":
                return client.createOrder(new Order().note("n"));
            case "open_enum_round_trip":
                return client.echoRecord(client.getRecord(1L));
            case "duplicate_keys":
                return client.echoSettings(new Settings().kind("cat").putAdditionalProperty("kind", "dog")
                        .putAdditionalProperty("zzz", 1));
            case "caller_deadline":
                return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build()
                        .serviceHealthCheck(new RequestOptions().timeout(Duration.ofMillis(300)));
            case "date_time_fractions":
            case "date_time_without_offset":
                return client.getRecord(1L);
            case "naive_date_time":
                return client.echoRecord(new Record().id(3L).name("t")
                        .created(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC)));
            case "header_case":
                try {
                    return Client.builder().baseUrl(url).credential("key-123").maxRetries(0).build().getItem("a");
                } catch (ApiException e) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("upper", e.getHeaders().get("X-Request-Id").get(0));
                    out.put("lower", e.getHeaders().get("x-request-id").get(0));
                    return out;
                }
            case "declared_string_json":
                return client.serviceHealthCheck();
            case "union_wrong_variant": {
                AddPetResult result = client.addPet(Pet.fromCat(new Cat().name("tom")));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pet", result.asPet() != null);
                out.put("string", result.asString());
                return out;
            }
            case "union_discriminator_read": {
                Pet pet = client.addPet(Pet.fromDog(new Dog().name("rex"))).asPet();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pet", pet != null);
                out.put("cat", pet != null && pet.asCat() != null);
                out.put("dog", pet != null && pet.asDog() != null);
                return out;
            }
            case "union_wrong_discriminator":
                return client.addPet(Pet.fromCat(new Cat().petType("dog").name("tom")));
            case "union_fit": {
                Animal animal = client.getAnimal();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bird", animal.asBird() != null);
                out.put("fish", animal.asFish() != null);
                return out;
            }
            case "grouped_call":
                return client.records().getRecord(5L);
            case "names_client_model": {
                ClientModel named = client.getClientModel();
                return named;
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
            } catch (IllegalArgumentException | NullPointerException e) { // refused before anything was sent
                line.put("error", "invalid");
                line.put("message", e.getMessage());
            }
            System.out.println(JSON.writeValueAsString(line));
            System.out.flush();
        }
    }
}
