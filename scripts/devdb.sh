#!/usr/bin/env bash
# devdb.sh — a private PostgreSQL cluster for developing and testing Tidings.
#
# The cluster lives in ./var/pg (data/, log/, sock/), listens on a Unix socket
# only (listen_addresses = ''), so it never collides with a PostgreSQL server
# already running on the machine, and trusts local connections as the
# superuser "postgres" (tests create databases).
#
# Usage: scripts/devdb.sh start|stop|status|url|psql [ARGS...]|destroy [--yes]
#
#   start    find (or on Debian as root, install) the server programs, create
#            the cluster if needed, start it if stopped, create database
#            "tidings"; prints only the DATABASE_URL on stdout
#   url      print the DATABASE_URL of the private cluster
#   stop     stop the cluster (fast shutdown)
#   status   say whether it is running, and where things live
#   psql     start if needed, then run psql on database "tidings"
#   destroy  stop and delete the cluster's data (asks unless --yes)
#
# Environment:
#   TIDINGS_DEVDB_USER   OS user that runs the server when invoked as root
#                        (default: postgres, else a created system user
#                        tidings-dev, else nobody)
#   PG_BINDIR            directory holding initdb/pg_ctl/postgres
#                        (default: pg_config --bindir, newest
#                        /usr/lib/postgresql/*/bin, then $PATH)
set -euo pipefail

PROG=devdb
DBNAME=tidings
PGPORT_LOCAL=5432 # only names the socket file; there is no TCP listener
SOCKET_MAX=103    # longest socket path accepted (macOS 104 bytes, Linux 108, minus NUL)

ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
VAR=$ROOT/var
LINK=$VAR/pg

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	say "$*"
	exit 1
}

# ---------------------------------------------------------------- helpers

is_root() { [[ $EUID -eq 0 ]]; }

short_hash() {
	if command -v sha256sum >/dev/null 2>&1; then
		printf '%s' "$1" | sha256sum | cut -c1-12
	elif command -v shasum >/dev/null 2>&1; then
		printf '%s' "$1" | shasum -a 256 | cut -c1-12
	else
		printf '%s' "$1" | cksum | cut -d' ' -f1
	fi
}

urlencode() {
	local LC_ALL=C
	local s=$1 out='' c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) printf -v c '%%%02X' "'$c" && out+=$c ;;
		esac
	done
	printf '%s' "$out"
}

file_owner() { # numeric uid of a path (GNU or BSD stat)
	stat -c %u -- "$1" 2>/dev/null || stat -f %u -- "$1"
}

user_exists() { id -u -- "$1" >/dev/null 2>&1; }

# RUN_AS: empty when not root (run everything as ourselves); otherwise the
# unprivileged user that owns and runs the cluster.
RUN_AS=
choose_user() { # $1 = "create" to allow creating tidings-dev
	is_root || return 0
	[[ -n $RUN_AS ]] && return 0
	if [[ -e $LINK/data ]]; then
		local uid
		uid=$(file_owner "$LINK/data")
		[[ $uid -ne 0 ]] || die "$LINK/data is owned by root; remove it (scripts/devdb.sh destroy --yes) and start again"
		RUN_AS=$(id -nu -- "$uid" 2>/dev/null) || RUN_AS=$uid
		return 0
	fi
	if [[ -n ${TIDINGS_DEVDB_USER:-} ]]; then
		user_exists "$TIDINGS_DEVDB_USER" || die "TIDINGS_DEVDB_USER=$TIDINGS_DEVDB_USER does not exist"
		RUN_AS=$TIDINGS_DEVDB_USER
	elif user_exists postgres; then
		RUN_AS=postgres
	elif user_exists tidings-dev; then
		RUN_AS=tidings-dev
	elif [[ ${1:-} == create ]] && command -v useradd >/dev/null 2>&1; then
		say "running as root: creating system user tidings-dev to run PostgreSQL"
		useradd --system --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin tidings-dev >&2 ||
			die "useradd tidings-dev failed; set TIDINGS_DEVDB_USER to an unprivileged user"
		RUN_AS=tidings-dev
	elif user_exists nobody; then
		RUN_AS=nobody
	else
		die "running as root and no unprivileged user found; set TIDINGS_DEVDB_USER"
	fi
}

