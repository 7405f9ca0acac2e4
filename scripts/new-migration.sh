#!/usr/bin/env bash
# new-migration.sh NAME — create the next numbered migration pair.
set -euo pipefail
if [[ $# -ne 1 || ! $1 =~ ^[a-z0-9_]+$ ]]; then
	echo "usage: scripts/new-migration.sh NAME   (NAME of a-z, 0-9 and _)" >&2
	exit 2
fi
dir=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/../migrations" && pwd -P)
last=$(find "$dir" -name '[0-9]*.up.sql' -printf '%f\n' | sort | tail -n1 | cut -c1-6)
next=$(printf '%06d' $((10#${last:-0} + 1)))
for dirn in up down; do
	f="$dir/${next}_$1.$dirn.sql"
	printf -- '-- %s: why this change is needed.\n' "$1" >"$f"
	echo "created ${f#"$dir"/../}"
done
