// Live driver for the generated Java SDK: calls the real scoring service the way a user would.
// Arguments: ROWS_JSON BASE_URL. Prints one JSON object: base_url (the client's default: where the spec was
// fetched from), health, scores, async_scores, error ([status, message, parsed model's class name]).

import com.example.azmlclient.ApiException;
import com.example.azmlclient.Client;
import com.example.azmlclient.model.ServiceInput;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

public final class LiveDriver {
    private LiveDriver() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = Client.objectMapper();
        List<List<Double>> rows = json.readValue(args[0], new TypeReference<List<List<Double>>>() { });
        ObjectNode out = json.createObjectNode();
        Client client = Client.builder().build();
        out.put("base_url", client.getBaseUrl());
        out.put("health", client.serviceHealthCheck());
        out.set("scores", json.valueToTree(client.runMLService(new ServiceInput().data(rows))));
        try {
            client.runMLService(new ServiceInput().data(List.of(List.of(1.0, 2.0))));
        } catch (ApiException error) {
            ArrayNode triple = out.putArray("error");
            triple.add(error.getStatusCode());
            triple.add(error.getErrorMessage());
            triple.add(error.getError() == null ? "null" : error.getError().getClass().getSimpleName());
        }
        Client other = Client.builder().baseUrl(args[1]).build();
        out.set("async_scores", json.valueToTree(other.runMLServiceAsync(new ServiceInput().data(rows)).get()));
        System.out.println(json.writeValueAsString(out));
    }
}
