#!/usr/bin/env bash
# Helpers to start and stop, on loopback only, the Chroma server and the PostgreSQL cluster the
# integration tests use (in a temporary folder, removed at the end). Sourced by run-tests.sh.
# start_test_servers exports HDS_TEST_CHROMA_URL and HDS_TEST_PG_URL once each server answers;
# a server that does not start is reported on stderr (with its log) and its variable stays
# unset, so that the tests needing it fail under CI=true with a message saying so.
# Works as root (PostgreSQL then runs as the `postgres` user, which initdb requires) and not.

_hds_free_port() {
  "${VENV:-.venv}/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_hds_as_postgres() {
  if [ "$(id -u)" = 0 ]; then su -s /bin/sh postgres -c "$*"; else sh -c "$*"; fi
}

start_test_servers() {
  local base log cport pport pgbin
  base=$(mktemp -d /tmp/hds-servers.XXXXXX)
  chmod 755 "$base"   # the postgres user must reach its folder inside when we run as root
  TEST_SERVERS_BASE=$base
  log=${HDS_TEST_SERVERS_LOG:-$base/servers.log}

  cport=$(_hds_free_port)
  ANONYMIZED_TELEMETRY=False "${VENV:-.venv}/bin/chroma" run --path "$base/chroma" --host 127.0.0.1 --port "$cport" \
    >>"$log" 2>&1 &
  CHROMA_PID=$!

  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$pgbin" ] && { [ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1; }; then
    pport=$(_hds_free_port)
    mkdir -p "$base/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$base/pg"
    if _hds_as_postgres "$pgbin/initdb -D $base/pg/data -A trust -U postgres" >>"$log" 2>&1 \
       && _hds_as_postgres "$pgbin/pg_ctl -D $base/pg/data -o '-k $base/pg -c listen_addresses=127.0.0.1 -p $pport' -l $base/pg/log start -w -t 60" >>"$log" 2>&1; then
      PG_BIN=$pgbin
      export HDS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$pport/postgres"
    else
      echo "test-servers: PostgreSQL did not start; see $log and $base/pg/log" >&2
    fi
  else
    echo "test-servers: no PostgreSQL binaries in /usr/lib/postgresql (run scripts/system-deps.sh)" >&2
  fi

  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$cport/api/v2/heartbeat" >/dev/null 2>&1; then
      export HDS_TEST_CHROMA_URL="http://127.0.0.1:$cport"
      break
    fi
    kill -0 "$CHROMA_PID" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "${HDS_TEST_CHROMA_URL:-}" ] || echo "test-servers: the Chroma server did not start; see $log" >&2
  return 0
}

stop_test_servers() {
  if [ -n "${CHROMA_PID:-}" ]; then
    kill "$CHROMA_PID" 2>/dev/null || true
    wait "$CHROMA_PID" 2>/dev/null || true
  fi
  if [ -n "${PG_BIN:-}" ]; then
    _hds_as_postgres "$PG_BIN/pg_ctl -D $TEST_SERVERS_BASE/pg/data stop -m fast" >/dev/null 2>&1 || true
  fi
  [ -n "${TEST_SERVERS_BASE:-}" ] && rm -rf "$TEST_SERVERS_BASE"
  unset CHROMA_PID PG_BIN TEST_SERVERS_BASE
}
