// Tests of streams against real local servers: server-sent events parsed as they arrive (across chunk
// boundaries, LF/CRLF/CR, comments, multi-line data, [DONE], the last event ID), JSON lines split across
// chunks, a binary body read in pieces, early close closing the connection, and uploads from a stream.

package clientgenruntime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// chunked is a server that writes each chunk and flushes it; before a chunk it waits for gate (when not nil)
// to receive a value, so a test can prove an item arrived before the rest was sent. gone is closed when the
// client hung up before the last chunk.
func chunked(t *testing.T, contentType string, gate chan struct{}, chunks ...string) (*httptest.Server, chan struct{}) {
	gone := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(200)
		for i, chunk := range chunks {
			if i > 0 && gate != nil {
				select {
				case <-gate:
				case <-r.Context().Done():
					close(gone)
					return
				}
			}
			if _, err := io.WriteString(w, chunk); err != nil {
				close(gone)
				return
			}
			w.(http.Flusher).Flush()
		}
	}))
	t.Cleanup(server.Close)
	return server, gone
}

func eventsOf(t *testing.T, server *httptest.Server) *EventStream[item] {
	t.Helper()
	c := mustClient(t, server.URL)
	stream, err := c.open(context.Background(), newRequest("GET", "/", "Events", "text/event-stream", nil), nil, nil)
	events, err := newEventStream(stream, err, jsonItem[item])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { events.Close() })
	return events
}

func TestEventsAreParsedAsTheSSESpecificationSays(t *testing.T) {
	// One chunk per byte: every line end, field and event is split across reads.
	body := "\xef\xbb\xbf: comment\r\nevent: created\rid: 1\nretry: 3000\ndata: {\"id\": 1,\ndata:  \"name\": \"a\"}\n\n" +
		"event: no-data\nid: 2\n\n" +
		"event: two\r\ndata:{\"id\": 2, \"name\": \"b\"}\r\n\r\n" +
		"retry: soon\nid: 3\x00x\ndata: {\"id\": 3, \"name\": \"c\"}\r\r" +
		"data: [DONE]\n\ndata: {\"id\": 4, \"name\": \"after the end\"}\n\n"
	server, _ := chunked(t, "text/event-stream", nil, strings.Split(body, "")...)
	events := eventsOf(t, server)
	type seen struct {
		event, id string
		retry     time.Duration // -1: none
		data      item
	}
	var got []seen
	for events.Next() {
		e := events.Event()
		retry := time.Duration(-1)
		if e.Retry != nil {
			retry = *e.Retry
		}
		got = append(got, seen{e.Event, e.ID, retry, e.Data})
	}
	want := []seen{
		{"created", "1", 3 * time.Second, item{1, "a"}},
		{"two", "2", -1, item{2, "b"}},     // the id of the event without data persists
		{"message", "2", -1, item{3, "c"}}, // an id with a NUL is ignored; retry must be digits
	}
	if events.Err() != nil || len(got) != len(want) {
		t.Fatalf("events %+v, err %v", got, events.Err())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if events.Next() {
		t.Error("Next after [DONE]")
	}
}

func TestEventsArriveBeforeTheRestIsSent(t *testing.T) {
	gate := make(chan struct{})
	server, _ := chunked(t, "text/event-stream", gate, "data: {\"id\": 1}\n", "\ndata: {\"id\": 2}\n\n")
	events := eventsOf(t, server)
	got := make(chan int, 1)
	go func() {
		if events.Next() {
			got <- events.Event().Data.ID
		}
		close(got)
	}()
	// The blank line ending the first event is the second chunk: nothing is dispatched before it.
	select {
	case id := <-got:
		t.Fatalf("event %d dispatched before its blank line", id)
	case <-time.After(100 * time.Millisecond):
	}
	gate <- struct{}{}
	if id := <-got; id != 1 {
		t.Fatalf("first event %d", id)
	}
}

func TestAnUnfinishedEventIsNotDispatchedAndBadDataIsADecodeError(t *testing.T) {
	server, _ := chunked(t, "text/event-stream", nil, "data: {\"id\": 1}\n\ndata: {\"id\": 2}\n")
	events := eventsOf(t, server)
	if !events.Next() || events.Next() || events.Err() != nil {
		t.Fatalf("want one event and a clean end, err %v", events.Err())
	}
	server, _ = chunked(t, "text/event-stream", nil, "data: not json\n\n")
	events = eventsOf(t, server)
	var decodeErr *DecodeError
	if events.Next() || !errors.As(events.Err(), &decodeErr) {
		t.Fatalf("want a *DecodeError, got %v", events.Err())
	}
}

func TestClosingAStreamEarlyClosesTheConnection(t *testing.T) {
	gate := make(chan struct{})
	server, gone := chunked(t, "text/event-stream", gate, "data: {\"id\": 1}\n\n", "data: {\"id\": 2}\n\n")
	events := eventsOf(t, server)
	if !events.Next() {
		t.Fatal(events.Err())
	}
	if err := events.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-gone:
	case <-time.After(2 * time.Second):
		t.Fatal("the server never saw the client hang up")
	}
	if events.Next() || events.Err() != nil || events.Close() != nil {
		t.Errorf("after Close: Next true or err %v", events.Err())
	}
}

