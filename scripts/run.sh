#!/usr/bin/env bash
# run.sh — migrate, make sure an admin user exists, then serve (make run).
#
# Uses DATABASE_URL when set, else the private cluster (scripts/devdb.sh).
# TIDINGS_HOST, TIDINGS_SCHEME and TIDINGS_LISTEN default to a local
# http://localhost:8080 instance unless already set.
set -euo pipefail

ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"

if [[ -z ${DATABASE_URL:-} ]]; then
	exec scripts/with-db.sh "$0" "$@"
fi

: "${TIDINGS_BIN:=bin/tidings}"
export TIDINGS_HOST=${TIDINGS_HOST:-localhost:8080}
export TIDINGS_SCHEME=${TIDINGS_SCHEME:-http}
export TIDINGS_LISTEN=${TIDINGS_LISTEN:-127.0.0.1:8080}

[[ -x $TIDINGS_BIN ]] || {
	echo "run: $TIDINGS_BIN is missing; run make build" >&2
	exit 1
}

"$TIDINGS_BIN" migrate up
# Prints the generated password once; with --if-absent an existing admin is
# left alone (a notice, exit 0).
"$TIDINGS_BIN" admin user create admin --admin --if-absent
# Demonstration content, once: a second run says it is already loaded.
"$TIDINGS_BIN" admin demo
echo "run: serving $TIDINGS_SCHEME://$TIDINGS_HOST/ (listening on $TIDINGS_LISTEN)" >&2
exec "$TIDINGS_BIN" serve
