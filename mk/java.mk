# Java toolchain for the Java target's tests: a JDK (javac, java 11+) and Maven, from Debian, only when missing.
.PHONY: java-deps
lang-deps: java-deps

java-deps:
	@if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then \
		echo "installing a JDK and Maven (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			default-jdk-headless maven >/dev/null; \
	fi
