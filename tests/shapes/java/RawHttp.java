// Azure ML shapes driver, mode `rawhttp`, for the generated Java SDK raw-client (see tests/shapes/__init__.py).
// Arguments: MODE BASE_URL ROWS_JSON. POSTs 1024 raw bytes through the SDK's send; prints the service's JSON.

import com.example.rawclient.Client;
import com.example.rawclient.RawResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

public final class RawHttp {
    private RawHttp() {
    }

    public static void main(String[] args) throws Exception {
        if (!"rawhttp".equals(args[0])) {
            throw new IllegalArgumentException("this driver is built for mode rawhttp, not " + args[0]);
        }
        byte[] payload = new byte[1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i % 256);
        }
        Client client = Client.builder().credential("key-123").build();
        RawResponse response = client.send("POST", "/score", payload,
                Map.of("Content-Type", "application/octet-stream"));
        ObjectMapper json = Client.objectMapper();
        System.out.println(json.writeValueAsString(json.readTree(response.getBody())));
    }
}
