// Helpers of the runtime's tests: TestMain (which also makes the test binary a stand-in for the az command),
// a recording HTTP server on 127.0.0.1 answering from a list, and the check that every source is gofmt-clean.

package clientgenruntime

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// helperMode is the environment variable that makes the test binary a command for AzureMLCredentialFromCommand:
// "print" prints its arguments joined by spaces, "fail" prints a secret on both outputs and exits 3.
const helperMode = "CLIENTGEN_RUNTIME_TEST_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperMode) {
	case "print":
		fmt.Print(strings.Join(os.Args[1:], " "))
		os.Exit(0)
	case "fail":
		fmt.Println(`{"accessToken": "printed-secret"}`)
		fmt.Fprintln(os.Stderr, "printed-secret")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

type reply struct {
	status int
	body   string
	header http.Header
}

type recorded struct {
	method string
	path   string
	query  string
	header http.Header
	body   []byte
	at     time.Time
}

// recorder is a real HTTP server that answers with its replies in turn (the last one for ever) and records what
// it received.
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	replies  []reply
	requests []recorded
}

func newRecorder(t *testing.T, replies ...reply) *recorder {
	r := &recorder{replies: replies}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, recorded{req.Method, req.URL.Path, req.URL.RawQuery, req.Header.Clone(), body,
			time.Now()})
		answer := r.replies[min(len(r.requests), len(r.replies))-1]
		r.mu.Unlock()
		for name, values := range answer.header {
			w.Header()[name] = values
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(answer.status)
		io.WriteString(w, answer.body)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) received() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.requests...)
}

func mustClient(t *testing.T, baseURL string, options ...Option) *Client {
	t.Helper()
	c, err := newClient(baseURL, options)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The generator copies these files into every SDK without formatting them: they must be gofmt-clean already.
func TestSourcesAreGofmtClean(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sources: %v", err)
	}
	for _, path := range paths {
		source, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		formatted, err := format.Source(source)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !bytes.Equal(source, formatted) {
			t.Errorf("%s is not gofmt-formatted", path)
		}
	}
}
