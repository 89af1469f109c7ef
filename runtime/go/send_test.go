// Tests of sending: which failures are re-sent, Retry-After, header merging, per-call options, timeouts and
// cancellation, hooks, and a caller's own HTTP client (never closed).

package clientgenruntime

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"
)

func TestRetryDecisions(t *testing.T) {
	cases := []struct {
		status     int // 0: a transport failure
		sent       bool
		repeatable bool
		retry      bool
	}{
		{408, true, false, true}, {429, true, false, true}, {503, true, false, true},
		{500, true, false, false}, {502, true, false, false}, {504, true, false, false},
		{500, true, true, true}, {502, true, true, true}, {504, true, true, true},
		{400, true, true, false}, {401, true, true, false}, {404, true, true, false}, {200, true, true, false},
		{0, false, false, true}, {0, true, false, false}, {0, true, true, true},
	}
	for _, tc := range cases {
		var raw *RawResponse
		if tc.status != 0 {
			raw = &RawResponse{StatusCode: tc.status, Header: http.Header{}}
		}
		delay, retry := retryDelay(0, 2, tc.repeatable, raw, tc.sent)
		if retry != tc.retry {
			t.Errorf("status %d sent %v repeatable %v: retry %v, want %v", tc.status, tc.sent, tc.repeatable, retry, tc.retry)
		}
		if retry && (delay < backoffBase/2 || delay > backoffBase) {
			t.Errorf("status %d: first delay %v outside the jittered 0.5 s", tc.status, delay)
		}
	}
	if _, retry := retryDelay(2, 2, true, &RawResponse{StatusCode: 503, Header: http.Header{}}, true); retry {
		t.Error("retried past max retries")
	}
	if delay, _ := retryDelay(12, 20, true, nil, false); delay > maxDelay || delay < maxDelay/2 {
		t.Errorf("backoff %v not capped at %v", delay, maxDelay)
	}
	after := &RawResponse{StatusCode: 429, Header: http.Header{"Retry-After": {"7"}}}
	if delay, _ := retryDelay(0, 2, false, after, true); delay != 7*time.Second {
		t.Errorf("Retry-After 7: waited %v", delay)
	}
}

func TestRetryAfter(t *testing.T) {
	for value, want := range map[string]time.Duration{"0": 0, "2": 2 * time.Second, " 1.5 ": 1500 * time.Millisecond} {
		if got, ok := retryAfter(value); !ok || got != want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v", value, got, ok, want)
		}
	}
	date := time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat)
	if got, ok := retryAfter(date); !ok || got < 8*time.Second || got > 10*time.Second {
		t.Errorf("retryAfter(%q) = %v, %v", date, got, ok)
	}
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	if got, ok := retryAfter(past); !ok || got != 0 {
		t.Errorf("a past date: %v, %v", got, ok)
	}
	for _, value := range []string{"", "-1", "soon"} {
		if _, ok := retryAfter(value); ok {
			t.Errorf("retryAfter(%q) accepted", value)
		}
	}
}

func TestRetriesOnTheWire(t *testing.T) {
	busy := reply{503, `{"message":"busy"}`, http.Header{"Retry-After": {"0"}}}
	badGateway := reply{502, `{"message":"bad gateway"}`, nil}
	ok := reply{200, `"done"`, nil}
	for _, tc := range []struct {
		name    string
		method  string
		replies []reply
		options []Option
		call    []CallOption
		header  http.Header
		sent    int
		status  int
	}{
		{"GET 503 then 200", "GET", []reply{busy, ok}, nil, nil, nil, 2, 200},
		{"POST 502 is not re-sent", "POST", []reply{badGateway, ok}, nil, nil, nil, 1, 502},
		{"POST 502 of a marked operation", "POST", []reply{badGateway, ok},
			[]Option{WithRetryOperations("Op")}, nil, nil, 2, 200},
		{"POST 502 with an Idempotency-Key call header", "POST", []reply{badGateway, ok}, nil,
			[]CallOption{WithCallHeader("idempotency-key", "k")}, nil, 2, 200},
		{"the call's max retries 0", "POST", []reply{badGateway, ok}, []Option{WithRetryOperations("Op")},
			[]CallOption{WithCallMaxRetries(0)}, nil, 1, 502},
		{"the client's max retries 1", "GET", []reply{busy}, []Option{WithMaxRetries(1)}, nil, nil, 2, 503},
	} {
		t.Run(tc.name, func(t *testing.T) {
			server := newRecorder(t, tc.replies...)
			c := mustClient(t, server.URL, tc.options...)
			r := newRequest(tc.method, "/op", "Op", "application/json", nil)
			raw, err := c.do(context.Background(), r, nil, tc.call)
			status := 0
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				status = apiErr.StatusCode
			} else if err == nil {
				status = raw.StatusCode
			} else {
				t.Fatal(err)
			}
			if got := len(server.received()); got != tc.sent || status != tc.status {
				t.Errorf("sent %d, ended with %d; want %d, %d", got, status, tc.sent, tc.status)
			}
		})
	}
}

