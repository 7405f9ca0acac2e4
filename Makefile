# Tidings — developer tasks. `make` lists them.
#
# Database: every target that needs one uses $DATABASE_URL when it is set,
# otherwise a private PostgreSQL cluster in ./var/pg (scripts/devdb.sh), which
# listens only on a Unix socket in ./var and never touches another server.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO         ?= go
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS    := -X github.com/tidings/tidings/internal/cli.version=$(VERSION)
BIN        := bin/tidings
PKG        ?= ./...
TESTFLAGS  ?= -race -count=1 -timeout 20m
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME   ?= 30s

# `make run` serves http://localhost:8080 unless these are set.
TIDINGS_HOST   ?= localhost:8080
TIDINGS_SCHEME ?= http
TIDINGS_LISTEN ?= 127.0.0.1:8080

MIGRATE_CHECK_DB := tidings_migrate_check

.PHONY: help build run test fuzz lint migrate-check _migrate-check \
	db-start db-stop db-status db-psql clean distclean

help: ## list targets
	@echo "usage: make TARGET  (uses DATABASE_URL if set, else a private cluster in ./var/pg)"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z][a-zA-Z_-]*:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/tidings
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/tidings

run: build ## migrate, create the admin user (password printed once), serve on :8080
	@TIDINGS_HOST='$(TIDINGS_HOST)' TIDINGS_SCHEME='$(TIDINGS_SCHEME)' \
		TIDINGS_LISTEN='$(TIDINGS_LISTEN)' TIDINGS_BIN='$(BIN)' scripts/run.sh

test: ## run the tests (PKG=./... TESTFLAGS="-race -count=1 -timeout 20m")
	scripts/ensure-chromium.sh
	scripts/with-db.sh $(GO) test $(TESTFLAGS) $(PKG)

fuzz: ## run every fuzz target for FUZZTIME (30s) each; failures land in testdata/fuzz
	scripts/fuzz.sh $(FUZZTIME)

lint: ## gofmt check, go vet, staticcheck
	@out=$$(find . \( -path ./var -o -path ./bin -o -path ./.git -o -name node_modules \) -prune \
		-o -name '*.go' -type f -exec gofmt -l {} +); \
	if [[ -n $$out ]]; then echo "gofmt -w needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

migrate-check: build ## migrate a scratch database up, all the way down, and up again
	@scripts/with-db.sh $(MAKE) --no-print-directory _migrate-check

# Runs under scripts/with-db.sh, so DATABASE_URL is set. The scratch URL is
# DATABASE_URL with its database name replaced (URL or key=value form).
_migrate-check:
	@url=$$DATABASE_URL; db='$(MIGRATE_CHECK_DB)'; \
	re='^([a-zA-Z][a-zA-Z0-9+.-]*://[^/?]*)(/[^?]*)?(\?.*)?$$'; \
	if [[ $$url =~ $$re ]]; then \
		scratch="$${BASH_REMATCH[1]}/$$db$${BASH_REMATCH[3]}"; \
	elif [[ $$url =~ (^|[[:space:]])dbname=[^[:space:]]* ]]; then \
		scratch=$$(sed -E "s/(^|[[:space:]])dbname=[^[:space:]]*/\1dbname=$$db/" <<<"$$url"); \
	else \
		scratch="$$url dbname=$$db"; \
	fi; \
	sql() { psql "$$url" -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "$$1"; }; \
	sql "DROP DATABASE IF EXISTS $$db WITH (FORCE)"; \
	sql "CREATE DATABASE $$db"; \
	trap 'sql "DROP DATABASE IF EXISTS $$db WITH (FORCE)"' EXIT; \
	echo "migrate-check: up, down all, up on $$db"; \
	DATABASE_URL=$$scratch $(BIN) migrate up; \
	DATABASE_URL=$$scratch $(BIN) migrate down all; \
	DATABASE_URL=$$scratch $(BIN) migrate up; \
	echo "migrate-check: ok"

db-start: ## start the private PostgreSQL cluster (prints its DATABASE_URL)
	@scripts/devdb.sh start

db-stop: ## stop the private cluster
	@scripts/devdb.sh stop

db-status: ## show the private cluster's state, URL and paths
	@scripts/devdb.sh status || true

db-psql: ## psql on the private cluster's tidings database
	@scripts/devdb.sh psql

clean: ## remove build output (keeps the database in var/)
	rm -rf bin

distclean: clean ## also stop and delete the private cluster (var/)
	scripts/devdb.sh destroy --yes
	rm -rf var
