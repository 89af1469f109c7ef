// Live driver for the generated C# SDK: calls the real scoring service the way a user would.
// Arguments: ROWS_JSON BASE_URL. Prints one JSON object: base_url (the client's default: where the spec was
// fetched from), health, scores, error ([status, message, parsed model's type name]).
using System;
using AzmlClient;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Driver
{
    public static int Main(string[] args)
    {
        // The rows' element type follows the service's spec (number or integer): let the model read them.
        var input = JsonConvert.DeserializeObject<ServiceInput>("{\"data\": " + args[0] + "}");
        var bad = JsonConvert.DeserializeObject<ServiceInput>("{\"data\": [[1.0, 2.0]]}");
        var output = new JObject();
        using (var client = new Client())
        {
            output["base_url"] = client.BaseUri.ToString();
            output["health"] = client.ServiceHealthCheckAsync().GetAwaiter().GetResult();
            output["scores"] = JToken.FromObject(client.RunMLServiceAsync(input).GetAwaiter().GetResult());
            try
            {
                client.RunMLServiceAsync(bad).GetAwaiter().GetResult();
            }
            catch (ApiException error)
            {
                output["error"] = new JArray(error.StatusCode, error.ServiceMessage, error.Error == null ? "null" : error.Error.GetType().Name);
            }
        }

        using (var client = new Client(new ClientOptions { BaseUri = new Uri(args[1]) }))
        {
            output["explicit_scores"] = JToken.FromObject(client.RunMLServiceAsync(input).GetAwaiter().GetResult());
        }

        Console.WriteLine(output.ToString(Formatting.None));
        return 0;
    }
}
