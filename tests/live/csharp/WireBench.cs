// Wire benchmark program for the generated C# SDK (benchmarks/bench_wire.py builds and runs it).
// Arguments: MODE BASE_URL SECONDS WARMUP_SECONDS ROWS_JSON, MODE being sdk (the generated client) or by-hand
// (HttpClient and Newtonsoft.Json called directly with the same request). It makes sequential POST /score calls
// for WARMUP_SECONDS, then for SECONDS, and prints one JSON object about the second period: calls, cpu_s (the
// process's CPU: Process.TotalProcessorTime) and wall_s.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using AzmlClient;
using Newtonsoft.Json;

public static class WireBench
{
    public static int Main(string[] args)
    {
        string mode = args[0];
        var baseUri = new Uri(args[1]);
        double seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        double warmup = double.Parse(args[3], CultureInfo.InvariantCulture);
        var rows = JsonConvert.DeserializeObject<List<List<double>>>(args[4]);
        Func<List<List<double>>, IList<double>> score;
        if (mode == "sdk")
        {
            var client = new Client(new ClientOptions { BaseUri = baseUri });
            score = data => client.RunMLServiceAsync(new ServiceInput { Data = data }).GetAwaiter().GetResult();
        }
        else if (mode == "by-hand")
        {
            var http = new HttpClient();
            var uri = new Uri(baseUri, "score");
            score = data =>
            {
                var content = new StringContent(JsonConvert.SerializeObject(new Dictionary<string, object> { { "data", data } }),
                                                Encoding.UTF8, "application/json");
                using (var response = http.PostAsync(uri, content).GetAwaiter().GetResult())
                {
                    string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException("status " + (int)response.StatusCode + ": " + text);
                    }
                    return JsonConvert.DeserializeObject<List<double>>(text);
                }
            };
        }
        else
        {
            throw new ArgumentException("unknown mode " + mode);
        }
        Run(score, rows, warmup);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long calls = Run(score, rows, seconds);
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{{\"calls\": {0}, \"cpu_s\": {1}, \"wall_s\": {2}}}",
                                        calls, cpu, wall));
        return 0;
    }

    private static long Run(Func<List<List<double>>, IList<double>> score, List<List<double>> rows, double seconds)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (score(rows).Count != rows.Count)
            {
                throw new InvalidOperationException("wrong number of scores");
            }
            calls++;
        }
        return calls;
    }
}
