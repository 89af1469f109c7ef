// Azure ML shapes driver, mode powerbi, for the generated C# SDK powerbi-client (see tests/shapes/__init__.py).
// Arguments: MODE BASE_URL ROWS_JSON. Prints {"results": [...]}, the ServiceOutput's Results.
using System;
using System.Collections.Generic;
using PowerbiClient;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Driver
{
    public static int Main(string[] args)
    {
        if (args[0] != "powerbi")
        {
            Console.Error.WriteLine("built against powerbi-client: mode must be powerbi, not " + args[0]);
            return 2;
        }

        var patients = new List<ServiceInputInputsPatientsItem>();
        foreach (var token in JArray.Parse(args[2]))
        {
            var row = token.ToObject<double[]>();
            patients.Add(new ServiceInputInputsPatientsItem
            {
                Age = row[0], Sex = row[1], Bmi = row[2], Bp = row[3], S1 = row[4],
                S2 = row[5], S3 = row[6], S4 = row[7], S5 = row[8], S6 = row[9],
            });
        }

        var input = new ServiceInput
        {
            Inputs = new ServiceInputInputs { Patients = patients, Label = "clinic" },
            GlobalParameters = 2.0,
        };
        using (var client = new Client())
        {
            ServiceOutput output = client.RunMLServiceAsync(input).GetAwaiter().GetResult();
            Console.WriteLine(new JObject { ["results"] = new JArray(output.Results) }.ToString(Formatting.None));
        }

        return 0;
    }
}
