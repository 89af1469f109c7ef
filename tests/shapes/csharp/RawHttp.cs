// Azure ML shapes driver, mode rawhttp, for the generated C# SDK raw-client (see tests/shapes/__init__.py).
// Arguments: MODE BASE_URL ROWS_JSON. POSTs bytes(range(256)) * 4 through the SDK's raw send; prints the answer.
using System;
using System.Collections.Generic;
using RawClient;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Driver
{
    public static int Main(string[] args)
    {
        if (args[0] != "rawhttp")
        {
            Console.Error.WriteLine("built against raw-client: mode must be rawhttp, not " + args[0]);
            return 2;
        }

        var payload = new byte[1024];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i % 256);
        }

        using (var client = new Client(new ClientOptions { Credential = "key-123" }))
        {
            var headers = new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" };
            RawResponse response = client.SendAsync("POST", "/score", payload, headers).GetAwaiter().GetResult();
            Console.WriteLine(JObject.Parse(response.Text).ToString(Formatting.None));
        }

        return 0;
    }
}
