#!/usr/bin/env bash
# Checks that the API description agrees with the server: starts the debug build (it builds
# nothing itself) on SQLite, then on a throw-away PostgreSQL, and runs schemathesis against
# the /openapi.yaml each serves, with every check and a fixed, seeded budget. Exits non-zero
# on any 5xx, any answer the description does not allow, or any other failed check.
#
#   scripts/fuzz-api.sh                  # both databases
#   PARLEY_FUZZ_DATABASES=sqlite scripts/fuzz-api.sh
#
# PARLEY_FUZZ_EXAMPLES (default 10) is the most cases per operation and phase, and
# PARLEY_FUZZ_SEED (default 1) the seed; PARLEY_BINARY names another server binary. Other
# arguments go to `st run` (`--include-operation-id closeChat`, `--report har`, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${PARLEY_BINARY:-.build/debug/parley}
databases=${PARLEY_FUZZ_DATABASES:-sqlite postgres}
examples=${PARLEY_FUZZ_EXAMPLES:-10}
seed=${PARLEY_FUZZ_SEED:-1}
schemathesis_version=4.32.5

if [ ! -x "$binary" ]; then
  echo "fuzz-api: $binary is missing; build first (swift build)" >&2
  exit 1
fi

# PostgreSQL runs in a throw-away cluster: run again inside scripts/with-postgres.sh.
if [[ " $databases " == *" postgres "* ]] && [ -z "${PARLEY_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres.sh "$PWD/scripts/fuzz-api.sh" "$@"
fi

# schemathesis, pinned, in the repository's ignored .venv (Debian ships venv apart from python3).
if ! .venv/bin/st --version 2>/dev/null | grep -qF "version $schemathesis_version"; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv
    rm -rf .venv
    python3 -m venv .venv
  fi
  .venv/bin/pip install -q "schemathesis==$schemathesis_version"
fi

admin_email=fuzz@parley.test
admin_password=fuzz-admin-password
export PARLEY_FUZZ_LIVE_AGENTS_TOKEN=fuzz-live-agents-secret
work=$(mktemp -d /tmp/parley-fuzz.XXXXXX)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts the server on `$1` (a database URL), waits until it is ready, and prepares what the
# run needs (see fuzz-api.toml): two sessions of the admin, the custom away statuses the
# description's examples name, two chats the admin serves, two LivePerson agent sessions,
# two visitors on the site (one for erasure alone) and a channel contact.
start_server() {
  local url=$1 data=$work/data-$2
  port=$(free_port)
  mkdir -p "$data"
  # Generous limits, so that the fuzzer meets the rules it is checking rather than 429s; a
  # long-poll waits at most a second; captchas are off so that chats get started and fuzzed.
  PARLEY_DATA_DIR=$data PARLEY_DATABASE_URL=$url PARLEY_HOST=127.0.0.1 PARLEY_PORT=$port \
  PARLEY_ADMIN_EMAIL=$admin_email PARLEY_ADMIN_PASSWORD=$admin_password \
  PARLEY_BCRYPT_COST=4 PARLEY_ACCESS_TOKEN_TTL_SECONDS=86400 PARLEY_LOG_LEVEL=warning \
  PARLEY_CAPTCHA=off PARLEY_LONG_POLL_MAX_SECONDS=1 \
  PARLEY_CHAT_STARTS_PER_MINUTE=1000000 PARLEY_LOGINS_PER_MINUTE=1000000 PARLEY_CAPTCHAS_PER_MINUTE=1000000 \
  PARLEY_MESSAGES_PER_MINUTE=1000000 PARLEY_MESSAGE_BURST=1000000 \
  PARLEY_TYPING_PER_MINUTE=1000000 PARLEY_TYPING_BURST=1000000 \
  PARLEY_VISITOR_TRACKS_PER_MINUTE=1000000 PARLEY_PAGE_VIEWS_PER_MINUTE=1000000 \
  PARLEY_LIVE_AGENTS_TOKEN=$PARLEY_FUZZ_LIVE_AGENTS_TOKEN \
  PARLEY_SMTP_HOST=127.0.0.1 PARLEY_SMTP_PORT=9 PARLEY_SMTP_FROM=fuzz@parley.test \
    "$binary" serve >"$work/server-$2.log" 2>&1 &
  server_pid=$!
  python3 - "$port" "$admin_email" "$admin_password" >"$work/tokens" <<'PYTHON' || return 1
import json, sys, time, urllib.request
base, email, password = f"http://127.0.0.1:{sys.argv[1]}", sys.argv[2], sys.argv[3]
def call(path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, json.dumps(body).encode(), headers)
    return json.load(urllib.request.urlopen(request, timeout=10))
for _ in range(300):
    try:
        urllib.request.urlopen(base + "/readyz", timeout=2)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("fuzz-api: the server did not become ready")
admin, spare = [call("/v1/auth/login", {"email": email, "password": password})["accessToken"] for _ in range(2)]
for name in ["Lunch", "Meeting"]:
    call("/v1/away-statuses", {"name": name}, admin)
department = call("/v1/departments", {"name": "Fuzz"}, admin)["id"]
chats = []
for _ in range(2):
    visitor = {"departmentId": department, "name": "Vera", "email": "vera@example.com", "message": "Hello"}
    chat = call("/v1/chats", visitor)["chat"]["id"]
    call(f"/v1/chats/{chat}/join", {}, admin)
    chats.append(chat)
sessions = []
for _ in range(2):
    request = urllib.request.Request(f"{base}/api/account/1/agentSession", b"{}", {"Authorization": f"Bearer {admin}"})
    sessions.append(urllib.request.urlopen(request, timeout=10).headers["Location"].rsplit("/", 1)[1])
tracked = [call("/v1/visitors", {"url": "https://shop.example/"}) for _ in range(2)]
visitors = [t["visitor"]["id"] for t in tracked]
# A channel contact with an open chat, so that the Live Agents operations reach past 404.
request = urllib.request.Request(
    f"{base}/live-agents/registerClient", json.dumps({"contact": {"uuid": "fuzz-contact"}, "department": "Fuzz"}).encode(),
    {"Content-Type": "application/json", "Authorization": "Token fuzz-live-agents-secret"},
)
urllib.request.urlopen(request, timeout=10)
print(admin, spare, *chats, *sessions, *visitors, tracked[0]["credentials"]["accessToken"])
PYTHON
  read -r PARLEY_FUZZ_TOKEN PARLEY_FUZZ_LOGOUT_TOKEN PARLEY_FUZZ_CHAT PARLEY_FUZZ_SPARE_CHAT \
    PARLEY_FUZZ_AGENT_SESSION PARLEY_FUZZ_SPARE_AGENT_SESSION PARLEY_FUZZ_VISITOR PARLEY_FUZZ_SPARE_VISITOR \
    PARLEY_FUZZ_VISITOR_TOKEN <"$work/tokens" || return 1
  export PARLEY_FUZZ_TOKEN PARLEY_FUZZ_LOGOUT_TOKEN PARLEY_FUZZ_CHAT PARLEY_FUZZ_SPARE_CHAT \
    PARLEY_FUZZ_AGENT_SESSION PARLEY_FUZZ_SPARE_AGENT_SESSION PARLEY_FUZZ_VISITOR PARLEY_FUZZ_SPARE_VISITOR \
    PARLEY_FUZZ_VISITOR_TOKEN
}

fuzz() {
  local label=$1 url=$2
  shift 2
  echo "fuzz-api: $label"
  if ! start_server "$url" "$label"; then
    cat "$work/server-$label.log" >&2
    stop_server
    return 1
  fi
  local status=0
  .venv/bin/st --config-file scripts/fuzz-api.toml run "http://127.0.0.1:$port/openapi.yaml" \
    --checks all \
    --max-examples "$examples" --seed "$seed" \
    --generation-database none \
    --request-timeout 10 \
    --no-color "$@" || status=$?
  stop_server
  if [ "$status" -ne 0 ] && grep -q 'error' "$work/server-$label.log"; then
    echo "fuzz-api: the server's errors ($label):" >&2
    grep 'error' "$work/server-$label.log" | tail -n 20 >&2
  fi
  return "$status"
}

failed=0
for database in $databases; do
  case $database in
    sqlite) fuzz sqlite "sqlite:$work/parley.sqlite" "$@" || failed=1 ;;
    postgres)
      # A database of its own, so that the cluster may be shared with other users.
      psql "$PARLEY_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS parley_fuzz" -c "CREATE DATABASE parley_fuzz" >/dev/null
      fuzz postgres "${PARLEY_TEST_POSTGRES_URL%/*}/parley_fuzz" "$@" || failed=1
      ;;
    *) echo "fuzz-api: unknown database '$database' (sqlite, postgres)" >&2; exit 2 ;;
  esac
done
exit "$failed"
