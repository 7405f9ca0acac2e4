#!/usr/bin/env bash
# install-weed.sh — build SeaweedFS's `weed`, the real S3-compatible server
# the S3 storage tests start, at the pinned version, into $(go env GOPATH)/bin.
# `go install pkg@version` refuses it (its go.mod has replace directives),
# so it is built inside its module as downloaded from the Go module proxy.
# Takes about 8 minutes on 2 cores the first time; nothing when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^const WeedVersion = "\(.*\)"$/\1/p' internal/media/mediatest/s3server.go)
bin="$(go env GOPATH)/bin"
stamp="$bin/weed.version"
if [[ -x $bin/weed && -f $stamp && $(cat "$stamp") == "$version" ]]; then
	echo "install-weed: weed $version already in $bin"
	exit 0
fi
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/seaweedfs/seaweedfs@$version" |
	sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
echo "install-weed: building weed $version (a few minutes)"
mkdir -p "$bin"
(cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -ldflags '-s -w' -o "$bin/weed" ./weed)
echo "$version" >"$stamp"
"$bin/weed" version
