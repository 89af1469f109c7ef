// Conformance driver for the generated Go SDK (see tests/conformance/scenarios.py for the protocol).
// prepare.py replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
