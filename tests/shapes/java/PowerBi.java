// Azure ML shapes driver, mode `powerbi`, for the generated Java SDK powerbi-client (see tests/shapes/__init__.py).
// Arguments: MODE BASE_URL ROWS_JSON. Prints {"results": [...]}.

import com.example.powerbiclient.Client;
import com.example.powerbiclient.model.ServiceInput;
import com.example.powerbiclient.model.ServiceInputInputs;
import com.example.powerbiclient.model.ServiceInputInputsPatientsItem;
import com.example.powerbiclient.model.ServiceOutput;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class PowerBi {
    private PowerBi() {
    }

    public static void main(String[] args) throws Exception {
        if (!"powerbi".equals(args[0])) {
            throw new IllegalArgumentException("this driver is built for mode powerbi, not " + args[0]);
        }
        ObjectMapper json = Client.objectMapper();
        List<List<Double>> rows = json.readValue(args[2], new TypeReference<List<List<Double>>>() { });
        List<ServiceInputInputsPatientsItem> patients = new ArrayList<>();
        for (List<Double> row : rows) {
            patients.add(new ServiceInputInputsPatientsItem()
                    .age(row.get(0)).sex(row.get(1)).bmi(row.get(2)).bp(row.get(3))
                    .s1(row.get(4)).s2(row.get(5)).s3(row.get(6)).s4(row.get(7)).s5(row.get(8)).s6(row.get(9)));
        }
        Client client = Client.builder().build();
        ServiceOutput out = client.runMLService(new ServiceInput()
                .inputs(new ServiceInputInputs().patients(patients).label("clinic"))
                .globalParameters(2.0));
        System.out.println(json.writeValueAsString(Map.of("results", out.getResults())));
    }
}
