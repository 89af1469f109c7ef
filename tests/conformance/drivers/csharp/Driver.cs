// Conformance driver for the generated C# SDK (see tests/conformance/scenarios.py for the protocol).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConformanceClient;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public static class Driver
{
    private static readonly List<List<double>> Rows = new List<List<double>> { new List<double> { 1.5, 2.5, -3.25 } };
    private const string UnicodeName = "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \U0001F680 \"quoted\" \\ back";
    private const long BigId = 9007199254740993L;

    private static Func<CancellationToken, Task<AccessToken>> Provider(params object[] tokens)
    {
        var queue = new Queue<object[]>();
        for (int i = 0; i < tokens.Length; i += 2)
        {
            queue.Enqueue(new[] { tokens[i], tokens[i + 1] });
        }

        return cancellationToken =>
        {
            var next = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            var refreshBy = DateTimeOffset.UtcNow.AddSeconds(Convert.ToDouble(next[1]));
            return Task.FromResult(new AccessToken((string)next[0], refreshBy));
        };
    }

    private static Client Make(string url, ClientCredential credential = null, double timeout = 0, int retries = -1)
    {
        var options = new ClientOptions { BaseUri = new Uri(url), Credential = credential ?? "key-123" };
        if (timeout > 0)
        {
            options.Timeout = TimeSpan.FromSeconds(timeout);
        }

        if (retries >= 0)
        {
            options.MaxRetries = retries;
        }

        return new Client(options);
    }

    private static async Task<object> Run(string name, string url)
    {
        switch (name)
        {
            case "auth_key":
            case "typed_error":
            case "retry_503":
                return await Make(url).RunMLServiceAsync(new ServiceInput { Data = Rows });
            case "token_refresh":
            {
                var client = Make(url, Provider("token-1", 5, "token-2", 3600));
                await client.ServiceHealthCheckAsync();
                await client.ServiceHealthCheckAsync();
                return await client.ServiceHealthCheckAsync();
            }

            case "refresh_after_401":
                return await Make(url, Provider("token-1", 3600, "token-2", 3600)).ServiceHealthCheckAsync();
            case "html_502":
                return await Make(url, retries: 0).RunMLServiceAsync(new ServiceInput { Data = Rows });
            case "timeout":
                return await Make(url, timeout: 0.5, retries: 0).ServiceHealthCheckAsync();
            case "transport_error":
                return await Make(url, retries: 0).ServiceHealthCheckAsync();
            case "binary_upload":
                return await Make(url).UploadImageAsync(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
            case "unicode_round_trip":
                return await Make(url).EchoRecordAsync(new Record { Id = 1, Name = UnicodeName });
            case "int64_precision":
                return await Make(url).EchoRecordAsync(new Record { Id = BigId, Name = "big" });
            case "unknown_fields":
                return await Make(url).EchoRecordAsync(new Record { Id = 7, Name = "x" });
            case "null_and_unset":
                return await Make(url).EchoRecordAsync(new Record { Id = 2, Name = "n", Nickname = null });
            case "date_time":
            {
                var created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
                return await Make(url).EchoRecordAsync(new Record { Id = 3, Name = "t", Created = created });
            }

            case "path_query_encoding":
                return await Make(url).GetItemAsync("a/b c?%\u00fc", tags: new List<string> { "x y", "z&w" }, q: "1+1=2", xTraceId: "trace-1");
            case "user_agent":
                return await Make(url).ServiceHealthCheckAsync();
            case "raw_send":
            {
                var headers = new Dictionary<string, string> { { "Content-Type", "application/json" } };
                var response = await Make(url).SendAsync("POST", "/score", Encoding.UTF8.GetBytes("{\"data\":[[1]]}"), headers);
                return new Dictionary<string, object> { { "status", response.StatusCode }, { "body", response.Text } };
            }

            default:
                throw new ArgumentException("unknown scenario " + name);
        }
    }

    public static int Main(string[] args)
    {
        foreach (var argument in args)
        {
            int split = argument.IndexOf('=');
            string name = argument.Substring(0, split);
            string url = argument.Substring(split + 1);
            var line = new JObject { ["scenario"] = name };
            try
            {
                object result = Run(name, url).GetAwaiter().GetResult();
                line["ok"] = JToken.Parse(JsonConvert.SerializeObject(result));
            }
            catch (ApiException e)
            {
                var parsed = e.Error as ErrorResponse;
                line["error"] = "api";
                line["status"] = e.StatusCode;
                line["message"] = e.ServiceMessage;
                line["error_message"] = parsed != null ? parsed.Message : null;
            }
            catch (RequestTimeoutException e)
            {
                line["error"] = "timeout";
                line["message"] = e.Message;
            }
            catch (TransportException e)
            {
                line["error"] = "transport";
                line["message"] = e.Message;
            }
            catch (ResponseDecodeException e)
            {
                line["error"] = "decode";
                line["message"] = e.Message;
            }
            catch (Exception e)
            {
                line["error"] = "unexpected";
                line["message"] = e.ToString();
            }

            Console.WriteLine(line.ToString(Formatting.None));
        }

        return 0;
    }
}
