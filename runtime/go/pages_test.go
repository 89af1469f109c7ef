// Tests of pages against a real local server: next links (relative ones too), the Link header, cursors and
// offsets, pages fetched only when asked for, an error on the page that failed, the credential only to the
// base URL's origin, and the Link header parser on its own.

package clientgenruntime

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func names(t *testing.T, pager *Pager[item]) []string {
	t.Helper()
	var got []string
	for record, err := range pager.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, record.Name)
	}
	return got
}

func pagerOf(t *testing.T, server *recorder, rule pageRule, path string, options ...CallOption) *Pager[item] {
	c := mustClient(t, server.URL, WithCredential("key"))
	r := newRequest("GET", path, "List", "application/json", &authScheme{"header", "Authorization", "bearer"})
	return newPager[item](context.Background(), c, r, rule, nil, options)
}

func TestNextLinksAreFollowedLazilyAndResolvedAgainstThePage(t *testing.T) {
	server := newRecorder(t,
		reply{200, `{"value": [{"id": 1, "name": "a"}], "next": "/list/2?page=2"}`, nil},
		reply{200, `{"value": [{"id": 2, "name": "b"}], "next": "3"}`, nil},
		reply{200, `{"value": [], "next": null}`, nil})
	pager := pagerOf(t, server, pageRule{"next-link", "value", "next", ""}, "/list")
	if len(server.received()) != 0 || !pager.More() {
		t.Fatal("a page was fetched before it was asked for")
	}
	first, err := pager.NextPage(context.Background())
	if err != nil || len(first) != 1 || len(server.received()) != 1 {
		t.Fatalf("first page %v, %v; %d requests", first, err, len(server.received()))
	}
	if got := names(t, pager); len(got) != 1 || got[0] != "b" {
		t.Fatalf("the rest: %v", got)
	}
	got := server.received()
	if len(got) != 3 || got[1].path != "/list/2" || got[1].query != "page=2" || got[2].path != "/list/3" {
		t.Fatalf("requests %+v", got)
	}
	if got[1].header.Get("Authorization") != "Bearer key" {
		t.Error("the credential did not go to a page of the base URL's origin")
	}
	if _, err := pager.NextPage(context.Background()); err == nil || pager.More() {
		t.Error("a page after the last")
	}
}

func TestTheCredentialGoesOnlyToTheBaseURLsOrigin(t *testing.T) {
	other := newRecorder(t, reply{200, `{"value": [{"id": 2, "name": "b"}]}`, nil})
	server := newRecorder(t, reply{200, `{"value": [{"id": 1, "name": "a"}], "next": "` + other.URL + `/x"}`, nil})
	if got := names(t, pagerOf(t, server, pageRule{"next-link", "value", "next", ""}, "/list")); len(got) != 2 {
		t.Fatalf("items %v", got)
	}
	if got := other.received(); len(got) != 1 || got[0].header.Get("Authorization") != "" {
		t.Fatalf("another origin got the credential: %+v", got)
	}
}

func TestLinkHeaderPagesAndTheArrayPage(t *testing.T) {
	server := newRecorder(t,
		reply{200, `[{"id": 1, "name": "a"}]`, http.Header{"Link": {`</list?page=1>; rel="first", </list?page=2>; rel="prev next"`}}},
		reply{200, `[{"id": 2, "name": "b"}]`, nil})
	if got := names(t, pagerOf(t, server, pageRule{"link-header", "", "", ""}, "/list")); len(got) != 2 || got[1] != "b" {
		t.Fatalf("items %v", got)
	}
	if got := server.received(); got[1].query != "page=2" {
		t.Fatalf("second request %+v", got[1])
	}
}

