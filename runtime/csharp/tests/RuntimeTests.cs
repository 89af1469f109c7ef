// The runtime's own unit tests (runtime/csharp/src), compiled with it into one program by tests/test_csharp_runtime.py
// (mcs -warnaserror, C# 7.2) and run with mono: each failure is printed, and the exit code is the number of failures.
// Tests that need the wire use a real HttpListener on 127.0.0.1 (TestServer).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Clientgen.Runtime;

public static class RuntimeTests
{
    private static readonly ClientgenAuth HeaderKey = new ClientgenAuth("header", "Authorization", "key");
    private static readonly KeyValuePair<string, Type>[] NoErrors = new KeyValuePair<string, Type>[0];
    private static readonly List<string> Failures = new List<string>();

    public static int Main()
    {
        var tests = new List<KeyValuePair<string, Func<Task>>>
        {
            Test("retry decisions follow the contract", RetryDecisions),
            Test("Retry-After as seconds or an HTTP date, and backoff", RetryAfterAndBackoff),
            Test("parameters are encoded per style", ParameterEncoding),
            Test("headers merge in one order, the call's replacing in any case, the credential last", HeaderMerging),
            Test("log lines: format and redaction", LogLines),
            Test("Azure ML JSON: the refresh rule, keys, what is missing", AzureMLRead),
            Test("Azure ML command: a real process, arguments as given, failures without output", AzureMLCommand),
            Test("arguments quoted for POSIX and Windows splitting", Quoting),
            Test("a pipeline retries a GET on 503 and logs each attempt", PipelineRetriesAndLogs),
            Test("a POST is not re-sent after a 502; a call's own retries and timeout apply", PipelineCallOptions),
            Test("a handler hook sees every attempt; the caller's HttpClient and handler stay usable", CallersClientNotDisposed),
            Test("a cancelled call ends at once as cancelled", Cancellation),
            Test("a refused connection: a transport error and a log line without secrets", TransportFailure),
            Test("lines end with LF, CRLF or CR, split anywhere between reads, UTF-8 split too", LinesAcrossReads),
            Test("server-sent events: comments, multi-line data, id kept, retry, no event without data, [DONE]", ServerSentEvents),
            Test("closing an event stream early closes the connection", EventStreamClosedEarly),
            Test("JSON lines split across chunks, blank lines skipped, the last without its end", JsonLines),
            Test("a binary answer as a Stream; a body from a stream is sent and never re-sent", BinaryStreams),
            Test("Link headers: rel=\"next\" among others, quoted, several relations", LinkHeaders),
            Test("pages: fetched lazily, next links resolved, the credential only to the base URI's origin", PagesNextLink),
            Test("pages: a cursor and an offset in the query, the call's options on every page", PagesCursorAndOffset),
            Test("an operation: Retry-After between polls, the status monitor, the result at Location", OperationSucceeds),
            Test("an operation that fails or is canceled: its status, code and message; a Location monitor", OperationEnds),
        };
        foreach (var test in tests)
        {
            int before = Failures.Count;
            var clock = Stopwatch.StartNew();
            try
            {
                test.Value().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Failures.Add(test.Key + ": threw " + e);
            }

            Console.WriteLine((Failures.Count == before ? "ok   " : "FAIL ") + test.Key + " (" + clock.ElapsedMilliseconds + " ms)");
        }

        foreach (var failure in Failures)
        {
            Console.WriteLine("FAILED: " + failure);
        }

        Console.WriteLine(tests.Count + " tests, " + Failures.Count + " failures");
        return Math.Min(Failures.Count, 100);
    }

    private static KeyValuePair<string, Func<Task>> Test(string name, Func<Task> body)
    {
        return new KeyValuePair<string, Func<Task>>(name, body);
    }

