# C#: Mono's mcs and Newtonsoft.Json from Debian (root on a fresh machine; quiet and idempotent when present).
.PHONY: csharp-deps
lang-deps: csharp-deps

csharp-deps:
	@if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1 \
	    || ! pkg-config --exists newtonsoft-json 2>/dev/null; then \
	  echo "installing mono-devel and libnewtonsoft-json-cil-dev"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends mono-devel libnewtonsoft-json-cil-dev ca-certificates-mono pkg-config >/dev/null; \
	fi
