#!/usr/bin/env bash
# with-db.sh CMD [ARGS...] — run CMD with DATABASE_URL pointing at a database.
#
# If DATABASE_URL is set and non-empty it is used as is (the role needs
# CREATEDB, or superuser, for the tests). Otherwise the private cluster in
# ./var/pg is created/started by scripts/devdb.sh and its URL exported.
set -euo pipefail

if [[ $# -eq 0 ]]; then
	echo "usage: scripts/with-db.sh CMD [ARGS...]" >&2
	exit 2
fi

if [[ -z ${DATABASE_URL:-} ]]; then
	here=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
	DATABASE_URL=$("$here/devdb.sh" start)
fi
export DATABASE_URL
exec "$@"
