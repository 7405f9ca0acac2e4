#!/usr/bin/env bash
# ensure-chromium.sh — the browser tests drive Debian's Chromium; install it
# when it is missing and we can (root on Debian/Ubuntu), else say how.
set -euo pipefail
if [[ -n ${CHROMIUM:-} ]] || command -v chromium >/dev/null || [[ ${TIDINGS_SKIP_BROWSER:-} == 1 ]]; then
	exit 0
fi
if [[ $(id -u) -eq 0 && -f /etc/debian_version ]]; then
	echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
echo "ensure-chromium: the browser tests need Chromium: sudo apt-get install chromium" >&2
echo "  (or set CHROMIUM=/path/to/chromium, or TIDINGS_SKIP_BROWSER=1 to skip them)" >&2
exit 1
