// Conformance driver for the generated Go SDK (see tests/conformance/scenarios.py for the protocol).
// prepare.py replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	sdk "example.com/SDK-MODULE"
)

var rows = [][]float64{{1.5, 2.5, -3.25}}

const unicodeName = "héllo wörld ✓ 日本語 🚀 \"quoted\" \\ back"

const bigID int64 = 9007199254740993

type token struct {
	value    string
	lifetime time.Duration
}

// provider returns the tokens in turn, the last one for ever.
func provider(tokens ...token) sdk.TokenProvider {
	var mu sync.Mutex
	return sdk.TokenProviderFunc(func(ctx context.Context) (string, time.Time, error) {
		mu.Lock()
		defer mu.Unlock()
		next := tokens[0]
		if len(tokens) > 1 {
			tokens = tokens[1:]
		}
		return next.value, time.Now().Add(next.lifetime), nil
	})
}

func client(url string, options ...sdk.Option) *sdk.Client {
	c, err := sdk.NewClient(url, options...)
	if err != nil {
		panic(err)
	}
	return c
}

func wrap[T any](value T, err error) (any, error) {
	return value, err
}

func run(name, url string) (any, error) {
	ctx := context.Background()
	key := sdk.WithCredential("key-123")
	switch name {
	case "auth_key", "typed_error", "retry_503":
		return wrap(client(url, key).RunMLService(ctx, sdk.ServiceInput{Data: rows}))
	case "token_refresh":
		c := client(url, sdk.WithTokenProvider(provider(token{"token-1", 5 * time.Second}, token{"token-2", time.Hour})))
		for i := 0; i < 2; i++ {
			if _, err := c.ServiceHealthCheck(ctx); err != nil {
				return nil, err
			}
		}
		return wrap(c.ServiceHealthCheck(ctx))
	case "refresh_after_401":
		c := client(url, sdk.WithTokenProvider(provider(token{"token-1", time.Hour}, token{"token-2", time.Hour})))
		return wrap(c.ServiceHealthCheck(ctx))
	case "html_502":
		return wrap(client(url, key, sdk.WithMaxRetries(0)).RunMLService(ctx, sdk.ServiceInput{Data: rows}))
	case "timeout":
		c := client(url, key, sdk.WithTimeout(500*time.Millisecond), sdk.WithMaxRetries(0))
		return wrap(c.ServiceHealthCheck(ctx))
	case "transport_error":
		return wrap(client(url, key, sdk.WithMaxRetries(0)).ServiceHealthCheck(ctx))
	case "binary_upload":
		data := make([]byte, 256)
		for i := range data {
			data[i] = byte(i)
		}
		return wrap(client(url, key).UploadImage(ctx, bytes.NewReader(data)))
	case "unicode_round_trip":
		return wrap(client(url, key).EchoRecord(ctx, sdk.Record{ID: 1, Name: unicodeName}))
	case "int64_precision":
		return wrap(client(url, key).EchoRecord(ctx, sdk.Record{ID: bigID, Name: "big"}))
	case "unknown_fields":
		return wrap(client(url, key).EchoRecord(ctx, sdk.Record{ID: 7, Name: "x"}))
	case "null_and_unset":
		return wrap(client(url, key).EchoRecord(ctx, sdk.Record{ID: 2, Name: "n", Nickname: sdk.Null[string]()}))
	case "date_time":
		created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
		return wrap(client(url, key).EchoRecord(ctx, sdk.Record{ID: 3, Name: "t", Created: &created}))
	case "path_query_encoding":
		params := &sdk.GetItemParams{Tags: []string{"x y", "z&w"}, Q: sdk.Ptr("1+1=2"), XTraceID: sdk.Ptr("trace-1")}
		return wrap(client(url, key).GetItem(ctx, "a/b c?%ü", params))
	case "user_agent":
		return wrap(client(url, key).ServiceHealthCheck(ctx))
	case "raw_send":
		header := http.Header{"Content-Type": {"application/json"}}
		response, err := client(url, key).Send(ctx, "POST", "/score", []byte(`{"data":[[1]]}`), header)
		if err != nil {
			return nil, err
		}
		return map[string]any{"status": response.StatusCode, "body": string(response.Body)}, nil
	}
	return runMore(name, url)
}

