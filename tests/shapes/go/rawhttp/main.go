// Azure ML shapes driver, @rawhttp mode, for the generated Go SDK raw-client (see tests/shapes/__init__.py).
// Arguments: rawhttp BASE_URL ROWS_JSON. POSTs 1024 raw bytes to /score through Client.Send and prints the
// JSON object the service answered.
// prepare.py replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	sdk "example.com/SDK-MODULE"
)

func main() {
	if os.Args[1] != "rawhttp" {
		fail(fmt.Errorf("this driver was built for mode rawhttp, not %q", os.Args[1]))
	}
	chunk := make([]byte, 256)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	client, err := sdk.NewClient("", sdk.WithCredential("key-123"))
	if err != nil {
		fail(err)
	}
	header := http.Header{"Content-Type": {"application/octet-stream"}}
	response, err := client.Send(context.Background(), "POST", "/score", bytes.Repeat(chunk, 4), header)
	if err != nil {
		fail(err)
	}
	var answer map[string]any
	if err := response.JSON(&answer); err != nil {
		fail(fmt.Errorf("the answer is not a JSON object: %w: %s", err, response.Text()))
	}
	data, err := json.Marshal(answer)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(data))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
