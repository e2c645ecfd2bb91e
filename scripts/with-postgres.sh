#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster on a free loopback port, exported
# as PARLEY_TEST_POSTGRES_URL, and stops the cluster afterwards. Needs Debian's postgresql
# package and root (the cluster runs as the unprivileged postgres user).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/parley-pg.XXXXXX)
chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

stop() {
  su postgres -c "$pg_bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# Tests run in parallel, each app with its own pool and bus connection: the default of 100
# connections runs out.
su postgres -c "$pg_bin/initdb -D $dir/data -A trust -U parley" >/dev/null
if ! su postgres -c "$pg_bin/pg_ctl -D $dir/data -l $dir/log -w start -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500'" >/dev/null; then
  echo "with-postgres: PostgreSQL did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi
psql "postgres://parley@127.0.0.1:$port/postgres" -qc "CREATE DATABASE parley_test" >/dev/null

export PARLEY_TEST_POSTGRES_URL="postgres://parley@127.0.0.1:$port/parley_test"
echo "with-postgres: PostgreSQL ready at 127.0.0.1:$port"
"$@"
