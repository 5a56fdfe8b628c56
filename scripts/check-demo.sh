#!/usr/bin/env bash
# Starts ./scripts/demo.sh from scratch (empty data folder, build included) and checks, within $CHECK_DEMO_SECONDS
# (180) of the start, that the demo opens on a past: /api/autonomy?resolution=day over the 7 full days before today
# has coverage >= 0.95 each day, every tank of /api/water has days left, and the compost pile has a status judged on
# a temperature register reaching back over those 7 days. Prints when each step happened; exit 0 when all passed.
# Uses the site file's Modbus ports (15021-15032): do not run it beside another demo.
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${CHECK_DEMO_SECONDS:-180}"
export LUSTRAC_HTTP_PORT="${LUSTRAC_HTTP_PORT:-18090}" LUSTRAC_MQTT_PORT="${LUSTRAC_MQTT_PORT:-18839}"
export LUSTRAC_DATA; LUSTRAC_DATA="$(mktemp -d /tmp/lustrac-check-demo.XXXXXX)"
log="$LUSTRAC_DATA/demo.log"
api="http://localhost:$LUSTRAC_HTTP_PORT"
start=$(date +%s)
elapsed() { echo $(( $(date +%s) - start )); }

# Its own session, so the whole demo (script, server, firmware-host, gateways) stops with one signal to the group.
setsid ./scripts/demo.sh > "$log" 2>&1 &
demo=$!
finish() {
  kill -TERM -- "-$demo" 2>/dev/null || true
  # A component that does not stop within 20 s is killed, so the check never hangs on its way out.
  for _ in $(seq 20); do kill -0 -- "-$demo" 2>/dev/null || break; sleep 1; done
  if kill -0 -- "-$demo" 2>/dev/null; then
    echo "check-demo: still running 20 s after SIGTERM, killed:" >&2; ps -o pid,cmd -g "$demo" >&2 || true
    kill -KILL -- "-$demo" 2>/dev/null || true
  fi
  wait "$demo" 2>/dev/null || true
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$LUSTRAC_DATA"
}
trap finish EXIT

today=$(TZ=Europe/Paris date +%Y-%m-%d)
week_ago=$(TZ=Europe/Paris date -d "$today -7 days" +%Y-%m-%d)
built="" published="" energy="" water="" compost=""
check_energy() {
  curl -sf "$api/api/autonomy?resolution=day&from=$week_ago&to=$today" | python3 -c '
import json, sys
days = json.load(sys.stdin)["periods"]
low = [(d["start"], d["quality"]["coverage"]) for d in days if d["quality"]["coverage"] < 0.95]
sys.exit(0 if len(days) == 7 and not low else 1)'
}
check_water() {
  curl -sf "$api/api/water" | python3 -c '
import json, sys
tanks = json.load(sys.stdin)["tanks"]
sys.exit(0 if tanks and all(t["days_left"] is not None for t in tanks) else 1)'
}
check_compost() {
  for pile in $(curl -sf "$api/api/compost" | python3 -c 'import json,sys; print(" ".join(p["pile"] for p in json.load(sys.stdin)["piles"] if p["status"]))'); do
    # The register's first row must fall on the first of the 7 days: the status is judged on a week of past.
    first=$(curl -sf "$api/api/compost/$pile/register.csv?from=$week_ago&to=$today" | sed -n 2p | cut -d, -f1)
    [ -n "$first" ] && [ "$(TZ=Europe/Paris date -d "$first" +%Y-%m-%d)" = "$week_ago" ] && return 0
  done
  return 1
}

while [ "$(elapsed)" -le "$limit" ]; do
  kill -0 "$demo" 2>/dev/null || { echo "demo.sh stopped after $(elapsed) s; its log:" >&2; tail -40 "$log" >&2; exit 1; }
  [ -z "$built" ] && grep -q "== Starting the server" "$log" && built=$(elapsed) && echo "built after ${built} s"
  [ -z "$published" ] && grep -q "firmware-host: history published" "$log" && published=$(elapsed) \
    && echo "history published after ${published} s ($(grep -o 'history published: .*' "$log"))"
  if [ -n "$published" ]; then
    [ -z "$energy" ] && check_energy && energy=$(elapsed) && echo "energy: 7 days $week_ago..$today at coverage >= 0.95 after ${energy} s"
    [ -z "$water" ] && check_water && water=$(elapsed) && echo "water: every tank has days left after ${water} s"
    [ -z "$compost" ] && check_compost && compost=$(elapsed) && echo "compost: a pile's status on a register from $week_ago after ${compost} s"
    if [ -n "$energy" ] && [ -n "$water" ] && [ -n "$compost" ]; then
      echo "check-demo: passed, everything ready $(elapsed) s after the start (limit ${limit} s)"
      exit 0
    fi
  fi
  sleep 2
done
echo "check-demo: FAILED, not ready within ${limit} s (built: ${built:-no}, history: ${published:-no}, energy: ${energy:-no}, water: ${water:-no}, compost: ${compost:-no})" >&2
curl -s "$api/api/autonomy?resolution=day&from=$week_ago&to=$today" >&2 || true
exit 1
