#!/usr/bin/env bash
# Runs LivePerson's agent sample app (LivePersonInc/agent-sample-app), unchanged but for its
# configuration, against a Parley binary behind nginx with a self-signed certificate, while a
# visitor on Parley's native API writes a line after each of the app's lines. Needs Debian's
# nginx, nodejs, node-request and node-async. Everything runs on 127.0.0.1 from a temporary
# directory. Usage: scripts/try-liveperson-agent-app.sh APP_GIT_DIR [PARLEY_BIN]
#   APP_GIT_DIR: a git clone of the sample app; PARLEY_BIN: default .build/release/parley
set -euo pipefail
app_git=$1; parley=$(realpath "${2:-.build/release/parley}"); here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/parley-lp-app.XXXX); echo "work dir $work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT
export PARLEY_DATA_DIR=$work/data PARLEY_PORT=18080 PARLEY_ACCOUNT_ID=12345678 PARLEY_CAPTCHA=off \
       PARLEY_TRUSTED_PROXIES=127.0.0.1 PARLEY_ADMIN_PASSWORD=admin-password-1 PARLEY_LOG_LEVEL=${PARLEY_LOG_LEVEL:-warning}
mkdir -p "$work/data"
dept=$("$parley" department create --name Support | tail -1)
"$parley" agent create --email bot@parley.local --name "Sample Bot" --password bot-password-1 --department "$dept" >/dev/null
"$parley" serve >"$work/parley.log" 2>&1 & pids+=($!)
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat >"$work/nginx.conf" <<NGINX
daemon on; pid $work/nginx.pid; error_log $work/nginx-error.log;
events {}
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server {
    listen 127.0.0.1:18443 ssl;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    location / {
      proxy_pass http://127.0.0.1:18080;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf"
for _ in $(seq 300); do curl -fsk https://127.0.0.1:18443/healthz >/dev/null 2>&1 && break; sleep 0.2; done
mkdir "$work/app" && git -C "$app_git" archive HEAD | tar -x -C "$work/app"
sed -i -e 's#"csdsDomain" : "[^"]*"#"csdsDomain" : "https://127.0.0.1:18443"#' \
       -e 's#"refreshDelay" : [^/]*#"refreshDelay" : 3000 #' "$work/app/config/config.js"
(cd "$work/app" && printf '12345678\nbot@parley.local\nbot-password-1\n' |
   NODE_PATH=/usr/share/nodejs NODE_TLS_REJECT_UNAUTHORIZED=0 timeout 150 node App.js >"$work/app.log" 2>&1) & app=$!
sleep 3
python3 "$here/liveperson-app-visitor.py" http://127.0.0.1:18080 "$dept" 5 | tee "$work/visitor.log" || true
sleep 8; pkill -f 'node App.js' || true; wait $app || true
echo "----- the sample app printed:"; cat "$work/app.log"
echo "----- nginx saw:"; awk '{print $6, $7, $9}' "$work/nginx-access.log" | sed 's/"//g' | uniq -c
