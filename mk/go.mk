# The Go toolchain for the Go target's tests (tests/test_go_target.py, the go conformance and live drivers).
# Generated Go SDKs use the standard library only, so there is nothing to download beyond the toolchain itself.
.PHONY: go-deps
lang-deps: go-deps

go-deps:
	@if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ] && [ ! -x /usr/lib/go/bin/go ]; then \
		echo "go-deps: installing Debian's golang-go"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; \
	fi
