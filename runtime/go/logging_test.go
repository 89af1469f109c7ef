// Tests of the log: the contract's line format per attempt, and nothing secret in it (query values, the
// credential in each of its places, Cookie, secret-marked headers).

package clientgenruntime

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// messages keeps every record's message.
type messages struct {
	mu    sync.Mutex
	lines []string
}

func (m *messages) Enabled(context.Context, slog.Level) bool { return true }
func (m *messages) WithAttrs([]slog.Attr) slog.Handler       { return m }
func (m *messages) WithGroup(string) slog.Handler            { return m }
func (m *messages) Handle(_ context.Context, record slog.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if record.Level != slog.LevelDebug {
		return errors.New("not at debug level: " + record.Message)
	}
	m.lines = append(m.lines, record.Message)
	return nil
}

func TestLogLinesAndRedaction(t *testing.T) {
	for _, auth := range []*authScheme{{"header", "Authorization", "bearer"}, {"query", "api-key", "key"},
		{"cookie", "session", "key"}, {"header", "X-Api-Key", "key"}} {
		server := newRecorder(t, reply{503, `{"message":"busy"}`, http.Header{"Retry-After": {"0"}}}, reply{200, `{}`, nil})
		log := &messages{}
		c := mustClient(t, server.URL, WithCredential("key-secret"), WithLogger(slog.New(log)),
			WithSecretHeaders("x-trace-id"), WithHeader("X-Plain", "shown"))
		r := newRequest("GET", "/items/a", "", "application/json", auth)
		r.queryParam("q", "query-secret", "form", true)
		r.headerParam("X-Trace-Id", "trace-secret", "simple", false)
		r.cookieParam("c", "cookie-secret", "form", true)
		if _, err := c.do(context.Background(), r, nil, []CallOption{WithCallHeader("proxy-authorization", "proxy-secret")}); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(log.lines, "\n")
		for _, secret := range []string{"key-secret", "query-secret", "trace-secret", "cookie-secret", "proxy-secret"} {
			if strings.Contains(text, secret) {
				t.Errorf("the log shows %s:\n%s", secret, text)
			}
		}
		base := "GET " + regexp.QuoteMeta(server.URL) + `/items/a\?q=\*\*\*`
		if auth.location == "query" {
			base += `&api-key=\*\*\*`
		}
		want := []string{base + ` request headers: (.+)`, base + ` -> 503 in \d+ ms \(retry 0\)`,
			base + ` request headers: (.+)`, base + ` -> 200 in \d+ ms \(retry 1\)`}
		if len(log.lines) != len(want) {
			t.Fatalf("%d lines, want %d:\n%s", len(log.lines), len(want), text)
		}
		for i, line := range log.lines {
			match := regexp.MustCompile("^" + want[i] + "$").FindStringSubmatch(line)
			if match == nil {
				t.Errorf("line %d is not %s: %s", i, want[i], line)
				continue
			}
			if i%2 == 1 {
				continue
			}
			shown := []string{"accept: application/json", "cookie: ***", "proxy-authorization: ***",
				"x-plain: shown", "x-trace-id: ***", "user-agent: " + SDKName + "/"}
			if auth.location == "header" {
				shown = append(shown, strings.ToLower(auth.name)+": ***")
			}
			for _, part := range shown {
				if !strings.Contains(match[1], part) {
					t.Errorf("no %q in %s", part, line)
				}
			}
		}
	}
}

func TestFailedAttemptLineAndNoLogAboveDebug(t *testing.T) {
	server := newRecorder(t, reply{200, `{}`, nil})
	url := server.URL
	server.Close()
	log := &messages{}
	c := mustClient(t, url, WithLogger(slog.New(log)), WithMaxRetries(0))
	_, err := c.do(context.Background(), newRequest("GET", "/x", "", "*/*", nil), nil, nil)
	if err == nil || len(log.lines) != 2 ||
		!regexp.MustCompile(`^GET http://127\.0\.0\.1:\d+/x -> failed in \d+ ms \(retry 0\): .+`).MatchString(log.lines[1]) {
		t.Errorf("%v; log:\n%s", err, strings.Join(log.lines, "\n"))
	}
	var out bytes.Buffer
	quiet := mustClient(t, url, WithLogger(slog.New(slog.NewTextHandler(&out, nil))), WithMaxRetries(0))
	_, _ = quiet.do(context.Background(), newRequest("GET", "/x", "", "*/*", nil), nil, nil)
	if out.Len() != 0 {
		t.Errorf("logged above debug level: %s", out.String())
	}
}

func TestMessagesHideTheURLsSecrets(t *testing.T) {
	_, err := newClient("ftp://user:pass@host/x?token=secret", nil)
	if err == nil || strings.Contains(err.Error(), "pass") || strings.Contains(err.Error(), "secret") {
		t.Errorf("%v", err)
	}
}