func TestHeaderMerging(t *testing.T) {
	server := newRecorder(t, reply{200, `{}`, nil})
	c := mustClient(t, server.URL, WithCredential("key-1"), WithHeader("azureml-model-deployment", "green"),
		WithHeader("X-Other", "kept"))
	r := newRequest("GET", "/op", "Op", "application/json", &authScheme{"header", "Authorization", "bearer"})
	r.headerParam("X-Trace-Id", "param", "simple", false)
	_, err := c.do(context.Background(), r, nil, []CallOption{
		WithCallHeader("AZUREML-MODEL-DEPLOYMENT", "blue"), WithCallHeader("accept", "text/plain"),
		WithCallHeader("user-agent", "mine/1"), WithCallHeader("x-trace-id", "call"),
		WithCallHeader("authorization", "Bearer stolen"),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := server.received()[0].header
	want := map[string]string{"Azureml-Model-Deployment": "blue", "Accept": "text/plain", "User-Agent": "mine/1",
		"X-Trace-Id": "call", "Authorization": "Bearer key-1", "X-Other": "kept"}
	for name, value := range want {
		if values := got.Values(name); len(values) != 1 || values[0] != value {
			t.Errorf("%s: %q, want only %q", name, values, value)
		}
	}
	// the call's headers were for that call only
	if _, err := c.do(context.Background(), newRequest("GET", "/op", "Op", "application/json", nil), nil, nil); err != nil {
		t.Fatal(err)
	}
	again := server.received()[1].header
	if again.Get("Azureml-Model-Deployment") != "green" || again.Get("Accept") != "application/json" ||
		!strings.HasPrefix(again.Get("User-Agent"), SDKName+"/"+SDKVersion+" clientgen/"+clientgenVersion+" go/") {
		t.Errorf("the next call's headers: %v", again)
	}
}

func TestTimeoutsAndCancellation(t *testing.T) {
	release := make(chan struct{})
	slow := newRecorder(t, reply{200, `"late"`, nil})
	slow.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-release:
		case <-req.Context().Done():
		}
	})
	defer close(release)
	c := mustClient(t, slow.URL, WithMaxRetries(0))
	started := time.Now()
	_, err := c.do(context.Background(), newRequest("GET", "/", "", "*/*", nil), nil,
		[]CallOption{WithCallTimeout(100 * time.Millisecond)})
	var timeoutErr *TimeoutError
	if !errors.As(err, &timeoutErr) || timeoutErr.Deadline != "the call's timeout" || !errors.Is(err, context.DeadlineExceeded) ||
		!strings.Contains(err.Error(), "100ms") {
		t.Errorf("the call's timeout: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = c.do(ctx, newRequest("GET", "/", "", "*/*", nil), nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if elapsed := time.Since(started); elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) {
	return f(req)
}

func TestTransportHookSeesEveryAttemptAndKeepsTLSSettings(t *testing.T) {
	server := newRecorder(t, reply{503, `{}`, http.Header{"Retry-After": {"0"}}}, reply{200, `{}`, nil})
	var seen []string
	var wrapped http.RoundTripper
	hook := func(next http.RoundTripper) http.RoundTripper {
		wrapped = next
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			req = req.Clone(req.Context())
			req.Header.Set("X-Hooked", "yes")
			resp, err := next.RoundTrip(req)
			if err == nil {
				seen = append(seen, req.Method+" "+resp.Status)
			}
			return resp, err
		})
	}
	c := mustClient(t, server.URL, WithTransport(hook))
	if _, err := c.do(context.Background(), newRequest("GET", "/op", "", "*/*", nil), nil, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ", ") != "GET 503 Service Unavailable, GET 200 OK" {
		t.Errorf("the hook saw %q", seen)
	}
	for _, r := range server.received() {
		if r.header.Get("X-Hooked") != "yes" {
			t.Errorf("the hook's header was not sent: %v", r.header)
		}
	}
	transport, ok := wrapped.(*http.Transport)
	if !ok || transport.TLSClientConfig == nil || transport.TLSClientConfig.MinVersion != tls.VersionTLS12 ||
		transport.TLSClientConfig.InsecureSkipVerify {
		t.Errorf("the hook wraps %T, not the SDK's TLS 1.2 transport", wrapped)
	}
}

// countingTransport is a caller's transport that counts its requests; http.Client.CloseIdleConnections
// reaches its embedded *http.Transport's.
type countingTransport struct {
	*http.Transport
	count int
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.count++
	return c.Transport.RoundTrip(req)
}

// reused reports whether a GET through client reused an idle connection.
func reused(t *testing.T, client *http.Client, url string) bool {
	t.Helper()
	var again bool
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { again = info.Reused }}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "GET", url, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return again
}

func TestTheCallersHTTPClientIsNeverClosed(t *testing.T) {
	server := newRecorder(t, reply{200, `{}`, nil})
	transport := &countingTransport{Transport: &http.Transport{}}
	defer transport.CloseIdleConnections()
	own := &http.Client{Transport: transport}
	c := mustClient(t, server.URL, WithHTTPClient(own), WithCredential("key-1"), WithTransport(
		func(next http.RoundTripper) http.RoundTripper { return next }))
	if _, err := c.do(context.Background(), newRequest("GET", "/op", "", "*/*", rawSendAuth), nil, nil); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if !reused(t, own, server.URL+"/direct") {
		t.Error("the SDK closed the idle connections of the caller's client")
	}
	if own.Transport != transport || transport.count != 2 {
		t.Errorf("the caller's client was changed or bypassed: %T, %d requests", own.Transport, transport.count)
	}
	sent := server.received()
	if sent[0].header.Get("Authorization") != "Bearer key-1" || sent[1].header.Get("Authorization") != "" {
		t.Errorf("the credential went %q, %q", sent[0].header.Get("Authorization"), sent[1].header.Get("Authorization"))
	}
	// The SDK's own client: Close releases its idle connections.
	mine := mustClient(t, server.URL)
	if _, err := mine.do(context.Background(), newRequest("GET", "/op", "", "*/*", nil), nil, nil); err != nil {
		t.Fatal(err)
	}
	mine.Close()
	if reused(t, mine.http, server.URL+"/after-close") {
		t.Error("Close left the SDK's own connections open")
	}
}
