// Wire benchmark program for the generated Go SDK (benchmarks/bench_wire.py builds and runs it).
// Arguments: MODE BASE_URL SECONDS WARMUP_SECONDS ROWS_JSON, MODE being sdk (the generated client) or
// by-hand (net/http and encoding/json called directly with the same request). It makes sequential
// POST /score calls for WARMUP_SECONDS, then for SECONDS, and prints one JSON object about the second
// period: calls, cpu_s (the process's user + system CPU) and wall_s.
// The benchmark replaces the import path example.com/SDK-MODULE with the SDK's module path.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"

	sdk "example.com/SDK-MODULE"
)

type scorer func(rows [][]float64) ([]float64, error)

func main() {
	mode, baseURL := os.Args[1], os.Args[2]
	seconds, err := strconv.ParseFloat(os.Args[3], 64)
	check(err)
	warmup, err := strconv.ParseFloat(os.Args[4], 64)
	check(err)
	var rows [][]float64
	check(json.Unmarshal([]byte(os.Args[5]), &rows))
	var score scorer
	switch mode {
	case "sdk":
		score = throughSDK(baseURL)
	case "by-hand":
		score = byHand(baseURL)
	default:
		check(fmt.Errorf("unknown mode %q", mode))
	}
	run(score, rows, warmup)
	cpuBefore, start := processCPU(), time.Now()
	calls := run(score, rows, seconds)
	wall, cpu := time.Since(start).Seconds(), processCPU()-cpuBefore
	fmt.Printf("{\"calls\": %d, \"cpu_s\": %f, \"wall_s\": %f}\n", calls, cpu, wall)
}

func throughSDK(baseURL string) scorer {
	client, err := sdk.NewClient(baseURL)
	check(err)
	ctx := context.Background()
	return func(rows [][]float64) ([]float64, error) {
		return client.RunMLService(ctx, sdk.ServiceInput{Data: rows})
	}
}

func byHand(baseURL string) scorer {
	client := &http.Client{}
	url := baseURL + "/score"
	return func(rows [][]float64) ([]float64, error) {
		body, err := json.Marshal(map[string]any{"data": rows})
		if err != nil {
			return nil, err
		}
		request, err := http.NewRequest("POST", url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		request.Header.Set("Content-Type", "application/json")
		response, err := client.Do(request)
		if err != nil {
			return nil, err
		}
		defer response.Body.Close()
		data, err := io.ReadAll(response.Body)
		if err != nil {
			return nil, err
		}
		if response.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("status %d: %s", response.StatusCode, data)
		}
		var scores []float64
		return scores, json.Unmarshal(data, &scores)
	}
}

func run(score scorer, rows [][]float64, seconds float64) int {
	calls := 0
	for deadline := time.Now().Add(time.Duration(seconds * float64(time.Second))); time.Now().Before(deadline); calls++ {
		scores, err := score(rows)
		check(err)
		if len(scores) != len(rows) {
			check(fmt.Errorf("%d scores for %d rows", len(scores), len(rows)))
		}
	}
	return calls
}

func processCPU() float64 {
	var usage syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &usage))
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