func TestCursorAndOffsetPagesKeepTheCallersParameters(t *testing.T) {
	server := newRecorder(t,
		reply{200, `{"data": [{"id": 1, "name": "a"}], "cursor": "c2"}`, nil},
		reply{200, `{"data": [{"id": 2, "name": "b"}], "cursor": ""}`, nil})
	pager := pagerOf(t, server, pageRule{"cursor", "data", "cursor", "after"}, "/list")
	pager.first.queryParam("limit", 1, "form", true)
	pager.first.queryParam("after", "c0", "form", true)
	if got := names(t, pager); len(got) != 2 {
		t.Fatalf("items %v", got)
	}
	if got := server.received(); got[0].query != "limit=1&after=c0" || got[1].query != "limit=1&after=c2" {
		t.Fatalf("queries %q, %q", got[0].query, got[1].query)
	}
	server = newRecorder(t,
		reply{200, `{"items": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}`, nil},
		reply{200, `{"items": [{"id": 3, "name": "c"}]}`, nil},
		reply{200, `{"items": []}`, nil})
	c := mustClient(t, server.URL)
	r := newRequest("GET", "/list", "List", "application/json", nil)
	r.queryParam("offset", 10, "form", true)
	if got := names(t, newPager[item](context.Background(), c, r, pageRule{"offset", "items", "", "offset"}, nil, nil)); len(got) != 3 {
		t.Fatalf("items %v", got)
	}
	if got := server.received(); got[1].query != "offset=12" || got[2].query != "offset=13" {
		t.Fatalf("queries %q, %q", got[1].query, got[2].query)
	}
}

func TestAnErrorComesWithThePageThatFailedAndTheCallsOptionsApplyToEveryPage(t *testing.T) {
	server := newRecorder(t,
		reply{200, `{"value": [{"id": 1, "name": "a"}], "next": "/list?page=2"}`, nil},
		reply{500, `{"message": "page lost"}`, nil},
		reply{200, `{"value": [{"id": 2, "name": "b"}]}`, nil})
	pager := pagerOf(t, server, pageRule{"next-link", "value", "next", ""}, "/list", WithCallMaxRetries(0),
		WithCallHeader("x-call", "yes"))
	var read []string
	var apiErr *APIError
	for record, err := range pager.All(context.Background()) {
		if errors.As(err, &apiErr) {
			break
		}
		read = append(read, record.Name)
	}
	if len(read) != 1 || apiErr == nil || apiErr.StatusCode != 500 || !pager.More() {
		t.Fatalf("read %v, error %v", read, apiErr)
	}
	for _, r := range server.received() {
		if r.header.Get("X-Call") != "yes" {
			t.Error("a page went without the call's header")
		}
	}
	if page, err := pager.NextPage(context.Background()); err != nil || len(page) != 1 {
		t.Fatalf("asking again: %v, %v", page, err)
	}
}

func TestThePagersContextBoundsEveryPage(t *testing.T) {
	server := newRecorder(t, reply{200, `{"value": []}`, nil})
	c := mustClient(t, server.URL)
	ctx, cancel := context.WithCancel(context.Background())
	pager := newPager[item](ctx, c, newRequest("GET", "/list", "List", "*/*", nil), pageRule{"next-link", "value", "next", ""}, nil, nil)
	cancel()
	if _, err := pager.NextPage(context.Background()); !errors.Is(err, context.Canceled) {
		t.Fatalf("a page of a cancelled pager: %v", err)
	}
	ctx, stop := context.WithTimeout(context.Background(), time.Millisecond)
	defer stop()
	<-ctx.Done()
	pager = newPager[item](ctx, c, newRequest("GET", "/list", "List", "*/*", nil), pageRule{"next-link", "value", "next", ""}, nil, nil)
	if _, err := pager.NextPage(context.Background()); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a page after the pager's deadline: %v", err)
	}
}

func TestABadPageIsADecodeError(t *testing.T) {
	server := newRecorder(t, reply{200, `{"value": "not a list"}`, nil})
	_, err := pagerOf(t, server, pageRule{"next-link", "value", "next", ""}, "/list").NextPage(context.Background())
	var decodeErr *DecodeError
	if !errors.As(err, &decodeErr) {
		t.Fatalf("got %v", err)
	}
}

func TestNextLinkOfLinkHeaders(t *testing.T) {
	cases := map[string]string{
		`<https://a/2>; rel="next"`:                             "https://a/2",
		`<https://a/1>; rel=first, <https://a/2>; rel=next`:     "https://a/2",
		`<https://a/x,y>; title="a, b; c"; rel="NEXT"`:          "https://a/x,y",
		`<https://a/1>; rel="prev"`:                             "",
		`<https://a/1>; rel="nextpage"`:                         "",
		`<https://a/1>; title="\"quoted\" rel=next"; rel=first`: "",
		`not a link`: "",
		``:           "",
	}
	for header, want := range cases {
		if got := nextLink([]string{header}); got != want {
			t.Errorf("nextLink(%q) = %q, want %q", header, got, want)
		}
	}
	if got := nextLink([]string{`<https://a/1>; rel=first`, `<https://a/3>; rel=next`}); got != "https://a/3" {
		t.Errorf("over two header lines: %q", got)
	}
}
