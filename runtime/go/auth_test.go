// Tests of credentials: the token provider's cache (asked again 30 s before refreshBy and after a 401), and
// the Azure ML credential: its refresh rule, a key as a static key, and its command run as a real process.

package clientgenruntime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func number(t time.Time) *json.Number {
	n := json.Number(fmt.Sprint(t.Unix()))
	return &n
}

func TestAzureMLRefreshRule(t *testing.T) {
	now := time.Unix(time.Now().Unix(), 0)
	for _, tc := range []struct {
		name                 string
		refreshAfter, expiry *json.Number
		askAgainAt           time.Time // when the client asks again: refreshBy less the margin
	}{
		{"refreshAfter first", number(now.Add(time.Minute)), number(now.Add(time.Hour)), now.Add(time.Minute)},
		{"30 s before expiry first", number(now.Add(time.Hour)), number(now.Add(10 * time.Minute)),
			now.Add(10*time.Minute - refreshMargin)},
		{"expiry only", nil, number(now.Add(time.Hour)), now.Add(time.Hour - refreshMargin)},
		{"refreshAfter only", number(now.Add(time.Minute)), nil, now.Add(time.Minute)},
	} {
		if got := azureMLRefreshBy(tc.refreshAfter, tc.expiry).Add(-refreshMargin); !got.Equal(tc.askAgainAt) {
			t.Errorf("%s: asks again at %v, want %v", tc.name, got, tc.askAgainAt)
		}
	}
	if got := azureMLRefreshBy(nil, nil); time.Now().Before(got.Add(-refreshMargin)) {
		t.Error("a token without times is kept")
	}
	quoted := json.Number("1700000000.5")
	if got, ok := unixTime(&quoted); !ok || !got.Equal(time.Unix(1700000000, 500000000)) {
		t.Errorf("fractional seconds: %v", got)
	}
}

func TestAzureMLCredentialThroughTheClient(t *testing.T) {
	server := newRecorder(t, reply{200, `"Healthy"`, nil})
	now := time.Now().Unix()
	answers := []string{
		fmt.Sprintf(`{"accessToken": "aml-1", "tokenType": "Bearer", "expiryTimeUtc": %d, "refreshAfterTimeUtc": %d}`, now+3600, now-1),
		fmt.Sprintf(`{"accessToken": "aml-2", "tokenType": "Bearer", "expiryTimeUtc": "%d", "refreshAfterTimeUtc": %d}`, now+3600, now+3600),
	}
	asked := 0
	credential := AzureMLCredential(func(context.Context) ([]byte, error) {
		asked++
		return []byte(answers[min(asked, len(answers))-1]), nil
	})
	c := mustClient(t, server.URL, WithTokenProvider(credential))
	for i := 0; i < 3; i++ {
		if _, err := c.do(context.Background(), newRequest("GET", "/", "", "*/*", rawSendAuth), nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	var sent []string
	for _, r := range server.received() {
		sent = append(sent, r.header.Get("Authorization"))
	}
	if strings.Join(sent, ",") != "Bearer aml-1,Bearer aml-2,Bearer aml-2" || asked != 2 {
		t.Errorf("sent %v after %d answers", sent, asked)
	}
}

func TestRefreshAfter401(t *testing.T) {
	server := newRecorder(t, reply{401, `{}`, nil}, reply{200, `{}`, nil})
	asked := 0
	c := mustClient(t, server.URL, WithTokenProvider(TokenProviderFunc(func(context.Context) (string, time.Time, error) {
		asked++
		return fmt.Sprint("token-", asked), time.Now().Add(time.Hour), nil
	})))
	if _, err := c.do(context.Background(), newRequest("POST", "/", "", "*/*", rawSendAuth), nil, nil); err != nil {
		t.Fatal(err)
	}
	sent := server.received()
	if len(sent) != 2 || sent[1].header.Get("Authorization") != "Bearer token-2" {
		t.Errorf("%d requests; the second with %q", len(sent), sent[len(sent)-1].header.Get("Authorization"))
	}
}

func TestAzureMLKeyAndMissingToken(t *testing.T) {
	key := AzureMLCredential(func(context.Context) ([]byte, error) {
		return []byte(`{"primaryKey": "pk", "secondaryKey": "sk"}`), nil
	})
	token, refreshBy, err := key.Token(context.Background())
	if err != nil || token != "pk" || refreshBy.Before(time.Now().AddDate(100, 0, 0)) {
		t.Errorf("a key: %q until %v, %v", token, refreshBy, err)
	}
	for _, answer := range []string{`{"tokenType": "Bearer", "secret": "output-secret"}`, `output-secret`} {
		missing := AzureMLCredential(func(context.Context) ([]byte, error) { return []byte(answer), nil })
		_, _, err = missing.Token(context.Background())
		var credentialErr *CredentialError
		if !errors.As(err, &credentialErr) || strings.Contains(err.Error(), "output-secret") ||
			!strings.Contains(err.Error(), "function") {
			t.Errorf("%s: %v", answer, err)
		}
	}
	_, _, err = AzureMLCredential(func(context.Context) ([]byte, error) {
		return []byte(`{"tokenType": "Bearer"}`), nil
	}).Token(context.Background())
	if err == nil || !strings.Contains(err.Error(), `neither an "accessToken" nor a "primaryKey"`) {
		t.Errorf("what is missing is not named: %v", err)
	}
}

func TestAzureMLCredentialFromCommandRunsARealProcessWithoutAShell(t *testing.T) {
	t.Setenv(helperMode, "print")
	// Printed back as given: a shell would have expanded $HOME and run `id`.
	answer := `{"accessToken": "$HOME;` + "`id`" + `", "refreshAfterTimeUtc": 4102444800}`
	token, refreshBy, err := AzureMLCredentialFromCommand(os.Args[0], answer).Token(context.Background())
	if err != nil || token != "$HOME;`id`" || !refreshBy.Equal(time.Unix(4102444800, 0).Add(refreshMargin)) {
		t.Errorf("token %q until %v, %v", token, refreshBy, err)
	}
	t.Setenv(helperMode, "fail")
	_, _, err = AzureMLCredentialFromCommand(os.Args[0], "-n", "my-endpoint").Token(context.Background())
	var credentialErr *CredentialError
	if !errors.As(err, &credentialErr) || !strings.Contains(err.Error(), os.Args[0]+" -n my-endpoint") ||
		strings.Contains(err.Error(), "printed-secret") || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("a failing command: %v", err)
	}
	_, _, err = AzureMLCredentialFromCommand("clientgen-no-such-command").Token(context.Background())
	if !errors.As(err, &credentialErr) || !strings.Contains(err.Error(), "clientgen-no-such-command") {
		t.Errorf("a missing command: %v", err)
	}
}
