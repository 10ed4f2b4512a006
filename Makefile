# The two commands of the README.
#   make run   — install what is missing, build, create the demo database if there is none,
#                and serve it on http://127.0.0.1:8080
#   make test  — install what is missing, build, and run every test
#   make fuzz  — build the libFuzzer targets and run them longer: FUZZ_SECONDS (default 600)
#                shared among FUZZ_TARGETS (default all), or FUZZ_RUNS executions of each
SHELL := /bin/bash
BUILD ?= build
DB ?= servq-data/servq.sqlite
LISTEN ?= 127.0.0.1:8080

.PHONY: run test deps build web screenshots clean fuzz

deps:
	@bash scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$$(nproc)

web: deps
	@cd web && npm run build --silent

run: build web
	@if [ ! -f "$(DB)" ]; then $(BUILD)/servq demo --db "$(DB)"; else echo "Using existing database $(DB) (demo logins: admin / servq-demo-admin, ...)"; fi
	@echo "servq: open http://$(LISTEN)"
	@$(BUILD)/servq serve --db "$(DB)" --listen "$(LISTEN)"

test: build web
	@bash scripts/test-all

FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?=
FUZZ_RUNS ?=
fuzz: deps
	@bash scripts/fuzz $(if $(FUZZ_RUNS),--runs $(FUZZ_RUNS),$(FUZZ_SECONDS)) $(FUZZ_TARGETS)

screenshots: build web
	@SERVQ_SCREENSHOTS=docs/screenshots node --test tests/e2e/screenshots.test.mjs

clean:
	rm -rf $(BUILD) build-fuzz web/dist
