// Tests of long-running operations against a real local server: nothing polled before the caller asks, the
// status monitor's status (any case), Retry-After between polls, each final state, the Location monitor, a
// first answer that is already the result, and failure and cancellation as an *OperationError.

package clientgenruntime

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

type job struct {
	ID    string `json:"id"`
	State string `json:"state"`
}

func start(t *testing.T, server *recorder, method, final string) *Poller[job] {
	t.Helper()
	c := mustClient(t, server.URL, WithCredential("key"))
	r := newRequest(method, "/jobs/1", "StartJob", "application/json", &authScheme{"header", "Authorization", "bearer"})
	r.jsonBody(map[string]string{"name": "j"}, "application/json")
	poller, err := startPoller(context.Background(), c, r, nil, []CallOption{WithCallHeader("x-call", "yes")}, final, jsonResult[job])
	if err != nil {
		t.Fatal(err)
	}
	return poller
}

func TestAnOperationIsPolledAtRetryAfterAndItsResultReadAtLocation(t *testing.T) {
	server := newRecorder(t,
		reply{202, ``, http.Header{"Operation-Location": {"/operations/1"}, "Location": {"/jobs/1/result"}, "Retry-After": {"0"}}},
		reply{200, `{"status": "Running"}`, http.Header{"Retry-After": {"1"}}},
		reply{200, `{"status": "succeeded"}`, nil},
		reply{200, `{"id": "1", "state": "done"}`, nil})
	poller := start(t, server, "POST", "location")
	time.Sleep(50 * time.Millisecond)
	if len(server.received()) != 1 || poller.Done() || poller.Status() != "InProgress" {
		t.Fatal("polled before the caller asked")
	}
	result, err := poller.PollUntilDone(context.Background())
	if err != nil || result != (job{"1", "done"}) || poller.Status() != "Succeeded" || !poller.Done() {
		t.Fatalf("result %+v, %v, status %s", result, err, poller.Status())
	}
	got := server.received()
	if len(got) != 4 || got[1].path != "/operations/1" || got[3].path != "/jobs/1/result" || got[3].method != "GET" {
		t.Fatalf("requests %+v", got)
	}
	if gap := got[2].at.Sub(got[1].at); gap < 900*time.Millisecond {
		t.Errorf("polled again after %v, Retry-After asked for 1 s", gap)
	}
	for _, r := range got {
		if r.header.Get("Authorization") != "Bearer key" || r.header.Get("X-Call") != "yes" {
			t.Errorf("%s %s: without the credential or the call's header", r.method, r.path)
		}
	}
}

func TestTheFinalStates(t *testing.T) {
	for _, tc := range []struct {
		final, method string
		replies       []reply
		want          job
		lastPath      string
	}{
		{"original-uri", "PUT", []reply{
			{201, `{"id": "1", "state": "starting"}`, http.Header{"Azure-AsyncOperation": {"/ops/1"}, "Retry-After": {"0"}}},
			{200, `{"status": "Succeeded"}`, nil},
			{200, `{"id": "1", "state": "done"}`, nil}}, job{"1", "done"}, "/jobs/1"},
		{"azure-async-operation", "PUT", []reply{
			{201, ``, http.Header{"Azure-AsyncOperation": {"/ops/1"}, "Retry-After": {"0"}}},
			{200, `{"status": "Succeeded", "id": "1", "state": "in the monitor"}`, nil}}, job{"1", "in the monitor"}, "/ops/1"},
		{"location", "POST", []reply{
			{202, ``, http.Header{"Location": {"/exports/1"}, "Retry-After": {"0"}}},
			{202, ``, http.Header{"Retry-After": {"0"}}},
			{200, `{"id": "e", "state": "exported"}`, nil}}, job{"e", "exported"}, "/exports/1"},
		{"location", "POST", []reply{
			{202, ``, http.Header{"Operation-Location": {"/ops/1"}, "Retry-After": {"0"}}},
			{200, `{"status": "Succeeded", "id": "m", "state": "no Location: the monitor"}`, nil}}, job{"m", "no Location: the monitor"}, "/ops/1"},
		{"location", "POST", []reply{{200, `{"id": "now", "state": "done"}`, nil}}, job{"now", "done"}, "/jobs/1"},
	} {
		server := newRecorder(t, tc.replies...)
		poller := start(t, server, tc.method, tc.final)
		started := time.Now()
		result, err := poller.PollUntilDone(context.Background())
		if waited := time.Since(started); waited > 900*time.Millisecond { // the default wait is 1 s
			t.Errorf("%s: waited %v where every Retry-After said 0", tc.final, waited)
		}
		got := server.received()
		if err != nil || result != tc.want || got[len(got)-1].path != tc.lastPath || len(got) != len(tc.replies) {
			t.Errorf("%s: %+v, %v; requests %+v", tc.final, result, err, got)
		}
		if tc.final == "original-uri" && (got[2].method != "GET" || len(got[2].body) != 0) {
			t.Errorf("original-uri: %s with %q", got[2].method, got[2].body)
		}
	}
}

func TestFailureAndCancellationAreOperationErrors(t *testing.T) {
	for body, status := range map[string]string{
		`{"status": "Failed", "error": {"code": "Boom", "message": "it broke"}}`: "Failed",
		`{"status": "Cancelled"}`: "Canceled",
	} {
		server := newRecorder(t, reply{202, ``, http.Header{"Operation-Location": {"/ops/1"}, "Retry-After": {"0"}}},
			reply{200, body, nil})
		poller := start(t, server, "POST", "location")
		_, err := poller.PollUntilDone(context.Background())
		var opErr *OperationError
		if !errors.As(err, &opErr) || opErr.Status != status || poller.Status() != status {
			t.Fatalf("%s: %v", status, err)
		}
		if status == "Failed" && (opErr.Code != "Boom" || opErr.Message != "it broke" || err.Error() !=
			"the long-running operation ended Failed: Boom: it broke") {
			t.Errorf("error %+v: %v", opErr, err)
		}
	}
}

func TestPollAsksOnceAndAMonitorErrorIsAnAPIError(t *testing.T) {
	server := newRecorder(t, reply{202, ``, http.Header{"Operation-Location": {"/ops/1"}, "Retry-After": {"30"}}},
		reply{200, `{"status": "Running"}`, http.Header{"Retry-After": {"30"}}},
		reply{404, `{"message": "no such operation"}`, nil})
	poller := start(t, server, "POST", "location")
	started := time.Now()
	if err := poller.Poll(context.Background()); err != nil || poller.Done() || time.Since(started) > 5*time.Second {
		t.Fatalf("Poll: %v", err)
	}
	var apiErr *APIError
	if err := poller.Poll(context.Background()); !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Fatalf("a monitor's 404: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := poller.PollUntilDone(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting 30 s under a 50 ms deadline: %v", err)
	}
}