// runMore runs the scenarios of the client contract's per-operation rules (scenarios.py, after `SCENARIOS +=`).
func runMore(name, url string) (any, error) {
	ctx := context.Background()
	c := client(url, sdk.WithCredential("key-123"))
	switch name {
	case "auth_none_for_public":
		return wrap(c.GetPublic(ctx))
	case "auth_header_key":
		return wrap(c.GetWithHeaderKey(ctx))
	case "auth_query_key":
		return wrap(c.GetWithQueryKey(ctx))
	case "auth_cookie_key":
		return wrap(c.GetWithCookieKey(ctx))
	case "auth_basic":
		return wrap(client(url, sdk.WithBasicAuth("user", "pa:ss wörd")).GetWithBasic(ctx))
	case "auth_oauth":
		return wrap(client(url, sdk.WithTokenProvider(provider(token{"token-1", time.Hour}))).GetWithOauth(ctx))
	case "async_token_provider":
		// Go has no separate asynchronous call: the call itself, with a TokenProvider that honours ctx.
		tokens := sdk.TokenProviderFunc(func(ctx context.Context) (string, time.Time, error) {
			select {
			case <-ctx.Done():
				return "", time.Time{}, ctx.Err()
			case <-time.After(time.Millisecond):
				return "token-1", time.Now().Add(time.Hour), nil
			}
		})
		return wrap(client(url, sdk.WithTokenProvider(tokens)).ServiceHealthCheck(ctx))
	case "accept_declared":
		image, err := c.GetImage(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]any{"size": len(image)}, nil
	case "accept_text":
		return wrap(c.GetText(ctx))
	case "retry_post_502_not_resent", "retry_post_429", "retry_post_after_send":
		return wrap(c.RunMLService(ctx, sdk.ServiceInput{Data: rows}))
	case "retry_get_502", "retry_get_after_send":
		return wrap(c.GetItem(ctx, "a", nil))
	case "retry_idempotency_key":
		params := &sdk.CreateOrderParams{IdempotencyKey: sdk.Ptr("order-1")}
		return wrap(c.CreateOrder(ctx, sdk.Order{Items: []string{"a"}}, params))
	case "retry_marked_safe":
		safe := client(url, sdk.WithCredential("key-123"), sdk.WithRetryOperations("RunMLService"))
		return wrap(safe.RunMLService(ctx, sdk.ServiceInput{Data: rows}))
	case "retry_per_call":
		return wrap(c.GetItem(ctx, "a", nil, sdk.WithCallMaxRetries(0)))
	case "empty_body_for_model", "required_missing_in_response":
		return wrap(c.EchoRecord(ctx, sdk.Record{ID: 1, Name: "x"}))
	case "empty_204_allowed":
		return wrap(c.DeleteRecord(ctx, 1))
	case "required_unset_in_request":
		return wrap(c.CreateOrder(ctx, sdk.Order{Note: sdk.Ptr("n")}, nil))
	case "open_enum_round_trip":
		record, err := c.GetRecord(ctx, 1)
		if err != nil {
			return nil, err
		}
		return wrap(c.EchoRecord(ctx, record))
	case "duplicate_keys":
		settings := sdk.Settings{Kind: sdk.Ptr("cat"), AdditionalProperties: map[string]any{"kind": "dog", "zzz": 1}}
		return wrap(c.EchoSettings(ctx, settings))
	case "caller_deadline":
		deadline, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		return wrap(client(url, sdk.WithCredential("key-123"), sdk.WithMaxRetries(0)).ServiceHealthCheck(deadline))
	case "date_time_fractions", "date_time_without_offset":
		return wrap(c.GetRecord(ctx, 1))
	case "naive_date_time":
		created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC) // a Go time always carries its zone
		return wrap(c.EchoRecord(ctx, sdk.Record{ID: 3, Name: "t", Created: &created}))
	case "header_case":
		_, err := client(url, sdk.WithCredential("key-123"), sdk.WithMaxRetries(0)).GetItem(ctx, "a", nil)
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			return nil, err
		}
		return map[string]any{"upper": apiErr.Header.Get("X-Request-Id"), "lower": apiErr.Header.Get("x-request-id")}, nil
	case "declared_string_json":
		return wrap(c.ServiceHealthCheck(ctx))
	case "union_wrong_variant":
		result, err := c.AddPet(ctx, sdk.PetFromCat(sdk.Cat{Name: "tom"}))
		if err != nil {
			return nil, err
		}
		_, isPet := result.AsPet()
		out := map[string]any{"pet": isPet, "string": nil}
		if text, ok := result.AsString(); ok {
			out["string"] = text
		}
		return out, nil
	case "union_discriminator_read":
		result, err := c.AddPet(ctx, sdk.PetFromDog(sdk.Dog{Name: "rex"}))
		if err != nil {
			return nil, err
		}
		pet, isPet := result.AsPet()
		_, isCat := pet.AsCat()
		_, isDog := pet.AsDog()
		return map[string]any{"pet": isPet, "cat": isPet && isCat, "dog": isPet && isDog}, nil
	case "union_wrong_discriminator":
		return wrap(c.AddPet(ctx, sdk.PetFromCat(sdk.Cat{PetType: "dog", Name: "tom"})))
	case "union_fit":
		animal, err := c.GetAnimal(ctx)
		if err != nil {
			return nil, err
		}
		_, isBird := animal.AsBird()
		_, isFish := animal.AsFish()
		return map[string]any{"bird": isBird, "fish": isFish}, nil
	case "grouped_call":
		return wrap(c.Records().GetRecord(ctx, 5))
	case "names_client_model":
		var named sdk.ClientModel
		named, err := c.GetClientModel(ctx)
		return named, err
	}
	return runCallOptions(name, url)
}

