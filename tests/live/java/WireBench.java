// Wire benchmark program for the generated Java SDK (benchmarks/bench_wire.py builds and runs it).
// Arguments: MODE BASE_URL SECONDS WARMUP_SECONDS ROWS_JSON, MODE being sdk (the generated client's blocking
// call) or by-hand (java.net.http.HttpClient.send and Jackson called directly with the same request). It makes
// sequential POST /score calls for WARMUP_SECONDS, then for SECONDS, and prints one JSON object about the
// second period: calls, cpu_s (the process's CPU, every thread's) and wall_s.

import com.example.azmlclient.Client;
import com.example.azmlclient.model.ServiceInput;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

public final class WireBench {
    private WireBench() {
    }

    private interface Scorer {
        List<Double> score(List<List<Double>> rows) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String baseUrl = args[1];
        double seconds = Double.parseDouble(args[2]);
        double warmup = Double.parseDouble(args[3]);
        ObjectMapper json = new ObjectMapper();
        List<List<Double>> rows = json.readValue(args[4], new TypeReference<List<List<Double>>>() { });
        Scorer scorer;
        if (mode.equals("sdk")) {
            scorer = throughSdk(baseUrl);
        } else if (mode.equals("by-hand")) {
            scorer = byHand(baseUrl, json);
        } else {
            throw new IllegalArgumentException("unknown mode " + mode);
        }
        run(scorer, rows, warmup);
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long calls = run(scorer, rows, seconds);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        System.out.printf("{\"calls\": %d, \"cpu_s\": %f, \"wall_s\": %f}%n", calls, cpu, wall);
    }

    private static Scorer throughSdk(String baseUrl) {
        Client client = Client.builder().baseUrl(baseUrl).build();
        return rows -> client.runMLService(new ServiceInput().data(rows));
    }

    private static Scorer byHand(String baseUrl, ObjectMapper json) {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(baseUrl + "/score");
        TypeReference<List<Double>> scores = new TypeReference<List<Double>>() { };
        return rows -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("data", rows))))
                .build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
            return json.readValue(response.body(), scores);
        };
    }

    private static long run(Scorer scorer, List<List<Double>> rows, double seconds) throws Exception {
        long calls = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (scorer.score(rows).size() != rows.size()) {
                throw new IllegalStateException("wrong number of scores");
            }
            calls++;
        }
        return calls;
    }
}
