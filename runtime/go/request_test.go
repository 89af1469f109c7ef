// Tests of parameter encoding per style and explode, and of what goes on the wire for path, query, header and
// cookie parameters and the credential's places.

package clientgenruntime

import (
	"context"
	"testing"
)

func TestEscape(t *testing.T) {
	if got := escape("a b+c/d?%ü~-._"); got != "a%20b%2Bc%2Fd%3F%25%C3%BC~-._" {
		t.Errorf("escape: %s", got)
	}
}

func TestPathStyles(t *testing.T) {
	for _, tc := range []struct {
		value   any
		style   string
		explode bool
		want    string
	}{
		{"a/b c", "simple", false, "/x/a%2Fb%20c"},
		{[]string{"a", "b"}, "simple", false, "/x/a,b"},
		{[]string{"a", "b"}, "label", false, "/x/.a,b"},
		{[]string{"a", "b"}, "label", true, "/x/.a.b"},
		{[]string{"a", "b"}, "matrix", false, "/x/;id=a,b"},
		{[]string{"a", "b"}, "matrix", true, "/x/;id=a;id=b"},
		{map[string]int{"k": 1}, "simple", true, "/x/k=1"},
		{int64(9007199254740993), "simple", false, "/x/9007199254740993"},
	} {
		r := newRequest("GET", "/x/{id}", "", "*/*", nil)
		r.pathParam("id", tc.value, tc.style, tc.explode)
		if r.path != tc.want || r.err != nil {
			t.Errorf("%v %s explode=%v: %s (%v), want %s", tc.value, tc.style, tc.explode, r.path, r.err, tc.want)
		}
	}
}

func TestQueryStyles(t *testing.T) {
	type object struct {
		A string `json:"a"`
		B int    `json:"b"`
	}
	for _, tc := range []struct {
		value   any
		style   string
		explode bool
		want    []pair
	}{
		{[]string{"x y", "z"}, "form", true, []pair{{"p", "x y"}, {"p", "z"}}},
		{[]string{"x", "z"}, "form", false, []pair{{"p", "x,z"}}},
		{[]int{1, 2}, "pipeDelimited", false, []pair{{"p", "1|2"}}},
		{[]int{1, 2}, "spaceDelimited", false, []pair{{"p", "1 2"}}},
		{object{"v", 2}, "deepObject", true, []pair{{"p[a]", "v"}, {"p[b]", "2"}}},
		{object{"v", 2}, "form", true, []pair{{"a", "v"}, {"b", "2"}}},
		{object{"v", 2}, "form", false, []pair{{"p", "a,v,b,2"}}},
		{(*string)(nil), "form", true, nil},
		{true, "form", true, []pair{{"p", "true"}}},
	} {
		r := newRequest("GET", "/", "", "*/*", nil)
		r.queryParam("p", tc.value, tc.style, tc.explode)
		if len(r.query) != len(tc.want) {
			t.Errorf("%v %s: %v, want %v", tc.value, tc.style, r.query, tc.want)
			continue
		}
		for i := range tc.want {
			if r.query[i] != tc.want[i] {
				t.Errorf("%v %s: %v, want %v", tc.value, tc.style, r.query, tc.want)
			}
		}
	}
}

func TestParametersAndCredentialOnTheWire(t *testing.T) {
	server := newRecorder(t, reply{200, `{}`, nil})
	c := mustClient(t, server.URL, WithCredential("k 1"))
	for _, auth := range []*authScheme{{"query", "api-key", "key"}, {"cookie", "session", "key"},
		{"header", "X-Key", "key"}, {"header", "Authorization", "basic"}} {
		r := newRequest("GET", "/items/{id}", "", "*/*", auth)
		r.pathParam("id", "a/b c?%ü", "simple", false)
		r.queryParam("q", "1+1=2", "form", true)
		r.headerParam("X-Ids", []int{1, 2}, "simple", false)
		r.cookieParam("c", "v;w", "form", true)
		if _, err := c.do(context.Background(), r, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	sent := server.received()
	for i, want := range []struct{ query, cookie, header, value string }{
		{"q=1%2B1%3D2&api-key=k%201", "c=v%3Bw", "", ""},
		{"q=1%2B1%3D2", "c=v%3Bw; session=k%201", "", ""},
		{"q=1%2B1%3D2", "c=v%3Bw", "X-Key", "k 1"},
		{"q=1%2B1%3D2", "c=v%3Bw", "Authorization", "Basic k 1"},
	} {
		r := sent[i]
		if r.path != "/items/a/b c?%ü" || r.query != want.query || r.header.Get("Cookie") != want.cookie ||
			r.header.Get("X-Ids") != "1,2" || (want.header != "" && r.header.Get(want.header) != want.value) {
			t.Errorf("request %d: %s ? %s, cookie %q, header %v", i, r.path, r.query, r.header.Get("Cookie"), r.header)
		}
		if want.header != "Authorization" && r.header.Get("Authorization") != "" {
			t.Errorf("request %d: Authorization sent besides the scheme's place", i)
		}
	}
	if basic := basicToken("user", "pa:ss wörd"); basic != "Basic dXNlcjpwYTpzcyB3w7ZyZA==" {
		t.Errorf("basic: %s", basic)
	}
}
