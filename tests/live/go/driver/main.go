// Live driver for the generated Go SDK: calls the real scoring service the way a user would.
// Arguments: ROWS_JSON BASE_URL. Prints one JSON object: base_url (the client's default: where the spec was
// fetched from), health, scores, error ([status, message, parsed model's type name]).
// prepare.py replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"

	sdk "example.com/SDK-MODULE"
)

func main() {
	var rows [][]float64
	if err := json.Unmarshal([]byte(os.Args[1]), &rows); err != nil {
		fail(err)
	}
	client, err := sdk.NewClient("")
	if err != nil {
		fail(err)
	}
	ctx := context.Background()
	out := map[string]any{"base_url": client.BaseURL()}
	if out["health"], err = client.ServiceHealthCheck(ctx); err != nil {
		fail(err)
	}
	if out["scores"], err = client.RunMLService(ctx, sdk.ServiceInput{Data: rows}); err != nil {
		fail(err)
	}
	_, err = client.RunMLService(ctx, sdk.ServiceInput{Data: [][]float64{{1.0, 2.0}}})
	var apiErr *sdk.APIError
	if !errors.As(err, &apiErr) {
		fail(fmt.Errorf("expected an *APIError, got %v", err))
	}
	model := ""
	if apiErr.Model != nil {
		model = reflect.TypeOf(apiErr.Model).Name()
	}
	out["error"] = []any{apiErr.StatusCode, apiErr.Message, model}
	data, err := json.Marshal(out)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(data))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
