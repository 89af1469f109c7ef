// Azure ML shapes driver, Power BI mode, for the generated Go SDK powerbi-client (see tests/shapes/__init__.py).
// Arguments: powerbi BASE_URL ROWS_JSON. Prints {"results": [...]}, the ServiceOutput's Results.
// prepare.py replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	sdk "example.com/SDK-MODULE"
)

func main() {
	if os.Args[1] != "powerbi" {
		fail(fmt.Errorf("this driver was built for mode powerbi, not %q", os.Args[1]))
	}
	var rows [][]float64
	if err := json.Unmarshal([]byte(os.Args[3]), &rows); err != nil {
		fail(err)
	}
	patients := make([]sdk.ServiceInputInputsPatientsItem, 0, len(rows))
	for _, r := range rows {
		patients = append(patients, sdk.ServiceInputInputsPatientsItem{
			Age: r[0], Sex: r[1], Bmi: r[2], Bp: r[3], S1: r[4], S2: r[5], S3: r[6], S4: r[7], S5: r[8], S6: r[9],
		})
	}
	client, err := sdk.NewClient("")
	if err != nil {
		fail(err)
	}
	out, err := client.RunMLService(context.Background(), sdk.ServiceInput{
		Inputs:           &sdk.ServiceInputInputs{Patients: patients, Label: "clinic"},
		GlobalParameters: sdk.Ptr(2.0),
	})
	if err != nil {
		fail(err)
	}
	data, err := json.Marshal(map[string]any{"results": out.Results})
	if err != nil {
		fail(err)
	}
	fmt.Println(string(data))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