// roundTripper makes a function an http.RoundTripper.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	return f(req)
}

// messages is an slog.Handler that keeps each record's message, at every level.
type messages struct {
	mu    *sync.Mutex
	lines *[]string
}

func (m messages) Enabled(context.Context, slog.Level) bool { return true }
func (m messages) WithAttrs([]slog.Attr) slog.Handler       { return m }
func (m messages) WithGroup(string) slog.Handler            { return m }
func (m messages) Handle(_ context.Context, record slog.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	*m.lines = append(*m.lines, record.Message)
	return nil
}

// runCallOptions runs the scenarios of per-call options, the caller's own HTTP client, hooks, logging and Azure
// ML credentials (scenarios.py, after the comment that names them).
func runCallOptions(name, url string) (any, error) {
	ctx := context.Background()
	key := sdk.WithCredential("key-123")
	switch name {
	case "call_timeout":
		c := client(url, key, sdk.WithMaxRetries(0))
		return wrap(c.ServiceHealthCheck(ctx, sdk.WithCallTimeout(300*time.Millisecond)))
	case "call_header":
		c := client(url, key, sdk.WithHeader("azureml-model-deployment", "green"))
		if _, err := c.GetItem(ctx, "a", nil, sdk.WithCallHeader("azureml-model-deployment", "blue")); err != nil {
			return nil, err
		}
		return wrap(c.GetItem(ctx, "a", nil))
	case "call_no_retries_post":
		c := client(url, key, sdk.WithRetryOperations("RunMLService"), sdk.WithMaxRetries(2))
		return wrap(c.RunMLService(ctx, sdk.ServiceInput{Data: rows}, sdk.WithCallMaxRetries(0)))
	case "hook_sees_attempts":
		var seen []any
		hook := func(next http.RoundTripper) http.RoundTripper {
			return roundTripper(func(req *http.Request) (*http.Response, error) {
				req = req.Clone(req.Context())
				req.Header.Set("x-hooked", fmt.Sprint(len(seen)/2+1))
				seen = append(seen, req.Method+" "+req.URL.Path)
				resp, err := next.RoundTrip(req)
				if err == nil {
					seen = append(seen, resp.StatusCode)
				}
				return resp, err
			})
		}
		if _, err := client(url, key, sdk.WithTransport(hook)).GetItem(ctx, "a", nil); err != nil {
			return nil, err
		}
		return map[string]any{"seen": seen}, nil
	case "own_http_client":
		counted := 0
		own := &http.Client{Transport: roundTripper(func(req *http.Request) (*http.Response, error) {
			counted++
			return http.DefaultTransport.RoundTrip(req)
		})}
		c := client(url, key, sdk.WithHTTPClient(own), sdk.WithTimeout(5*time.Second))
		if _, err := c.GetItem(ctx, "a", nil); err != nil {
			return nil, err
		}
		c.Close()
		resp, err := own.Get(url + "/items/a")
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		return map[string]any{"counted": counted, "status": resp.StatusCode}, nil
	case "logging":
		lines := []string{}
		logger := slog.New(messages{&sync.Mutex{}, &lines})
		c := client(url, key, sdk.WithLogger(logger), sdk.WithSecretHeaders("x-trace-id"))
		params := &sdk.GetItemParams{Q: sdk.Ptr("query-secret"), XTraceID: sdk.Ptr("trace-secret")}
		if _, err := c.GetItem(ctx, "a", params); err != nil {
			return nil, err
		}
		return map[string]any{"log": lines}, nil
	case "azureml_credentials":
		now := time.Now().Unix()
		answers := []string{
			fmt.Sprintf(`{"accessToken": "aml-1", "tokenType": "Bearer", "expiryTimeUtc": %d, "refreshAfterTimeUtc": %d}`, now+3600, now+1),
			fmt.Sprintf(`{"accessToken": "aml-2", "tokenType": "Bearer", "expiryTimeUtc": %d, "refreshAfterTimeUtc": %d}`, now+3600, now+3600),
		}
		credential := sdk.AzureMLCredential(func(context.Context) ([]byte, error) {
			answer := answers[0]
			if len(answers) > 1 {
				answers = answers[1:]
			}
			return []byte(answer), nil
		})
		c := client(url, sdk.WithTokenProvider(credential))
		if _, err := c.ServiceHealthCheck(ctx); err != nil {
			return nil, err
		}
		time.Sleep(2500 * time.Millisecond)
		if _, err := c.ServiceHealthCheck(ctx); err != nil {
			return nil, err
		}
		return wrap(c.ServiceHealthCheck(ctx))
	case "call_cancel":
		cancelled, cancel := context.WithCancel(ctx)
		timer := time.AfterFunc(300*time.Millisecond, cancel)
		defer timer.Stop()
		started := time.Now()
		_, err := client(url, key).ServiceHealthCheck(cancelled)
		seconds := time.Since(started).Seconds()
		if err == nil {
			return nil, errors.New("the call was not cancelled")
		}
		return map[string]any{"cancelled": errors.Is(err, context.Canceled), "seconds": seconds}, nil
	}
	return runFlows(name, url)
}