    private static KeyValuePair<string, Func<Task>> Test(string name, Action body)
    {
        return new KeyValuePair<string, Func<Task>>(name, () =>
        {
            body();
            return Task.FromResult(0);
        });
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            Failures.Add(what);
        }
    }

    private static void Equal<T>(T want, T got, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(want, got))
        {
            Failures.Add(what + ": expected <" + want + ">, got <" + got + ">");
        }
    }

    private static T Throws<T>(Func<Task> body, string what)
        where T : Exception
    {
        try
        {
            body().GetAwaiter().GetResult();
        }
        catch (T e)
        {
            return e;
        }
        catch (Exception e)
        {
            Failures.Add(what + ": expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + e.Message);
            return null;
        }

        Failures.Add(what + ": expected " + typeof(T).Name + ", nothing was thrown");
        return null;
    }

    private static void RetryDecisions()
    {
        Check(ClientgenPipeline.Repeatable("GET", false, false), "a GET is repeatable");
        Check(ClientgenPipeline.Repeatable("DELETE", false, false), "a DELETE is repeatable");
        Check(!ClientgenPipeline.Repeatable("POST", false, false), "a POST is not repeatable");
        Check(ClientgenPipeline.Repeatable("POST", true, false), "a POST marked safe is repeatable");
        Check(ClientgenPipeline.Repeatable("PATCH", false, true), "a PATCH with an Idempotency-Key is repeatable");
        foreach (int status in new[] { 408, 429, 503 })
        {
            Check(ClientgenPipeline.Resendable(status, true, false), status + " is re-sent for any request");
        }

        foreach (int status in new[] { 500, 502, 504 })
        {
            Check(!ClientgenPipeline.Resendable(status, true, false), status + " is not re-sent for a POST");
            Check(ClientgenPipeline.Resendable(status, true, true), status + " is re-sent for a repeatable request");
        }

        foreach (int status in new[] { 200, 400, 401, 404, 501 })
        {
            Check(!ClientgenPipeline.Resendable(status, true, true), status + " is never re-sent");
        }

        Check(ClientgenPipeline.Resendable(null, false, false), "a failure before sending is re-sent for any request");
        Check(!ClientgenPipeline.Resendable(null, true, false), "a failure once sent is not re-sent for a POST");
        Check(ClientgenPipeline.Resendable(null, true, true), "a failure once sent is re-sent for a GET");
    }

    private static void RetryAfterAndBackoff()
    {
        Equal<double?>(1.0, ClientgenPipeline.RetryAfter("1"), "Retry-After: 1");
        Equal<double?>(2.5, ClientgenPipeline.RetryAfter(" 2.5 "), "Retry-After: 2.5");
        Equal<double?>(null, ClientgenPipeline.RetryAfter("-1"), "Retry-After: -1");
        Equal<double?>(null, ClientgenPipeline.RetryAfter("soon"), "Retry-After: soon");
        Equal<double?>(null, ClientgenPipeline.RetryAfter(null), "no Retry-After");
        double? date = ClientgenPipeline.RetryAfter(DateTimeOffset.UtcNow.AddSeconds(20).ToString("r"));
        Check(date != null && date.Value > 18 && date.Value <= 20, "Retry-After as an HTTP date 20 s ahead: " + date);
        Equal<double?>(0.0, ClientgenPipeline.RetryAfter("Sun, 06 Nov 1994 08:49:37 GMT"), "Retry-After as a past HTTP date");
        Equal(TimeSpan.FromSeconds(30), ClientgenPipeline.Wait(0, "120"), "Retry-After is capped at 30 s");
        Equal(TimeSpan.FromSeconds(3), ClientgenPipeline.Wait(5, "3"), "Retry-After wins over backoff");
        for (int i = 0; i < 20; i++)
        {
            double first = ClientgenPipeline.Wait(0, null).TotalSeconds;
            double third = ClientgenPipeline.Wait(2, null).TotalSeconds;
            double late = ClientgenPipeline.Wait(20, null).TotalSeconds;
            Check(first >= 0.25 && first <= 0.5, "the first backoff is 0.5 s with jitter: " + first);
            Check(third >= 1.0 && third <= 2.0, "the third backoff is 2 s with jitter: " + third);
            Check(late >= 15 && late <= 30, "backoff is capped at 30 s: " + late);
        }
    }

    private static void ParameterEncoding()
    {
        var request = new ClientgenRequest("GET", "/items/{id}/{label}/{matrix}");
        request.PathParam("id", "a/b c?%\u00fc", "simple", false);
        request.PathParam("label", new List<string> { "x", "y z" }, "label", false);
        request.PathParam("matrix", new List<int> { 1, 2 }, "matrix", true);
        Equal("/items/a%2Fb%20c%3F%25%C3%BC/.x,y%20z/;matrix=1;matrix=2", request.Path, "path parameters");
        request.QueryParam("tags", new List<string> { "x y", "z&w" }, "form", true);
        request.QueryParam("pipes", new List<string> { "a", "b" }, "pipeDelimited", false);
        request.QueryParam("filter", new Dictionary<string, object> { { "kind", "cat" }, { "age", 2 } }, "deepObject", true);
        request.QueryParam("q", "1+1=2", "form", true);
        request.QueryParam("unset", null, "form", true);
        request.QueryParam("when", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), "form", true);
        request.QueryParam("flag", true, "form", true);
        Equal("/p?tags=x%20y&tags=z%26w&pipes=a%7Cb&filter%5Bkind%5D=cat&filter%5Bage%5D=2&q=1%2B1%3D2&when=2024-05-06T07%3A08%3A09Z&flag=true",
              ClientgenRequest.Target("/p", request.Query), "query parameters");
        request.HeaderParam("X-List", new List<double> { 1.5, 2 }, "simple", false);
        Equal("1.5,2", request.Headers["x-list"], "a list header, read in any case");
        request.CookieParam("session", "a b;c", "form", true);
        Equal("a%20b%3Bc", request.Cookies[0].Value, "a cookie value is escaped");
    }

    private static ClientgenRequest ItemRequest(ClientgenAuth auth)
    {
        var request = new ClientgenRequest("GET", "/items/a", "GetItem", "application/json", auth);
        request.QueryParam("q", "query-secret", "form", true);
        request.HeaderParam("X-Trace-Id", "trace-secret", "simple", false);
        return request;
    }

    private static void HeaderMerging()
    {
        var client = new Dictionary<string, string> { { "User-Agent", "sdk/1" }, { "azureml-model-deployment", "green" }, { "X-Default", "d" } };
        var call = new Dictionary<string, string> { { "ACCEPT", "text/csv" }, { "user-agent", "mine/2" }, { "AzureML-Model-Deployment", "blue" }, { "authorization", "Bearer forged" } };
        var wire = new ClientgenAttempt("http://h", ItemRequest(HeaderKey), client, call, "key-123", new string[0]);
        var names = wire.Headers.Select(h => h.Key.ToLowerInvariant()).ToList();
        Equal(names.Count, names.Distinct().Count(), "each header name once: " + string.Join(", ", names));
        Equal("text/csv", wire.Header("accept"), "the call's Accept replaces the operation's");
        Equal("mine/2", wire.Header("User-Agent"), "the call's User-Agent replaces the client's");
        Equal("blue", wire.Header("azureml-model-deployment"), "the call's header replaces a default header of another case");
        Equal("d", wire.Header("x-default"), "a default header the call does not name stays");
        Equal("trace-secret", wire.Header("x-trace-id"), "the operation's header parameter");
        Equal("Bearer key-123", wire.Header("Authorization"), "the credential wins over a call's header of its name");
        Equal("http://h/items/a?q=query-secret", wire.Url, "the URL sent");
        using (var message = wire.Message())
        {
            Equal("text/csv", string.Join(",", message.Headers.GetValues("Accept")), "the message carries the merged Accept");
        }

        var cookie = new ClientgenAttempt("http://h", ItemRequest(new ClientgenAuth("cookie", "session", "key")), client, new Dictionary<string, string>(), "k 1", new string[0]);
        Equal("session=k%201", cookie.Header("Cookie"), "a cookie credential");
        var query = new ClientgenAttempt("http://h", ItemRequest(new ClientgenAuth("query", "api_key", "key")), client, new Dictionary<string, string>(), "k1", new string[0]);
        Equal("http://h/items/a?q=query-secret&api_key=k1", query.Url, "a query credential");
        Equal("http://h/items/a?q=***&api_key=***", query.ShownUrl, "the log shows no query value");
    }

    private static void LogLines()
    {
        var client = new Dictionary<string, string> { { "User-Agent", "sdk/1" }, { "Proxy-Authorization", "proxy-secret" } };
        var wire = new ClientgenAttempt("http://127.0.0.1:1", ItemRequest(HeaderKey), client, new Dictionary<string, string>(), "key-123", new[] { "X-TRACE-ID" });
        string line = wire.RequestLine();
        Equal("GET http://127.0.0.1:1/items/a?q=*** request headers: accept: application/json; user-agent: sdk/1; proxy-authorization: ***; x-trace-id: ***; authorization: ***", line, "the request line");
        Equal("GET http://127.0.0.1:1/items/a?q=*** -> 503 in 12 ms (retry 0)", wire.ResponseLine(503, TimeSpan.FromTicks(127000), 0), "the response line");
        string failed = wire.FailureLine(TimeSpan.FromMilliseconds(3), 1, "refused at http://127.0.0.1:1/items/a?q=query-secret with Bearer key-123, trace-secret, proxy-secret");
        Equal("GET http://127.0.0.1:1/items/a?q=*** -> failed in 3 ms (retry 1): refused at http://127.0.0.1:1/items/a?q=*** with ***, ***, ***", failed, "the failure line, redacted");
        var cookie = new ClientgenAttempt("http://h", ItemRequest(new ClientgenAuth("cookie", "session", "key")), client, new Dictionary<string, string>(), "cookie-secret", new string[0]);
        Check(!cookie.RequestLine().Contains("cookie-secret") && cookie.RequestLine().Contains("cookie: ***"), "a cookie credential is hidden: " + cookie.RequestLine());
    }

    private static void AzureMLRead()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long unix = now.ToUnixTimeSeconds();
        var token = AzureMLCredential.Read("{\"accessToken\": \"t1\", \"tokenType\": \"Bearer\", \"expiryTimeUtc\": " + (unix + 3600) + ", \"refreshAfterTimeUtc\": " + (unix + 600) + "}", "src", now);
        Equal("t1", token.Token, "the access token");
        Equal(now.AddSeconds(630), token.RefreshBy, "kept until refreshAfterTimeUtc (the client asks 30 s before RefreshBy)");
        var soon = AzureMLCredential.Read("{\"accessToken\": \"t2\", \"expiryTimeUtc\": " + (unix + 100) + ", \"refreshAfterTimeUtc\": " + (unix + 90) + "}", "src", now);
        Equal(now.AddSeconds(100), soon.RefreshBy, "kept until 30 s before expiryTimeUtc when that comes first");
        var text = AzureMLCredential.Read("{\"accessToken\": \"t3\", \"expiryTimeUtc\": \"" + (unix + 50) + "\"}", "src", now);
        Equal(now.AddSeconds(50), text.RefreshBy, "times given as text");
        var bare = AzureMLCredential.Read("{\"accessToken\": \"t4\"}", "src", now);
        Equal(now, bare.RefreshBy, "a token without times is asked for again on the next call");
        var key = AzureMLCredential.Read("{\"primaryKey\": \"pk\", \"secondaryKey\": \"sk\"}", "src", now);
        Equal("pk", key.Token, "the primary key");
        Equal(DateTimeOffset.MaxValue, key.RefreshBy, "a key is static");
        foreach (var json in new[] { "{\"tokenType\": \"Bearer\", \"secret\": \"leak-1\"}", "not json leak-1", "[\"leak-1\"]", "{\"accessToken\": \"\", \"x\": \"leak-1\"}" })
        {
            var error = Throws<CredentialException>(() => Task.FromResult(AzureMLCredential.Read(json, "the command `az ml`", now)), "JSON without a token: " + json);
            Check(error != null && error.Message.Contains("the command `az ml`") && !error.Message.Contains("leak-1"), "the error names the source and shows no output: " + (error != null ? error.Message : ""));
        }

        Check(Throws<CredentialException>(() => Task.FromResult(AzureMLCredential.Read("{}", "src", now)), "{}").Message.Contains("\"accessToken\" nor a \"primaryKey\""), "the error says what was missing");
    }

    private static async Task<string> TokenOf(ClientCredential credential)
    {
        AccessToken token = await credential.Provider(CancellationToken.None);
        return token.Token;
    }

    private static async Task AzureMLCommand()
    {
        const string json = "{\"accessToken\": \"tok en's \\\"1\\\" $HOME \\\\\", \"expiryTimeUtc\": 4102444800}";
        var printed = AzureMLCredential.FromCommand("/bin/sh", "-c", "printf '%s' \"$1\"", "sh", json);
        Equal("tok en's \"1\" $HOME \\", await TokenOf(printed), "the token a real command printed, its arguments passed as given");
        var failing = AzureMLCredential.FromCommand("/bin/sh", "-c", "printf 'zq%sxv' cr; printf 'zq%sxv' cr >&2; exit 3");
        var error = Throws<CredentialException>(() => TokenOf(failing), "a failing command");
        Check(error != null && error.Message.Contains("/bin/sh -c") && error.Message.Contains("exit code 3"), "the error names the command and its exit code: " + (error != null ? error.Message : ""));
        Check(error != null && !error.Message.Contains("zqcrxv"), "the error shows no output: " + (error != null ? error.Message : ""));
        var empty = AzureMLCredential.FromCommand("/bin/sh", "-c", "printf '{\"tokenType\": \"zq%sxv\"}' cr");
        error = Throws<CredentialException>(() => TokenOf(empty), "a command printing no token");
        Check(error != null && error.Message.Contains("/bin/sh") && error.Message.Contains("accessToken") && !error.Message.Contains("zqcrxv"), "names the command and what was missing: " + (error != null ? error.Message : ""));
        error = Throws<CredentialException>(() => TokenOf(AzureMLCredential.FromCommand("/nonexistent/az", "ml")), "a command that does not exist");
        Check(error != null && error.Message.Contains("/nonexistent/az ml"), "names the command that could not start: " + (error != null ? error.Message : ""));
    }

    private static void Quoting()
    {
        Equal("'it'\\''s'", AzureMLCredential.QuotePosix("it's"), "a quote in POSIX quoting");
        Equal("''", AzureMLCredential.QuotePosix(""), "an empty POSIX argument");
        Equal("plain", AzureMLCredential.QuoteWindows("plain"), "a plain Windows argument");
        Equal("\"a b\"", AzureMLCredential.QuoteWindows("a b"), "a blank in a Windows argument");
        Equal("\"\"", AzureMLCredential.QuoteWindows(""), "an empty Windows argument");
        Equal("\"say \\\"hi\\\"\"", AzureMLCredential.QuoteWindows("say \"hi\""), "quotes in a Windows argument");
        Equal("\"c:\\dir \\\\\"", AzureMLCredential.QuoteWindows("c:\\dir \\"), "a trailing backslash before the closing quote is doubled");
        Equal("a\\b", AzureMLCredential.QuoteWindows("a\\b"), "a backslash alone stays");
    }

    private static ClientgenPipeline Pipeline(TestServer server, Action<ClientOptions> configure = null)
    {
        var options = new ClientOptions { BaseUri = new Uri(server.Url), Credential = "key-123" };
        if (configure != null)
        {
            configure(options);
        }

        return new ClientgenPipeline(options, null);
    }

    private static async Task PipelineRetriesAndLogs()
    {
        using (var server = new TestServer(Reply(503, "{}", "Retry-After", "0"), Reply(200, "{\"id\": 1}")))
        {
            var log = new List<string>();
            using (var pipeline = Pipeline(server, o =>
            {
                o.Log = log.Add;
                o.SecretHeaders.Add("x-trace-id");
            }))
            {
                var response = await pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, null, CancellationToken.None);
                Equal(200, response.StatusCode, "the retried answer");
            }

            Equal(2, server.Requests.Count, "two attempts");
            Equal(4, log.Count, "two lines per attempt: " + string.Join(" | ", log));
            string text = string.Join("\n", log);
            Check(!text.Contains("key-123") && !text.Contains("query-secret") && !text.Contains("trace-secret"), "no secret in the log:\n" + text);
            Check(log.Count == 4 && Regex.IsMatch(log[1], "^GET http://127\\.0\\.0\\.1:[0-9]+/items/a\\?q=\\*\\*\\* -> 503 in [0-9]+ ms \\(retry 0\\)$"), "the first answer's line: " + text);
            Check(log.Count == 4 && Regex.IsMatch(log[3], "^GET http://127\\.0\\.0\\.1:[0-9]+/items/a\\?q=\\*\\*\\* -> 200 in [0-9]+ ms \\(retry 1\\)$"), "the second answer's line: " + text);
            Equal("Bearer key-123", server.Requests[1].Headers["Authorization"], "the credential on the retry");
            Equal("runtime-tests/1.2.3 clientgen/0.0.0 csharp/" + Environment.Version, server.Requests[0].Headers["User-Agent"], "the User-Agent from ClientgenSdkInfo");
        }
    }

    private static void PipelineCallOptions()
    {
        using (var server = new TestServer(Reply(502, "{\"message\": \"bad gateway\"}"), Reply(200, "[1]")))
        using (var pipeline = Pipeline(server))
        {
            var post = new ClientgenRequest("POST", "/score", "RunMLService", "application/json", HeaderKey);
            post.JsonBody(new Dictionary<string, int> { { "a", 1 } }, "application/json");
            var error = Throws<ApiException>(() => pipeline.SendAsync(post, NoErrors, null, CancellationToken.None), "a POST that got a 502");
            Equal(502, error != null ? error.StatusCode : 0, "the API error's status");
            Equal(1, server.Requests.Count, "a POST is not re-sent after a 502");
        }

        using (var server = new TestServer(Reply(503, "{}", "Retry-After", "0"), Reply(200, "{}")))
        using (var pipeline = Pipeline(server))
        {
            var options = new RequestOptions { MaxRetries = 0, Headers = { ["azureml-model-deployment"] = "blue" } };
            Throws<ApiException>(() => pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, options, CancellationToken.None), "a call without retries");
            Equal(1, server.Requests.Count, "the call's MaxRetries 0 turns retries off");
            Equal("blue", server.Requests[0].Headers["azureml-model-deployment"], "the call's own header");
        }

        using (var server = new TestServer(Reply(200, "{}", delay: 3000)))
        using (var pipeline = Pipeline(server, o => o.MaxRetries = 0))
        {
            var clock = Stopwatch.StartNew();
            var options = new RequestOptions { Timeout = TimeSpan.FromMilliseconds(300) };
            var error = Throws<RequestTimeoutException>(() => pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, options, CancellationToken.None), "a call's own timeout");
            Check(clock.Elapsed < TimeSpan.FromSeconds(2), "the call's timeout fired: " + clock.Elapsed);
            Check(error != null && error.Message.Contains("0.3 s (the call's timeout)"), "the message names the call's deadline: " + (error != null ? error.Message : ""));
        }
    }

    /// <summary>A hook: counts every attempt and marks it with x-hooked: N before it is sent.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        internal int Count;

        internal List<int> Statuses = new List<int>();

        internal bool Disposed;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int count = Interlocked.Increment(ref Count);
            request.Headers.Add("x-hooked", count.ToString());
            var response = await base.SendAsync(request, cancellationToken);
            Statuses.Add((int)response.StatusCode);
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static async Task CallersClientNotDisposed()
    {
        using (var server = new TestServer(Reply(503, "{}", "Retry-After", "0"), Reply(200, "{}"), Reply(200, "{}"), Reply(200, "{}"), Reply(200, "{}")))
        {
            var hook = new CountingHandler { InnerHandler = new HttpClientHandler() };
            using (var pipeline = Pipeline(server, o => o.Handler = hook))
            {
                await pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, null, CancellationToken.None);
            }

            Equal(2, hook.Count, "the hook sees the retry too");
            Equal("503,200", string.Join(",", hook.Statuses), "the hook sees each response");
            Equal("2", server.Requests[1].Headers["x-hooked"], "the hook's change to the request is sent");
            Check(!hook.Disposed, "disposing the client does not dispose the caller's handler");
            var own = new HttpClient(hook, false);
            using (var pipeline = Pipeline(server, o => o.HttpClient = own))
            {
                await pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, null, CancellationToken.None);
            }

            Equal("Bearer key-123", server.Requests[2].Headers["Authorization"], "the credential goes through the caller's HttpClient");
            Check(server.Requests[2].Headers["User-Agent"].StartsWith("runtime-tests/1.2.3 ", StringComparison.Ordinal), "the User-Agent goes through the caller's HttpClient");
            using (var answer = await own.GetAsync(server.Url + "/direct"))
            {
                Equal(200, (int)answer.StatusCode, "the caller's HttpClient still works after the client is disposed");
            }

            own.Dispose();
            Check(!hook.Disposed, "the handler is still the caller's");
        }
    }

    private static void Cancellation()
    {
        using (var server = new TestServer(Reply(200, "{}", delay: 3000)))
        using (var pipeline = Pipeline(server))
        using (var cancel = new CancellationTokenSource())
        {
            var clock = Stopwatch.StartNew();
            var call = pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, null, cancel.Token);
            cancel.CancelAfter(200);
            var error = Throws<OperationCanceledException>(() => call, "a cancelled call");
            Check(clock.Elapsed < TimeSpan.FromSeconds(2), "ended at once: " + clock.Elapsed);
            Check(error != null && error.Message.Contains("cancelled by the caller's CancellationToken"), "says who cancelled: " + (error != null ? error.Message : ""));
        }
    }

    private static void TransportFailure()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        string url = "http://127.0.0.1:" + ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        var log = new List<string>();
        var options = new ClientOptions { BaseUri = new Uri(url), Credential = "key-123", MaxRetries = 0, Log = log.Add };
        using (var pipeline = new ClientgenPipeline(options, null))
        {
            var error = Throws<TransportException>(() => pipeline.SendAsync(ItemRequest(HeaderKey), NoErrors, null, CancellationToken.None), "a refused connection");
            Check(error != null && error.Message.StartsWith("GET /items/a: ", StringComparison.Ordinal) && !error.Message.Contains("query-secret") && !error.Message.Contains("key-123"), "the error names the request, no secret: " + (error != null ? error.Message : ""));
        }

        Equal(2, log.Count, "a request line and a failure line: " + string.Join(" | ", log));
        Check(log.Count == 2 && Regex.IsMatch(log[1], "^GET http://127\\.0\\.0\\.1:[0-9]+/items/a\\?q=\\*\\*\\* -> failed in [0-9]+ ms \\(retry 0\\): .+$"), "the failure line: " + string.Join(" | ", log));
        Check(!string.Join("\n", log).Contains("query-secret") && !string.Join("\n", log).Contains("key-123"), "no secret in the log");
    }

    /// <summary>A stream giving at most <c>size</c> bytes per read, so that every split between reads happens.</summary>
    private sealed class Trickle : MemoryStream
    {
        private readonly int _size;

        internal Trickle(byte[] bytes, int size)
            : base(bytes)
        {
            _size = size;
        }

        internal bool Disposed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            return base.Read(buffer, offset, Math.Min(count, _size));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            return Task.FromResult(Read(buffer, offset, count));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class Disposal : IDisposable
    {
        internal bool Done;

        public void Dispose()
        {
            Done = true;
        }
    }

    private static async Task<List<string>> AllLines(ClientgenLines lines)
    {
        var all = new List<string>();
        string line;
        while ((line = await lines.ReadLineAsync(CancellationToken.None)) != null)
        {
            all.Add(line);
        }

        return all;
    }

    private static async Task LinesAcrossReads()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("\uFEFFa\rb\r\nc\n\nd\u00e9\u65e5\r\r\ne");
        for (int size = 1; size <= bytes.Length; size++)
        {
            var response = new Disposal();
            var stream = new Trickle(bytes, size);
            using (var lines = new ClientgenLines(stream, response, 200))
            {
                Equal("a|b|c||d\u00e9\u65e5||e", string.Join("|", await AllLines(lines)), "the lines, read " + size + " bytes at a time");
            }

            Check(stream.Disposed && response.Done, "disposing the lines disposes the stream and the response");
        }
    }

    private const string SseBody = ": a comment, ignored\nevent: created\nid: 1\nretry: 3000\ndata: {\"id\": 1,\ndata:  \"name\": \"a\"}\n\n"
        + ": another comment\r\ndata:{\"id\": 2, \"name\": \"b\"}\r\n\r\nevent: ignored-without-data\nretry: 5\n\nid: 3\rdata\rdata: x\r\rdata: [DONE]\n\ndata: {\"id\": 4}\n\n";

    private static byte[][] Pieces(string text, int size)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var pieces = new List<byte[]>();
        for (int at = 0; at < bytes.Length; at += size)
        {
            pieces.Add(bytes.Skip(at).Take(size).ToArray());
        }

        return pieces.ToArray();
    }

    private static async Task ServerSentEvents()
    {
        using (var server = new TestServer(Streamed("text/event-stream", 5, Pieces(SseBody, 7))))
        using (var pipeline = Pipeline(server))
        {
            var seen = new List<string>();
            var request = new ClientgenRequest("GET", "/events", "StreamEvents", "text/event-stream", HeaderKey);
            using (var events = await ClientgenStreams.EventsAsync<Dictionary<string, object>>(pipeline, request, NoErrors, null, CancellationToken.None, "json"))
            {
                for (int i = 0; i < 2 && await events.MoveNextAsync(); i++)
                {
                    var e = events.Current;
                    seen.Add(e.Event + " " + e.Id + " " + (e.Retry != null ? e.Retry.ToString() : "-") + " " + e.Data["id"] + e.Data["name"]);
                }

                Equal("created 1 3000 1a|message 1 - 2b", string.Join("|", seen), "the first two events, decoded");
                Throws<ResponseDecodeException>(() => events.MoveNextAsync(), "an event whose data is no JSON");
            }
        }

        using (var server = new TestServer(Streamed("text/event-stream", 0, Pieces(SseBody, 3))))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/events", "StreamEvents", "text/event-stream", HeaderKey);
            var seen = new List<string>();
            using (var events = await ClientgenStreams.EventsAsync<string>(pipeline, request, NoErrors, null, CancellationToken.None, "text"))
            {
                while (await events.MoveNextAsync())
                {
                    seen.Add(events.Current.Event + " " + events.Current.Id + " " + (events.Current.Retry != null ? events.Current.Retry.ToString() : "-") + " " + events.Current.Data.Replace("\n", "\\n"));
                }

                Check(events.Current == null, "no event after the end");
            }

            Equal("created 1 3000 {\"id\": 1,\\n \"name\": \"a\"}|message 1 - {\"id\": 2, \"name\": \"b\"}|message 3 - \\nx", string.Join("|", seen), "the events as text, up to [DONE]: an empty data line, the id kept, a retry only on its own event");
            Equal("text/event-stream", server.Requests[0].Headers["Accept"], "the Accept header");
        }
    }

    private static async Task EventStreamClosedEarly()
    {
        var chunks = Enumerable.Range(1, 20).Select(i => Encoding.UTF8.GetBytes("data: " + i + "\n\n")).ToArray();
        using (var server = new TestServer(Streamed("text/event-stream", 200, chunks)))
        using (var pipeline = Pipeline(server))
        {
            var clock = Stopwatch.StartNew();
            var request = new ClientgenRequest("GET", "/events", null, "text/event-stream", HeaderKey);
            using (var events = await ClientgenStreams.EventsAsync<int>(pipeline, request, NoErrors, null, CancellationToken.None, "json"))
            {
                Check(await events.MoveNextAsync() && events.Current.Data == 1, "the first event");
            }

            Check(clock.Elapsed < TimeSpan.FromSeconds(1.5), "closed without reading the rest: " + clock.Elapsed);
            for (int i = 0; i < 30 && !server.Requests[0].ClosedEarly; i++)
            {
                await Task.Delay(100);
            }

            Check(server.Requests[0].ClosedEarly, "the server saw the connection closed before its last chunk");
        }
    }

    private static async Task JsonLines()
    {
        using (var server = new TestServer(Streamed("application/x-ndjson", 20, Encoding.UTF8.GetBytes("{\"id\": 1}\n{\"i"), Encoding.UTF8.GetBytes("d\": 2}\r\n\n  \n"), Encoding.UTF8.GetBytes("{\"id\": 3}"))))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/lines", null, "application/x-ndjson", HeaderKey);
            var ids = new List<long>();
            using (var lines = await ClientgenStreams.JsonLinesAsync<Dictionary<string, long>>(pipeline, request, NoErrors, null, CancellationToken.None, "json"))
            {
                while (await lines.MoveNextAsync())
                {
                    ids.Add(lines.Current["id"]);
                }
            }

            Equal("1,2,3", string.Join(",", ids), "one value per non-empty line");
        }

        using (var server = new TestServer(Streamed("application/x-ndjson", 0, Encoding.UTF8.GetBytes("{\"id\": 1}\nnot json\n"))))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/lines", null, "application/x-ndjson", HeaderKey);
            using (var lines = await ClientgenStreams.JsonLinesAsync<Dictionary<string, long>>(pipeline, request, NoErrors, null, CancellationToken.None, "json"))
            {
                Check(await lines.MoveNextAsync(), "the first line");
                Throws<ResponseDecodeException>(() => lines.MoveNextAsync(), "a line that is no JSON");
            }
        }
    }

    private static async Task BinaryStreams()
    {
        byte[] data = Enumerable.Range(0, 200000).Select(i => (byte)(i % 251)).ToArray();
        using (var server = new TestServer(Streamed("application/octet-stream", 10, data.Take(70000).ToArray(), data.Skip(70000).ToArray())))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/image", null, "image/png", HeaderKey);
            using (Stream body = await ClientgenStreams.BinaryAsync(pipeline, request, NoErrors, null, CancellationToken.None))
            using (var copy = new MemoryStream())
            {
                await body.CopyToAsync(copy);
                Check(copy.ToArray().SequenceEqual(data), "the bytes, read as a stream: " + copy.Length);
            }
        }

        using (var server = new TestServer(Reply(503, "{}", "Retry-After", "0"), Reply(200, "{}")))
        using (var pipeline = Pipeline(server))
        {
            var source = new Trickle(data, 1000);
            var request = new ClientgenRequest("POST", "/upload", null, "application/json", HeaderKey);
            request.BinaryBody(BinaryBody.FromStream(source), "application/octet-stream");
            var error = Throws<ApiException>(() => pipeline.SendAsync(request, NoErrors, null, CancellationToken.None), "a 503 to a body sent from a stream");
            Equal(503, error != null ? error.StatusCode : 0, "the 503 itself: a stream is not sent twice");
            Equal(1, server.Requests.Count, "one request");
            Check(server.Requests[0].Body.SequenceEqual(data), "the stream's bytes were sent: " + server.Requests[0].Body.Length);
            Equal("application/octet-stream", server.Requests[0].Headers["Content-Type"], "its Content-Type");
            Check(!source.Disposed, "the caller's stream is the caller's to dispose");
        }
    }

    private static void LinkHeaders()
    {
        Equal("https://h/p?page=2", ClientgenPaging.Link("<https://h/p?page=2>; rel=\"next\", <https://h/p?page=1>; rel=\"first\"", "next"), "next first");
        Equal("/p?page=3", ClientgenPaging.Link("<https://h/p?page=1>; rel=\"first\", </p?page=3>; rel=next", "next"), "next last, unquoted");
        Equal("https://h/a,b", ClientgenPaging.Link("<https://h/x>; title=\"a, b\"; rel=\"prev\", <https://h/a,b>; rel=\"last next\"", "next"), "a comma in a URL and in a quoted title, several relations");
        Equal(null, ClientgenPaging.Link("<https://h/p?page=1>; rel=\"first\"", "next"), "no next");
        Equal(null, ClientgenPaging.Link(null, "next"), "no header");
        Equal(null, ClientgenPaging.Text(""), "an empty next link is none");
        Equal("7", ClientgenPaging.Text(7L), "a number cursor");
    }

    /// <summary>A page of the paging tests: items in "value", the next link in "nextLink".</summary>
    private sealed class Page
    {
        [Newtonsoft.Json.JsonProperty("value")]
        public List<string> Value { get; set; }

        [Newtonsoft.Json.JsonProperty("nextLink")]
        public string NextLink { get; set; }
    }

    private static async Task<List<string>> Items(AsyncPager<string> pager)
    {
        var items = new List<string>();
        while (await pager.MoveNextAsync())
        {
            items.Add(pager.Current);
        }

        return items;
    }

    private static async Task PagesNextLink()
    {
        const string First = "{\"value\": [\"a\", \"b\"], \"nextLink\": \"/paged?page=2&x=a%20b\"}";
        using (var server = new TestServer(
            Reply(200, First),
            Reply(200, "{\"value\": [], \"nextLink\": \"{base}/paged?page=3\"}"),
            Reply(200, "{\"value\": [\"c\"], \"nextLink\": \"\"}"),
            Reply(200, First)))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/paged", "ListPages", "application/json", HeaderKey);
            request.QueryParam("q", "1", "form", true);
            var pager = ClientgenPaging.Pager<Page, string>(pipeline, request, NoErrors, null, CancellationToken.None, ClientgenPaging.NextLink, page => page.Value, page => page.NextLink, null);
            Equal(0, server.Requests.Count, "nothing is sent before the first MoveNextAsync");
            Check(await pager.MoveNextAsync() && pager.Current == "a", "the first item");
            Check(await pager.MoveNextAsync() && pager.Current == "b", "the second item");
            Equal(1, server.Requests.Count, "the second page is not fetched while the first has items");
            Check(await pager.MoveNextAsync() && pager.Current == "c", "the third item, after an empty page");
            Check(!await pager.MoveNextAsync(), "an empty next link ends the list");
            Equal("/paged?q=1|/paged?page=2&x=a%20b|/paged?page=3", string.Join("|", server.Requests.Select(r => r.Path)), "each page's request: the next links resolved against the page's URL");
            Check(server.Requests.All(r => r.Headers["Authorization"] == "Bearer key-123"), "the credential to the base URI's origin");
            var pages = pager.AsPages();
            Check(await pages.MoveNextAsync() && pages.Current.Count == 2, "AsPages starts again from the first page");
            Equal(4, server.Requests.Count, "one more request: the first page, and no more");
        }

        using (var server = new TestServer(
            Reply(200, "{\"value\": [\"a\"], \"nextLink\": \"http://localhost:{port}/paged?page=2\"}"),
            Reply(500, "{\"message\": \"page lost\"}")))
        using (var pipeline = Pipeline(server, o => o.MaxRetries = 0))
        {
            var request = new ClientgenRequest("GET", "/paged", "ListPages", "application/json", HeaderKey);
            var pager = ClientgenPaging.Pager<Page, string>(pipeline, request, NoErrors, null, CancellationToken.None, ClientgenPaging.NextLink, page => page.Value, page => page.NextLink.Replace("{port}", server.Port.ToString()), null);
            Check(await pager.MoveNextAsync() && pager.Current == "a", "the first page's item comes before the error");
            var error = Throws<ApiException>(() => pager.MoveNextAsync(), "the page that failed");
            Equal(500, error != null ? error.StatusCode : 0, "its status");
            Equal(2, server.Requests.Count, "two requests");
            Check(server.Requests.Count == 2 && server.Requests[1].Host == "localhost" && !server.Requests[1].Headers.ContainsKey("Authorization"), "no credential to another origin (localhost is not 127.0.0.1)");
        }
    }

    /// <summary>A cursor page: items in "data", the next cursor in "next".</summary>
    private sealed class CursorPage
    {
        [Newtonsoft.Json.JsonProperty("data")]
        public List<string> Data { get; set; }

        [Newtonsoft.Json.JsonProperty("next")]
        public object Next { get; set; }
    }

    private static async Task PagesCursorAndOffset()
    {
        using (var server = new TestServer(Reply(200, "{\"data\": [\"a\"], \"next\": \"c2\"}"), Reply(200, "{\"data\": [\"b\"], \"next\": 3}"), Reply(200, "{\"data\": [\"c\"]}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/cursor", "ListCursor", "application/json", HeaderKey);
            request.QueryParam("cursor", "c0", "form", true);
            request.QueryParam("limit", 1, "form", true);
            var options = new RequestOptions { Headers = { ["azureml-model-deployment"] = "blue" } };
            var pager = ClientgenPaging.Pager<CursorPage, string>(pipeline, request, NoErrors, options, CancellationToken.None, ClientgenPaging.Cursor, page => page.Data, page => page.Next, "cursor");
            Equal("a,b,c", string.Join(",", await Items(pager)), "the items");
            Equal("/cursor?cursor=c0&limit=1|/cursor?cursor=c2&limit=1|/cursor?cursor=3&limit=1", string.Join("|", server.Requests.Select(r => r.Path)), "the cursor replaces the caller's in its place");
            Check(server.Requests.All(r => r.Headers["azureml-model-deployment"] == "blue"), "the call's own header on every page");
        }

        using (var server = new TestServer(Reply(200, "{\"data\": [\"a\", \"b\"]}"), Reply(200, "{\"data\": [\"c\"]}"), Reply(200, "{\"data\": []}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("GET", "/offset", "ListOffset", "application/json", HeaderKey);
            request.QueryParam("offset", 10, "form", true);
            var pager = ClientgenPaging.Pager<CursorPage, string>(pipeline, request, NoErrors, null, CancellationToken.None, ClientgenPaging.Offset, page => page.Data, null, "offset");
            Equal("a,b,c", string.Join(",", await Items(pager)), "the items, up to a page without any");
            Equal("/offset?offset=10|/offset?offset=12|/offset?offset=13", string.Join("|", server.Requests.Select(r => r.Path)), "the offset counts from the caller's own");
        }
    }

    /// <summary>The result of the operation tests.</summary>
    private sealed class Job
    {
        [Newtonsoft.Json.JsonProperty("id")]
        public string Id { get; set; }
    }

    private static async Task OperationSucceeds()
    {
        using (var server = new TestServer(
            Reply(202, "", new[] { "Operation-Location", "/operations/1", "Location", "{base}/jobs/1", "Retry-After", "0" }),
            Reply(200, "{\"status\": \"Running\"}", new[] { "Retry-After", "1" }),
            Reply(200, "{\"status\": \"succeeded\"}"),
            Reply(200, "{\"id\": \"1\"}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("POST", "/jobs", "StartJob", "application/json", HeaderKey);
            request.JsonBody(new Dictionary<string, string> { { "name", "j" } }, "application/json");
            var options = new RequestOptions { Headers = { ["azureml-model-deployment"] = "blue" } };
            var operation = await Operation<Job>.StartAsync(pipeline, request, NoErrors, options, CancellationToken.None, "location", r => ClientgenPipeline.Decode<Job>(r, "json", new string[0]));
            Equal(1, server.Requests.Count, "the start sends the first request, and nothing is polled yet");
            Check(!operation.HasCompleted && operation.Status == Operation<Job>.InProgress, "running: " + operation.Status);
            Throws<InvalidOperationException>(() => Task.FromResult(operation.Value), "no value while it runs");
            Equal(Operation<Job>.InProgress, await operation.UpdateStatusAsync(), "one poll now: still running");
            Job job = await operation.WaitForCompletionAsync(CancellationToken.None);
            Equal("1", job != null ? job.Id : null, "the result read at Location");
            Check(operation.HasCompleted && operation.Status == Operation<Job>.Succeeded, "succeeded: " + operation.Status);
            Equal("POST /jobs|GET /operations/1|GET /operations/1|GET /jobs/1", string.Join("|", server.Requests.Select(r => r.Method + " " + r.Path)), "the requests");
            var gap = server.Requests[2].At - server.Requests[1].At;
            Check(gap >= TimeSpan.FromSeconds(0.9), "the poll waited the Retry-After of 1 s: " + gap);
            Check(server.Requests.All(r => r.Headers["Authorization"] == "Bearer key-123" && r.Headers["azureml-model-deployment"] == "blue"), "the credential and the call's header on every request");
            Equal(0, server.Requests[1].Body.Length, "a poll is a GET without a body");
        }

        using (var server = new TestServer(
            Reply(201, "{\"id\": \"7\"}", new[] { "Azure-AsyncOperation", "{base}/ops/7", "Retry-After", "0" }),
            Reply(200, "{\"status\": \"Succeeded\"}"),
            Reply(200, "{\"id\": \"7-done\"}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("PUT", "/jobs/7", "RunJob", "application/json", HeaderKey);
            request.QueryParam("v", "1", "form", true);
            request.JsonBody(new Dictionary<string, string> { { "name", "j" } }, "application/json");
            var operation = await Operation<Job>.StartAsync(pipeline, request, NoErrors, null, CancellationToken.None, "original-uri", r => ClientgenPipeline.Decode<Job>(r, "json", new string[0]));
            Equal("7-done", (await operation.WaitForCompletionAsync()).Id, "the result read at the operation's own URL");
            Equal("PUT /jobs/7?v=1|GET /ops/7|GET /jobs/7?v=1", string.Join("|", server.Requests.Select(r => r.Method + " " + r.Path)), "the requests");
            Check(!server.Requests[2].Headers.ContainsKey("Content-Type") && server.Requests[2].Body.Length == 0, "the final GET has no body");
        }

        using (var server = new TestServer(Reply(200, "{\"id\": \"now\"}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("POST", "/jobs", "StartJob", "application/json", HeaderKey);
            var operation = await Operation<Job>.StartAsync(pipeline, request, NoErrors, null, CancellationToken.None, "location", r => ClientgenPipeline.Decode<Job>(r, "json", new string[0]));
            Check(operation.HasCompleted && operation.Value.Id == "now", "a 200 naming no monitor is already the result");
        }
    }

    private static async Task OperationEnds()
    {
        foreach (var ending in new[] { "Failed", "Canceled", "cancelled" })
        {
            using (var server = new TestServer(
                Reply(202, "", new[] { "Operation-Location", "{base}/operations/1", "Retry-After", "0" }),
                Reply(200, "{\"status\": \"" + ending + "\", \"error\": {\"code\": \"Boom\", \"message\": \"it broke\"}}")))
            using (var pipeline = Pipeline(server))
            {
                var request = new ClientgenRequest("POST", "/jobs", "StartJob", "application/json", HeaderKey);
                var operation = await Operation<Job>.StartAsync(pipeline, request, NoErrors, null, CancellationToken.None, "location", r => ClientgenPipeline.Decode<Job>(r, "json", new string[0]));
                var error = Throws<OperationFailedException>(() => operation.WaitForCompletionAsync(), "an operation that ended " + ending);
                string want = ending == "Failed" ? "Failed" : "Canceled";
                Equal(want, error != null ? error.Status : null, "its status");
                Equal("Boom", error != null ? error.Code : null, "its code");
                Check(error != null && error.ServiceMessage == "it broke" && error.Message.Contains("it broke"), "its message: " + (error != null ? error.Message : ""));
                Check(operation.HasCompleted && operation.Status == want, "ended: " + operation.Status);
            }
        }

        using (var server = new TestServer(
            Reply(202, "", new[] { "Location", "{base}/exports/1", "Retry-After", "0" }),
            Reply(202, "", new[] { "Retry-After", "0" }),
            Reply(200, "{\"id\": \"e1\"}")))
        using (var pipeline = Pipeline(server))
        {
            var request = new ClientgenRequest("POST", "/exports", "ExportJob", "application/json", HeaderKey);
            var operation = await Operation<Job>.StartAsync(pipeline, request, NoErrors, null, CancellationToken.None, "location", r => ClientgenPipeline.Decode<Job>(r, "json", new string[0]));
            Equal("e1", (await operation.WaitForCompletionAsync()).Id, "a Location monitor's last answer is the result");
            Equal("POST /exports|GET /exports/1|GET /exports/1", string.Join("|", server.Requests.Select(r => r.Method + " " + r.Path)), "202 while running, then 200");
        }

        using (var server = new TestServer(
            Reply(202, "", new[] { "Operation-Location", "{base}/operations/1", "Retry-After", "0" }),
            Reply(404, "{\"message\": \"gone\"}")))
        using (var pipeline = Pipeline(server, o => o.MaxRetries = 0))
        {
            var request = new ClientgenRequest("DELETE", "/jobs/1", "DeleteJob", "application/json", HeaderKey);
            var operation = await Operation<object>.StartAsync(pipeline, request, NoErrors, null, CancellationToken.None, "location", null);
            var error = Throws<ApiException>(() => operation.WaitForCompletionAsync(), "a poll answered 404");
            Equal(404, error != null ? error.StatusCode : 0, "the typed API error of the poll");
        }
    }

    private static TestServer.Answer Reply(int status, string body, string header = null, string value = null, int delay = 0)
    {
        return new TestServer.Answer { Status = status, Body = body, Headers = header != null ? new[] { header, value } : new string[0], Delay = delay };
    }

    /// <summary>An answer with several headers (name, value, name, value, ...).</summary>
    private static TestServer.Answer Reply(int status, string body, string[] headers)
    {
        return new TestServer.Answer { Status = status, Body = body, Headers = headers };
    }

    /// <summary>An answer streamed piece by piece (chunked, each piece flushed), <paramref name="delay"/> ms apart.</summary>
    private static TestServer.Answer Streamed(string contentType, int delay, params byte[][] chunks)
    {
        return new TestServer.Answer { Status = 200, Headers = new[] { "Content-Type", contentType }, Chunks = chunks, ChunkDelay = delay };
    }

    /// <summary>An HttpListener on 127.0.0.1 answering each request with the next answer (the last one repeats),
    /// recording what it received; "{base}" in an answer's body or headers is its own URL.</summary>
    private sealed class TestServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Answer[] _answers;

        internal TestServer(params Answer[] answers)
        {
            _answers = answers;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = "http://127.0.0.1:" + Port;
            _listener.Prefixes.Add(Url + "/");
            _listener.Prefixes.Add("http://localhost:" + Port + "/");
            _listener.Start();
            Task.Run(ServeAsync);
        }

        internal int Port { get; }

        internal string Url { get; }

        internal List<Received> Requests { get; } = new List<Received>();

        public void Dispose()
        {
            _listener.Close();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }

                Answer answer;
                Received received;
                lock (Requests)
                {
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (string name in context.Request.Headers.AllKeys)
                    {
                        headers[name] = context.Request.Headers[name];
                    }

                    var body = new MemoryStream();
                    context.Request.InputStream.CopyTo(body);
                    received = new Received { Method = context.Request.HttpMethod, Path = context.Request.Url.PathAndQuery, Host = context.Request.Url.Host, Headers = headers, Body = body.ToArray(), At = DateTime.UtcNow };
                    Requests.Add(received);
                    answer = _answers[Math.Min(Requests.Count, _answers.Length) - 1];
                }

                Respond(context, answer, received, Url);
            }
        }

        private static async void Respond(HttpListenerContext context, Answer answer, Received received, string url)
        {
            try
            {
                await Task.Delay(answer.Delay);
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/json";
                for (int i = 0; i + 1 < answer.Headers.Length; i += 2)
                {
                    context.Response.Headers[answer.Headers[i]] = answer.Headers[i + 1].Replace("{base}", url);
                }

                if (answer.Chunks == null)
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(answer.Body.Replace("{base}", url));
                    context.Response.ContentLength64 = bytes.Length;
                    context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                    context.Response.Close();
                    return;
                }

                context.Response.SendChunked = true;
                foreach (var chunk in answer.Chunks)
                {
                    context.Response.OutputStream.Write(chunk, 0, chunk.Length);
                    context.Response.OutputStream.Flush();
                    await Task.Delay(answer.ChunkDelay);
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is IOException || e is InvalidOperationException)
            {
                received.ClosedEarly = true; // the client went away (a timeout, a cancellation, a stream closed early)
            }
        }

        internal sealed class Answer
        {
            internal int Status;
            internal string Body;
            internal string[] Headers = new string[0];
            internal int Delay;
            internal byte[][] Chunks;
            internal int ChunkDelay;
        }

        internal sealed class Received
        {
            internal string Method;
            internal string Path;
            internal string Host;
            internal Dictionary<string, string> Headers;
            internal byte[] Body;
            internal DateTime At;
            internal bool ClosedEarly;
        }
    }
}
