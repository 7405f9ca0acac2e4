#!/usr/bin/env bash
# fuzz.sh [FUZZTIME] — run every Go fuzz target (func FuzzXxx in a _test.go
# file) for FUZZTIME each (default 30s), one at a time, one worker each
# (FUZZPARALLEL), so that it shares a small machine.
#
# An input that fails is written to the package's testdata/fuzz/FuzzXxx,
# where plain `go test` replays it from then on: fix the bug and commit the
# file with the fix. With FUZZ_KEEP=1 the inputs a run found interesting
# (new coverage, kept by Go in its cache) are copied there too, to grow the
# committed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${1:-30s}
parallel=${FUZZPARALLEL:-1}
go=${GO:-go}
cache=$($go env GOCACHE)/fuzz/$($go list -m)

targets=$(grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=var -E '^func Fuzz[A-Z][A-Za-z0-9_]*\(' internal e2e cmd 2>/dev/null | sort)
if [[ -z $targets ]]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 1
fi
n=0
for file in $targets; do
	dir=$(dirname "$file")
	for name in $(grep -oE '^func Fuzz[A-Z][A-Za-z0-9_]*' "$file" | cut -d' ' -f2); do
		echo "fuzz: $name in ./$dir for $fuzztime"
		$go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -parallel "$parallel" "./$dir"
		if [[ ${FUZZ_KEEP:-} == 1 && -d $cache/$dir/$name ]]; then
			mkdir -p "$dir/testdata/fuzz/$name"
			cp -n "$cache/$dir/$name"/* "$dir/testdata/fuzz/$name/" 2>/dev/null || true
		fi
		n=$((n + 1))
	done
done
echo "fuzz: $n targets ran for $fuzztime each, none failed"
