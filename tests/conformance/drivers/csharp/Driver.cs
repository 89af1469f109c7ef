// Conformance driver for the generated C# SDK (see tests/conformance/scenarios.py for the protocol).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
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
                return await Make(url).GetItemAsync("a/b c?%\u00fc", new GetItemParams { Tags = new List<string> { "x y", "z&w" }, Q = "1+1=2", XTraceId = "trace-1" });
            case "user_agent":
                return await Make(url).ServiceHealthCheckAsync();
            case "raw_send":
            {
                var headers = new Dictionary<string, string> { { "Content-Type", "application/json" } };
                var response = await Make(url).SendAsync("POST", "/score", Encoding.UTF8.GetBytes("{\"data\":[[1]]}"), headers);
                return new Dictionary<string, object> { { "status", response.StatusCode }, { "body", response.Text } };
            }

            default:
                return await RunMore(name, url);
        }
    }

    /// <summary>The scenarios of the client contract's per-operation rules (scenarios.py, after `SCENARIOS +=`).</summary>
    private static async Task<object> RunMore(string name, string url)
    {
        var client = Make(url);
        switch (name)
        {
            case "auth_none_for_public":
                return await client.GetPublicAsync();
            case "auth_header_key":
                return await client.GetWithHeaderKeyAsync();
            case "auth_query_key":
                return await client.GetWithQueryKeyAsync();
            case "auth_cookie_key":
                return await client.GetWithCookieKeyAsync();
            case "auth_basic":
                return await Make(url, ClientCredential.Basic("user", "pa:ss w\u00f6rd")).GetWithBasicAsync();
            case "auth_oauth":
                return await Make(url, Provider("token-1", 3600)).GetWithOauthAsync();
            case "async_token_provider":
            {
                Func<CancellationToken, Task<AccessToken>> provider = async cancellationToken =>
                {
                    await Task.Yield();
                    return new AccessToken("token-1", DateTimeOffset.UtcNow.AddSeconds(3600));
                };
                return await Make(url, provider).ServiceHealthCheckAsync();
            }

            case "accept_declared":
                return new Dictionary<string, object> { { "size", (await client.GetImageAsync()).Length } };
            case "accept_text":
                return await client.GetTextAsync();
            case "retry_post_502_not_resent":
            case "retry_post_429":
            case "retry_post_after_send":
                return await client.RunMLServiceAsync(new ServiceInput { Data = Rows });
            case "retry_get_502":
            case "retry_get_after_send":
                return await client.GetItemAsync("a");
            case "retry_idempotency_key":
                return await client.CreateOrderAsync(new Order { Items = new List<string> { "a" } }, new CreateOrderParams { IdempotencyKey = "order-1" });
            case "retry_marked_safe":
            {
                var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", RetryOperations = { "RunMLService" } };
                return await new Client(options).RunMLServiceAsync(new ServiceInput { Data = Rows });
            }

            case "retry_per_call":
                return await client.GetItemAsync("a", options: new RequestOptions { MaxRetries = 0 });
            case "empty_body_for_model":
            case "required_missing_in_response":
                return await client.EchoRecordAsync(new Record { Id = 1, Name = "x" });
            case "empty_204_allowed":
                return await client.DeleteRecordAsync(1);
            case "required_unset_in_request":
                return await client.CreateOrderAsync(new Order { Note = "n" });
            case "open_enum_round_trip":
                return await client.EchoRecordAsync(await client.GetRecordAsync(1));
            case "duplicate_keys":
                return await client.EchoSettingsAsync(new Settings { Kind = "cat", AdditionalProperties = { ["kind"] = "dog", ["zzz"] = 1 } });
            case "caller_deadline":
                using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
                {
                    return await Make(url, retries: 0).ServiceHealthCheckAsync(cancellationToken: deadline.Token);
                }

            case "date_time_fractions":
            case "date_time_without_offset":
                return await client.GetRecordAsync(1);
            case "naive_date_time":
            {
                // C#'s date-time type, DateTimeOffset, always carries an offset (as Go's and Java's do): a DateTime
                // without a kind enters it taken as UTC, as the contract says for a date-time without an offset.
                var naive = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified);
                return await client.EchoRecordAsync(new Record { Id = 3, Name = "t", Created = new DateTimeOffset(naive, TimeSpan.Zero) });
            }

            case "header_case":
                try
                {
                    return await Make(url, retries: 0).GetItemAsync("a");
                }
                catch (ApiException error)
                {
                    return new Dictionary<string, object> { { "upper", error.Headers["X-Request-Id"] }, { "lower", error.Headers["x-request-id"] } };
                }

            case "declared_string_json":
                return await client.ServiceHealthCheckAsync();
            case "union_wrong_variant":
            {
                var result = await client.AddPetAsync(Pet.FromCat(new Cat { Name = "tom" }));
                return new Dictionary<string, object> { { "pet", result.AsPet() != null }, { "string", result.AsString() } };
            }

            case "union_discriminator_read":
            {
                var pet = (await client.AddPetAsync(Pet.FromDog(new Dog { Name = "rex" }))).AsPet();
                return new Dictionary<string, object> { { "pet", pet != null }, { "cat", pet != null && pet.AsCat() != null }, { "dog", pet != null && pet.AsDog() != null } };
            }

            case "union_wrong_discriminator":
                return await client.AddPetAsync(Pet.FromCat(new Cat { PetType = "dog", Name = "tom" }));
            case "union_fit":
            {
                var animal = await client.GetAnimalAsync();
                return new Dictionary<string, object> { { "bird", animal.AsBird() != null }, { "fish", animal.AsFish() != null } };
            }

            case "grouped_call":
                return await client.Records.GetRecordAsync(5);
            case "names_client_model":
            {
                ClientModel named = await client.GetClientModelAsync();
                return named;
            }

            default:
                return await RunCallOptions(name, url);
        }
    }

    /// <summary>The scenarios of per-call options, the caller's own HttpClient, hooks, logging and Azure ML credentials.</summary>
    private static async Task<object> RunCallOptions(string name, string url)
    {
        switch (name)
        {
            case "call_timeout":
                return await Make(url, retries: 0).ServiceHealthCheckAsync(new RequestOptions { Timeout = TimeSpan.FromSeconds(0.3) });
            case "call_header":
            {
                var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", DefaultHeaders = { ["azureml-model-deployment"] = "green" } };
                var client = new Client(options);
                await client.GetItemAsync("a", options: new RequestOptions { Headers = { ["azureml-model-deployment"] = "blue" } });
                return await client.GetItemAsync("a");
            }

            case "call_no_retries_post":
            {
                var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", MaxRetries = 2, RetryOperations = { "RunMLService" } };
                return await new Client(options).RunMLServiceAsync(new ServiceInput { Data = Rows }, new RequestOptions { MaxRetries = 0 });
            }

            case "hook_sees_attempts":
            {
                var hook = new Hook { InnerHandler = new HttpClientHandler() };
                var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", Handler = hook };
                await new Client(options).GetItemAsync("a");
                return new Dictionary<string, object> { { "seen", hook.Seen } };
            }

            case "own_http_client":
            {
                var counting = new Hook { InnerHandler = new HttpClientHandler(), Label = false };
                using (var http = new HttpClient(counting))
                {
                    var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", Timeout = TimeSpan.FromSeconds(5), HttpClient = http };
                    using (var client = new Client(options))
                    {
                        await client.GetItemAsync("a");
                    }

                    using (var direct = await http.GetAsync(url + "/items/a"))
                    {
                        return new Dictionary<string, object> { { "counted", counting.Count }, { "status", (int)direct.StatusCode } };
                    }
                }
            }

            case "logging":
            {
                var log = new List<string>();
                var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", SecretHeaders = { "x-trace-id" } };
                options.Log = line =>
                {
                    lock (log)
                    {
                        log.Add(line);
                    }
                };
                await new Client(options).GetItemAsync("a", new GetItemParams { Q = "query-secret", XTraceId = "trace-secret" });
                return new Dictionary<string, object> { { "log", log } };
            }

            case "azureml_credentials":
            {
                long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var answers = new Queue<string>(new[]
                {
                    new JObject { ["accessToken"] = "aml-1", ["tokenType"] = "Bearer", ["expiryTimeUtc"] = now + 3600, ["refreshAfterTimeUtc"] = now + 1 }.ToString(),
                    new JObject { ["accessToken"] = "aml-2", ["tokenType"] = "Bearer", ["expiryTimeUtc"] = now + 3600, ["refreshAfterTimeUtc"] = now + 3600 }.ToString(),
                });
                var credential = AzureMLCredential.FromJson(cancellationToken => Task.FromResult(answers.Count > 1 ? answers.Dequeue() : answers.Peek()));
                var client = Make(url, credential);
                await client.ServiceHealthCheckAsync();
                await Task.Delay(2500);
                await client.ServiceHealthCheckAsync();
                return await client.ServiceHealthCheckAsync();
            }

            case "call_cancel":
            {
                var clock = Stopwatch.StartNew();
                bool cancelled = false;
                using (var cancel = new CancellationTokenSource())
                {
                    var call = Make(url).ServiceHealthCheckAsync(cancellationToken: cancel.Token);
                    cancel.CancelAfter(300);
                    try
                    {
                        await call;
                    }
                    catch (OperationCanceledException)
                    {
                        cancelled = true;
                    }
                    catch (RequestTimeoutException)
                    {
                        cancelled = true;
                    }
                }

                return new Dictionary<string, object> { { "cancelled", cancelled }, { "seconds", clock.Elapsed.TotalSeconds } };
            }

            default:
                return await RunPagesAndStreams(name, url);
        }
    }

    /// <summary>The scenarios of pages, long-running operations and streams (scenarios.py, after `# ---- pages:`).</summary>
    private static async Task<object> RunPagesAndStreams(string name, string url)
    {
        var client = Make(url);
        switch (name)
        {
            case "page_next_link":
                return await Names(client.ListPagesAsync());
            case "page_empty_last":
            {
                var pages = new List<List<string>>();
                var pager = client.ListPagesAsync().AsPages();
                while (await pager.MoveNextAsync())
                {
                    pages.Add(pager.Current.Select(r => r.Name).ToList());
                }

                return pages;
            }

            case "page_lazy":
            {
                var pager = client.ListPagesAsync().AsPages();
                await pager.MoveNextAsync();
                return pager.Current.Select(r => r.Name).ToList();
            }

            case "page_error_on_2":
            {
                var names = new List<string>();
                var pager = Make(url, retries: 0).ListPagesAsync();
                try
                {
                    while (await pager.MoveNextAsync())
                    {
                        names.Add(pager.Current.Name);
                    }
                }
                catch (ApiException error)
                {
                    return new Dictionary<string, object> { { "items", names }, { "status", error.StatusCode } };
                }

                return names;
            }

            case "page_link_header":
                return await Names(client.ListLinkedAsync());
            case "page_cursor":
                return await Names(client.ListCursorAsync(new ListCursorParams { Limit = 2 }));
            case "page_offset":
                return await Names(client.ListOffsetAsync());
            case "lro_success":
            case "lro_failure":
            case "lro_canceled":
            case "lro_retry_after":
            {
                Operation<Job> operation = await client.StartStartJobAsync(new JobInput { Name = "j" });
                return await operation.WaitForCompletionAsync(CancellationToken.None);
            }

            case "lro_original_uri":
                return await (await client.StartRunJobAsync("7", new JobInput { Name = "j" })).WaitForCompletionAsync(CancellationToken.None);
            case "lro_location":
                return await (await client.StartExportJobAsync()).WaitForCompletionAsync(CancellationToken.None);
            case "sse_events":
            {
                var events = new List<object>();
                using (EventStream<Record> stream = await client.StreamEventsAsync())
                {
                    while (await stream.MoveNextAsync())
                    {
                        var e = stream.Current;
                        events.Add(new Dictionary<string, object> { { "event", e.Event }, { "id", e.Id }, { "retry", e.Retry }, { "data", e.Data } });
                    }
                }

                return events;
            }

            case "sse_early_close":
            {
                var clock = Stopwatch.StartNew();
                Record first;
                using (var stream = await client.StreamEventsAsync())
                {
                    await stream.MoveNextAsync();
                    first = stream.Current.Data;
                }

                return new Dictionary<string, object> { { "first", first }, { "seconds", clock.Elapsed.TotalSeconds } };
            }

            case "ndjson_lines":
            {
                var items = new List<Record>();
                using (JsonLinesStream<Record> lines = await client.StreamLinesAsync())
                {
                    while (await lines.MoveNextAsync())
                    {
                        items.Add(lines.Current);
                    }
                }

                return items;
            }

            case "oip_generate_stream":
            {
                var text = new StringBuilder();
                using (var events = await client.GenerateStreamAsync("m1", new GenerateRequest { TextInput = "Hi" }))
                {
                    while (await events.MoveNextAsync())
                    {
                        text.Append(events.Current.Data.TextOutput);
                    }
                }

                return text.ToString();
            }

            case "binary_download_stream":
            {
                long size = 0;
                using (var sha = System.Security.Cryptography.SHA256.Create())
                using (Stream body = await client.GetImageStreamAsync())
                {
                    var buffer = new byte[64 * 1024];
                    int read;
                    while ((read = await body.ReadAsync(buffer, 0, buffer.Length)) > 0)
                    {
                        sha.TransformBlock(buffer, 0, read, null, 0);
                        size += read;
                    }

                    sha.TransformFinalBlock(new byte[0], 0, 0);
                    return new Dictionary<string, object> { { "size", size }, { "sha256", BitConverter.ToString(sha.Hash).Replace("-", "").ToLowerInvariant() } };
                }
            }

            case "binary_upload_stream":
                return await client.UploadImageAsync(new OneByteAtATime(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()));
            default:
                throw new InvalidOperationException("unknown scenario " + name);
        }
    }

    private static async Task<List<string>> Names(AsyncPager<Record> pager)
    {
        var names = new List<string>();
        while (await pager.MoveNextAsync())
        {
            names.Add(pager.Current.Name);
        }

        return names;
    }

    /// <summary>A stream that is not a byte array, nor seekable: it gives its bytes a few at a time.</summary>
    private sealed class OneByteAtATime : Stream
    {
        private readonly byte[] _bytes;
        private int _position;

        internal OneByteAtATime(byte[] bytes)
        {
            _bytes = bytes;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7), _bytes.Length - _position);
            Array.Copy(_bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A DelegatingHandler that sees every attempt: counts it, adds x-hooked: N (when Label), records
    /// "METHOD PATH" before and the status after.</summary>
    private sealed class Hook : DelegatingHandler
    {
        internal bool Label { get; set; } = true;

        internal int Count { get; private set; }

        internal List<object> Seen { get; } = new List<object>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            if (Label)
            {
                request.Headers.Add("x-hooked", Count.ToString());
            }

            Seen.Add(request.Method.Method + " " + request.RequestUri.AbsolutePath);
            var response = await base.SendAsync(request, cancellationToken);
            Seen.Add((int)response.StatusCode);
            return response;
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
                var asText = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None }; // dates as sent
                line["ok"] = JsonConvert.DeserializeObject<JToken>(JsonConvert.SerializeObject(result), asText) ?? JValue.CreateNull();
            }
            catch (ApiException e)
            {
                var parsed = e.Error as ErrorResponse;
                line["error"] = "api";
                line["status"] = e.StatusCode;
                line["message"] = e.ServiceMessage;
                line["error_message"] = parsed != null ? parsed.Message : null;
            }
            catch (OperationFailedException e)
            {
                line["error"] = "operation";
                line["status"] = e.Status;
                line["message"] = e.Message;
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
            catch (OperationCanceledException e)
            {
                line["error"] = "timeout"; // the caller's own deadline (a CancellationToken) fired
                line["message"] = e.Message;
            }
            catch (ArgumentException e)
            {
                line["error"] = "invalid"; // refused before anything was sent
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