// names is the names of records.
func names(records []sdk.Record) []string {
	out := []string{}
	for _, record := range records {
		out = append(out, record.Name)
	}
	return out
}

// allNames is the names of every item of a pager.
func allNames(pager *sdk.Pager[sdk.Record]) (any, error) {
	out := []string{}
	for record, err := range pager.All(context.Background()) {
		if err != nil {
			return nil, err
		}
		out = append(out, record.Name)
	}
	return out, nil
}

// onlyReader hides every method of its reader but Read: the SDK sees a stream, not bytes.
type onlyReader struct{ reader io.Reader }

func (o onlyReader) Read(p []byte) (int, error) {
	return o.reader.Read(p)
}

// runFlows runs the scenarios of pages, long-running operations and streams (scenarios.py, from the comment
// `# ---- pages`).
func runFlows(name, url string) (any, error) {
	ctx := context.Background()
	c := client(url, sdk.WithCredential("key-123"))
	switch name {
	case "page_next_link":
		return allNames(c.ListPages(ctx))
	case "page_empty_last":
		pages := [][]string{}
		pager := c.ListPages(ctx)
		for pager.More() {
			page, err := pager.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			pages = append(pages, names(page))
		}
		return pages, nil
	case "page_lazy":
		page, err := c.ListPages(ctx).NextPage(ctx)
		return names(page), err
	case "page_error_on_2":
		read := []string{}
		for record, err := range c.ListPages(ctx, sdk.WithCallMaxRetries(0)).All(ctx) {
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) {
				return map[string]any{"items": read, "status": apiErr.StatusCode}, nil
			} else if err != nil {
				return nil, err
			}
			read = append(read, record.Name)
		}
		return nil, errors.New("no API error")
	case "page_link_header":
		return allNames(c.ListLinked(ctx))
	case "page_cursor":
		return allNames(c.ListCursor(ctx, &sdk.ListCursorParams{Limit: sdk.Ptr(int64(2))}))
	case "page_offset":
		return allNames(c.ListOffset(ctx, nil))
	case "lro_success", "lro_failure", "lro_canceled", "lro_retry_after":
		poller, err := c.BeginStartJob(ctx, sdk.JobInput{Name: "j"})
		if err != nil {
			return nil, err
		}
		return wrap(poller.PollUntilDone(ctx))
	case "lro_original_uri":
		poller, err := c.BeginRunJob(ctx, "7", sdk.JobInput{Name: "j"})
		if err != nil {
			return nil, err
		}
		return wrap(poller.PollUntilDone(ctx))
	case "lro_location":
		poller, err := c.BeginExportJob(ctx)
		if err != nil {
			return nil, err
		}
		return wrap(poller.PollUntilDone(ctx))
	case "sse_events":
		events, err := c.StreamEvents(ctx)
		if err != nil {
			return nil, err
		}
		defer events.Close()
		out := []any{}
		for events.Next() {
			event := events.Event()
			var retry any
			if event.Retry != nil {
				retry = event.Retry.Milliseconds()
			}
			out = append(out, map[string]any{"event": event.Event, "id": event.ID, "retry": retry, "data": event.Data})
		}
		return out, events.Err()
	case "sse_early_close":
		started := time.Now()
		events, err := c.StreamEvents(ctx)
		if err != nil {
			return nil, err
		}
		if !events.Next() {
			events.Close()
			return nil, fmt.Errorf("no first event: %v", events.Err())
		}
		first := events.Event().Data
		events.Close()
		return map[string]any{"first": first, "seconds": time.Since(started).Seconds()}, nil
	case "ndjson_lines":
		lines, err := c.StreamLines(ctx)
		if err != nil {
			return nil, err
		}
		defer lines.Close()
		out := []sdk.Record{}
		for lines.Next() {
			out = append(out, lines.Item())
		}
		return out, lines.Err()
	case "oip_generate_stream":
		events, err := c.GenerateStream(ctx, "m1", sdk.GenerateRequest{TextInput: "Hi"})
		if err != nil {
			return nil, err
		}
		defer events.Close()
		var text strings.Builder
		for events.Next() {
			text.WriteString(events.Event().Data.TextOutput)
		}
		return text.String(), events.Err()
	case "binary_download_stream":
		body, err := c.GetImageStream(ctx)
		if err != nil {
			return nil, err
		}
		defer body.Close()
		digest, size, piece := sha256.New(), 0, make([]byte, 64*1024)
		for {
			n, err := body.Read(piece)
			digest.Write(piece[:n])
			size += n
			if err == io.EOF {
				break
			} else if err != nil {
				return nil, err
			}
		}
		return map[string]any{"size": size, "sha256": hex.EncodeToString(digest.Sum(nil))}, nil
	case "binary_upload_stream":
		data := make([]byte, 256)
		for i := range data {
			data[i] = byte(i)
		}
		return wrap(c.UploadImage(ctx, onlyReader{bytes.NewReader(data)}))
	}
	return nil, fmt.Errorf("unknown scenario %s", name)
}