func TestJSONLinesAreReadAsTheyArrive(t *testing.T) {
	server, _ := chunked(t, "application/x-ndjson", nil, "{\"id\": 1, \"name\": \"a\"}\r\n{\"id\": 2,", " \"name\": \"b\"}\n\n  \n",
		"{\"id\": 3, \"name\": \"c\"}")
	c := mustClient(t, server.URL)
	stream, err := c.open(context.Background(), newRequest("GET", "/", "Lines", "application/x-ndjson", nil), nil, nil)
	lines, err := newLineStream(stream, err, jsonItem[item])
	if err != nil {
		t.Fatal(err)
	}
	defer lines.Close()
	var got []item
	for lines.Next() {
		got = append(got, lines.Item())
	}
	if lines.Err() != nil || len(got) != 3 || got[1] != (item{2, "b"}) || got[2] != (item{3, "c"}) {
		t.Fatalf("items %+v, err %v", got, lines.Err())
	}
}

func TestAStreamOfAnErrorStatusIsAnAPIError(t *testing.T) {
	server := newRecorder(t, reply{404, `{"message":"no such stream"}`, nil})
	c := mustClient(t, server.URL)
	stream, err := c.open(context.Background(), newRequest("GET", "/", "Events", "text/event-stream", nil), nil, nil)
	events, err := newEventStream(stream, err, jsonItem[item])
	var apiErr *APIError
	if events != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Message != "no such stream" {
		t.Fatalf("events %v, err %v", events, err)
	}
	if body, err := binaryStream(nil, err); body != nil || err == nil {
		t.Fatal("binaryStream of a failure is no nil body and an error")
	}
}

func TestTheTimeoutCoversAStreamsHeadersOnly(t *testing.T) {
	gate := make(chan struct{})
	server, _ := chunked(t, "application/octet-stream", gate, "first", "second")
	c := mustClient(t, server.URL, WithTimeout(400*time.Millisecond))
	body, err := binaryStream(c.open(context.Background(), newRequest("GET", "/", "Get", "*/*", nil), nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	time.Sleep(800 * time.Millisecond) // longer than the timeout: the stream is still open
	close(gate)
	data, err := io.ReadAll(body)
	if err != nil || string(data) != "firstsecond" {
		t.Fatalf("read %q, %v", data, err)
	}
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(1500 * time.Millisecond)
	}))
	defer slow.Close()
	c = mustClient(t, slow.URL, WithTimeout(400*time.Millisecond), WithMaxRetries(0))
	_, err = c.open(context.Background(), newRequest("GET", "/", "Get", "*/*", nil), nil, nil)
	var timeoutErr *TimeoutError
	if !errors.As(err, &timeoutErr) || timeoutErr.Deadline != "the client's timeout" {
		t.Fatalf("headers that never came: %v", err)
	}
}

func TestAnUploadFromAStreamIsStreamedAndNeverResent(t *testing.T) {
	server := newRecorder(t, reply{503, `{"message":"busy"}`, http.Header{"Retry-After": {"0"}}}, reply{200, `"ok"`, nil})
	c := mustClient(t, server.URL)
	r := newRequest("POST", "/upload", "Upload", "*/*", nil)
	r.binaryBody(io.MultiReader(strings.NewReader("abc"), strings.NewReader("def")), "application/octet-stream")
	_, err := c.do(context.Background(), r, nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("a stream that was sent was re-sent: %v", err)
	}
	got := server.received()
	if len(got) != 1 || string(got[0].body) != "abcdef" || got[0].header.Get("Content-Type") != "application/octet-stream" {
		t.Fatalf("received %+v", got)
	}
	// Bytes already in memory are read whole, so a retry re-sends them.
	server = newRecorder(t, reply{503, `{"message":"busy"}`, http.Header{"Retry-After": {"0"}}}, reply{200, `"ok"`, nil})
	c = mustClient(t, server.URL)
	r = newRequest("POST", "/upload", "Upload", "*/*", nil)
	r.binaryBody(bytes.NewReader([]byte("abc")), "application/octet-stream")
	if _, err := c.do(context.Background(), r, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := server.received(); len(got) != 2 || string(got[1].body) != "abc" {
		t.Fatalf("received %+v", got)
	}
}

func TestAnUploadFromAStreamIsRetriedWhenNothingWasSent(t *testing.T) {
	listener := newRecorder(t, reply{200, `"ok"`, nil})
	attempts := 0
	refuseFirst := func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			attempts++
			if attempts == 1 {
				return nil, errors.New("connection refused")
			}
			return next.RoundTrip(req)
		})
	}
	c := mustClient(t, listener.URL, WithTransport(refuseFirst))
	r := newRequest("POST", "/upload", "Upload", "*/*", nil)
	r.binaryBody(io.MultiReader(strings.NewReader("abc")), "application/octet-stream")
	if _, err := c.do(context.Background(), r, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := listener.received(); attempts != 2 || len(got) != 1 || string(got[0].body) != "abc" {
		t.Fatalf("attempts %d, received %+v", attempts, got)
	}
}