# Run a command as the cluster's owner, from a directory it can read. The lock
# descriptor (9) is closed so a server started here does not keep holding it.
as_pg() {
	if [[ -z $RUN_AS ]]; then
		"$@" 9>&-
	elif command -v runuser >/dev/null 2>&1; then
		(cd / && runuser -u "$RUN_AS" -- "$@") 9>&-
	elif command -v setpriv >/dev/null 2>&1; then
		(cd / && setpriv --reuid="$RUN_AS" --regid="$(id -g -- "$RUN_AS")" --init-groups -- "$@") 9>&-
	else
		local q
		printf -v q '%q ' "$@"
		(cd / && su -s /bin/sh "$RUN_AS" -c "$q") 9>&-
	fi
}

RUN_UID=
run_as_uid() { # uid of the cluster's owner (cached)
	if [[ -z $RUN_UID ]]; then
		if [[ -n $RUN_AS ]]; then RUN_UID=$(id -u -- "$RUN_AS"); else RUN_UID=$EUID; fi
	fi
	printf '%s' "$RUN_UID"
}

# ---------------------------------------------------------------- layout

# BASE: real directory holding data/, log/ and (usually) sock/.
# SOCK: socket directory.  Both are physical, absolute paths.
BASE=
SOCK=
FALLBACK=0
layout() {
	run_as_uid >/dev/null
	local uid=$RUN_UID
	if [[ -L $LINK ]]; then
		BASE=$(readlink -- "$LINK")
		FALLBACK=1
	elif [[ -d $LINK ]]; then
		BASE=$LINK
	elif [[ -n $RUN_AS ]] && user_exists "$RUN_AS" && ! as_pg test -x "$ROOT"; then
		BASE=/tmp/tidings-devdb-$uid-$(short_hash "$ROOT")
		FALLBACK=1
	else
		BASE=$LINK
	fi
	SOCK=$BASE/sock
	if ((${#SOCK} + 14 > SOCKET_MAX)); then # 14 = length of "/.s.PGSQL.5432"
		SOCK=/tmp/tidings-devdb-$uid-$(short_hash "$ROOT")-sock
	fi
}

database_url() {
	printf 'postgres://postgres@/%s?host=%s&sslmode=disable\n' "$DBNAME" "$(urlencode "$SOCK")"
}

# mkdir_owned DIR: create DIR (mode 700) for the cluster owner, or check that
# an existing one belongs to it and is not a symlink (matters under /tmp).
mkdir_owned() {
	local d=$1
	run_as_uid >/dev/null
	if [[ ! -e $d && ! -L $d ]]; then
		(umask 077 && mkdir -p -- "$d")
		[[ -z $RUN_AS ]] || chown -- "$RUN_UID:$(id -g -- "$RUN_AS")" "$d"
		return 0
	fi
	[[ -d $d && ! -L $d ]] || die "$d exists but is not a directory"
	if [[ $d == /tmp/* ]] && [[ $(file_owner "$d") -ne $RUN_UID ]]; then
		die "$d is not owned by uid $RUN_UID; remove it and start again"
	fi
}

prepare_dirs() {
	mkdir -p -- "$VAR"
	if [[ -n $RUN_AS && $FALLBACK -eq 0 && ! -e $LINK ]]; then
		as_pg test -x "$VAR" || chmod a+x -- "$VAR"
	fi
	if ((FALLBACK)); then
		if [[ ! -L $LINK ]]; then
			say "$RUN_AS cannot reach $ROOT (a parent directory is not searchable);"
			say "keeping the cluster in $BASE instead, linked from var/pg"
			mkdir_owned "$BASE"
			ln -s -- "$BASE" "$LINK"
		elif [[ ! -d $BASE ]]; then
			say "var/pg points to $BASE, which is gone (cleared on reboot?); creating a new cluster there"
			mkdir_owned "$BASE"
		fi
	fi
	mkdir_owned "$BASE"
	mkdir_owned "$BASE/log"
	if [[ $SOCK != "$BASE/sock" && ! -d $SOCK ]]; then
		say "socket path under $BASE would be too long; using $SOCK"
	fi
	mkdir_owned "$SOCK"
}

lock() { # serialise concurrent start/stop/destroy from parallel make runs
	command -v flock >/dev/null 2>&1 || return 0
	mkdir -p -- "$VAR"
	exec 9>"$VAR/.devdb.lock"
	flock 9
}

# ---------------------------------------------------------------- binaries

BINDIR=
PSQL=
major_of() { # major version of a postgres binary
	"$1" -V | awk '{print $3}' | cut -d. -f1
}

try_bindir() { # $1 = directory, $2 = wanted major version or ""; sets BINDIR
	local d=$1 want=$2
	[[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] || return 1
	if [[ -n $want && $d != "/usr/lib/postgresql/$want/bin" && $(major_of "$d/postgres") != "$want" ]]; then
		return 1
	fi
	BINDIR=$d
}

find_bindir() { # $1 = wanted major version or ""; sets BINDIR or returns 1
	local want=${1:-} d v
	if [[ -n ${PG_BINDIR:-} ]]; then
		try_bindir "$PG_BINDIR" "" || die "PG_BINDIR=$PG_BINDIR does not hold initdb, pg_ctl and postgres"
		if [[ -n $want && $(major_of "$BINDIR/postgres") != "$want" ]]; then
			die "PG_BINDIR=$PG_BINDIR is not PostgreSQL $want, which made $BASE/data"
		fi
		return 0
	fi
	[[ -n $want ]] && try_bindir "/usr/lib/postgresql/$want/bin" "$want" && return 0
	if command -v pg_config >/dev/null 2>&1; then
		try_bindir "$(pg_config --bindir 2>/dev/null || true)" "$want" && return 0
	fi
	if [[ -d /usr/lib/postgresql ]]; then # Debian/Ubuntu: newest first
		for v in $(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -name '[0-9]*' -printf '%f\n' | sort -rn); do
			try_bindir "/usr/lib/postgresql/$v/bin" "$want" && return 0
		done
	fi
	if d=$(command -v initdb 2>/dev/null); then
		d=$(readlink -f -- "$d" 2>/dev/null || printf '%s' "$d")
		try_bindir "$(cd -P -- "$(dirname -- "$d")" && pwd -P)" "$want" && return 0
	fi
	if [[ -n $want ]] && find_bindir ""; then
		die "the cluster in $BASE/data was made by PostgreSQL $want, but only PostgreSQL $(major_of "$BINDIR/postgres") was found ($BINDIR); install PostgreSQL $want, or start afresh with: scripts/devdb.sh destroy --yes"
	fi
	return 1
}

install_hint() {
	cat >&2 <<'EOF'
devdb: PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found.
Install them, then run this again:
  Debian/Ubuntu:  sudo apt-get install postgresql
  Fedora/RHEL:    sudo dnf install postgresql-server
  macOS:          brew install postgresql@16
Or point PG_BINDIR at the directory that holds them, or set DATABASE_URL to use
an existing server (the role needs CREATEDB for the tests).
EOF
	exit 1
}

ensure_bindir() { # $1 = "install" to allow installing Debian's package
	local want=
	[[ -f $BASE/data/PG_VERSION ]] && want=$(<"$BASE/data/PG_VERSION")
	if ! find_bindir "$want"; then
		if [[ ${1:-} == install ]] && is_root && [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; then
			say "PostgreSQL server programs not found; installing Debian's postgresql package"
			export DEBIAN_FRONTEND=noninteractive
			if apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2; then
				find_bindir "$want" || install_hint
			else
				say "apt-get install postgresql failed"
				install_hint
			fi
		else
			install_hint
		fi
	fi
	if [[ -x $BINDIR/psql ]]; then
		PSQL=$BINDIR/psql
	elif command -v psql >/dev/null 2>&1; then
		PSQL=$(command -v psql)
	else
		die "psql not found (Debian/Ubuntu: apt-get install postgresql-client)"
	fi
}

# ---------------------------------------------------------------- cluster

running() { # 0 if the server is running
	[[ -f $BASE/data/PG_VERSION ]] || return 1
	as_pg "$BINDIR/pg_ctl" status -D "$BASE/data" >/dev/null 2>&1
}

init_cluster() {
	local locale=C
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		locale=C.UTF-8
	fi
	say "creating PostgreSQL $(major_of "$BINDIR/postgres") cluster in $BASE/data"
	if ! as_pg "$BINDIR/initdb" -D "$BASE/data" -U postgres --auth=trust -E UTF8 \
		--locale="$locale" >"$BASE/log/initdb.log" 2>&1; then
		cat "$BASE/log/initdb.log" >&2
		die "initdb failed (log: $BASE/log/initdb.log)"
	fi
	as_pg tee -a "$BASE/data/postgresql.conf" >/dev/null <<'EOF'

# Tidings dev settings, rewritten by scripts/devdb.sh on every start
include_if_exists = 'tidings-devdb.conf'
EOF
}

write_conf() { # regenerated each start, so a moved checkout gets the right socket
	local s=${SOCK//\'/\'\'}
	as_pg tee "$BASE/data/tidings-devdb.conf" >/dev/null <<EOF
listen_addresses = ''
unix_socket_directories = '$s'
unix_socket_permissions = 0700
port = $PGPORT_LOCAL
max_connections = 200
synchronous_commit = off
EOF
}

pg_psql() { "$PSQL" -X -h "$SOCK" -p "$PGPORT_LOCAL" -U postgres "$@"; }

cmd_start() {
	lock
	choose_user create
	layout
	prepare_dirs
	ensure_bindir install
	if [[ ! -f $BASE/data/PG_VERSION ]]; then
		if [[ -e $BASE/data ]] && [[ -n $(ls -A -- "$BASE/data" 2>/dev/null) ]]; then
			die "$BASE/data exists but holds no cluster; remove it (scripts/devdb.sh destroy --yes)"
		fi
		init_cluster
	fi
	if ! running; then
		write_conf
		say "starting PostgreSQL (socket $SOCK, no TCP; log var/pg/log/postgres.log)"
		if ! as_pg "$BINDIR/pg_ctl" -D "$BASE/data" -l "$BASE/log/postgres.log" -w -t 60 start >/dev/null 2>&1; then
			tail -n 20 "$BASE/log/postgres.log" >&2 || true
			die "PostgreSQL did not start (log: $BASE/log/postgres.log)"
		fi
	fi
	if [[ $(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'") != 1 ]]; then
		pg_psql -d postgres -q -c "CREATE DATABASE $DBNAME" >&2
		say "created database $DBNAME"
	fi
	database_url
}

cmd_stop() {
	lock
	choose_user
	layout
	if [[ ! -f $BASE/data/PG_VERSION ]]; then
		say "no cluster in $LINK"
		return 0
	fi
	ensure_bindir
	if running; then
		as_pg "$BINDIR/pg_ctl" -D "$BASE/data" -m fast -w stop >/dev/null
		say "stopped"
	else
		say "not running"
	fi
}

cmd_status() {
	choose_user
	layout
	if [[ ! -f $BASE/data/PG_VERSION ]]; then
		echo "not initialized (scripts/devdb.sh start creates it in $LINK)"
		return 3
	fi
	ensure_bindir
	local state=stopped rc=3
	if running; then state=running rc=0; fi
	echo "state:   $state"
	echo "url:     $(database_url)"
	echo "data:    $BASE/data (PostgreSQL $(<"$BASE/data/PG_VERSION"), owner ${RUN_AS:-$(id -un)})"
	echo "socket:  $SOCK (no TCP listener)"
	echo "log:     $BASE/log/postgres.log"
	echo "bindir:  $BINDIR"
	return "$rc"
}

cmd_url() {
	choose_user
	layout
	database_url
}

cmd_psql() {
	(cmd_start) >/dev/null
	choose_user
	layout
	ensure_bindir
	exec "$PSQL" -X -h "$SOCK" -p "$PGPORT_LOCAL" -U postgres -d "$DBNAME" "$@"
}

cmd_destroy() {
	local yes=0 reply
	[[ ${1:-} == --yes || ${1:-} == -y ]] && yes=1
	choose_user
	layout
	if [[ ! -e $LINK && ! -L $LINK && ! -e $BASE ]]; then
		say "nothing to destroy"
		return 0
	fi
	if ((!yes)); then
		[[ -t 0 ]] || die "refusing to delete $BASE without --yes"
		read -r -p "Delete the private cluster in $BASE and all its data? [y/N] " reply
		[[ $reply == [yY]* ]] || die "aborted"
	fi
	if [[ -f $BASE/data/PG_VERSION ]] && find_bindir "" && running; then
		as_pg "$BINDIR/pg_ctl" -D "$BASE/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	lock
	[[ -n $BASE && $BASE != / ]] || die "refusing to delete '$BASE'"
	rm -rf -- "$BASE"
	[[ -L $LINK ]] && rm -f -- "$LINK"
	[[ $SOCK == "$BASE/sock" ]] || rm -rf -- "$SOCK"
	say "deleted $BASE"
}

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
url) cmd_url ;;
psql) cmd_psql "$@" ;;
destroy) cmd_destroy "$@" ;;
-h | --help | help | '') usage ;;
*)
	say "unknown command: $cmd"
	usage
	;;
esac