func main() {
	for _, argument := range os.Args[1:] {
		name, url, _ := strings.Cut(argument, "=")
		line := map[string]any{"scenario": name}
		result, err := run(name, url)
		var apiErr *sdk.APIError
		var timeoutErr *sdk.TimeoutError
		var transportErr *sdk.TransportError
		var decodeErr *sdk.DecodeError
		var requestErr *sdk.RequestError
		var operationErr *sdk.OperationError
		switch {
		case err == nil:
			line["ok"] = result
		case errors.As(err, &apiErr):
			line["error"], line["status"], line["message"] = "api", apiErr.StatusCode, apiErr.Message
			line["error_message"] = nil
			if model, ok := apiErr.Model.(sdk.ErrorResponse); ok && model.Message != nil {
				line["error_message"] = *model.Message
			}
		case errors.As(err, &timeoutErr):
			line["error"], line["message"] = "timeout", err.Error()
		case errors.As(err, &transportErr):
			line["error"], line["message"] = "transport", err.Error()
		case errors.As(err, &decodeErr):
			line["error"], line["message"] = "decode", err.Error()
		case errors.As(err, &requestErr):
			line["error"], line["message"] = "invalid", err.Error()
		case errors.As(err, &operationErr):
			line["error"], line["status"], line["message"] = "operation", operationErr.Status, err.Error()
		default:
			line["error"], line["message"] = "other", err.Error()
		}
		var out bytes.Buffer
		encoder := json.NewEncoder(&out)
		encoder.SetEscapeHTML(false)
		if err := encoder.Encode(line); err != nil {
			line = map[string]any{"scenario": name, "error": "driver", "message": err.Error()}
			out.Reset()
			_ = encoder.Encode(line)
		}
		os.Stdout.Write(out.Bytes())
	}
}
