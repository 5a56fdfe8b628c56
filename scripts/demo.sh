#!/usr/bin/env bash
# The whole system on the emulated Lustrac site, embedded defaults, no external service:
# firmware-host (emulated meters and inverters) → gateways → in-process MQTT broker → server → SQLite.
# It starts with a past: firmware-host first publishes the last $LUSTRAC_HISTORY_DAYS days (30) of the emulated site
# through the MQTT contract, as the gateways would have (backfill mode), then the gateways read the live devices.
# Open http://localhost:8080 (or $LUSTRAC_HTTP_PORT). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
site_source="${LUSTRAC_SITE:-$root/site/lustrac.site.yaml}"
http_port="${LUSTRAC_HTTP_PORT:-8080}"
mqtt_port="${LUSTRAC_MQTT_PORT:-18830}"
speed="${LUSTRAC_SPEED:-1}"
data="${LUSTRAC_DATA:-$root/.run}"
history_days="${LUSTRAC_HISTORY_DAYS:-30}"
case "$history_days" in ''|*[!0-9]*) echo "LUSTRAC_HISTORY_DAYS='$history_days' is not a whole number of days (0 to 400)" >&2; exit 2;; esac
mkdir -p "$data"
if [ "$history_days" -gt 0 ]; then
  # The past is regenerated from the site model: start from an empty store, so the counters of an earlier run
  # (which started elsewhere in time) do not meet this run's and show as meter resets. Tokens are kept.
  rm -rf "$data"/lustrac.db "$data"/lustrac.db-* "$data"/quarantine.jsonl* "$data"/outbox-* "$data"/state-*
fi
# firmware-host makes the tank sensors' serial ports with socat (pseudo-terminal pairs).
if ! command -v socat >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq socat >/dev/null
fi
rm -rf /tmp/lustrac-demo-tty && mkdir -p /tmp/lustrac-demo-tty "$data/w1"
# The sample site plus the demo's compost probes and tank sensors (their buses are local to this machine).
site="$data/site.yaml"
if [ -z "${LUSTRAC_SITE:-}" ]; then cat "$site_source" "$root/site/lustrac.demo-devices.yaml" > "$site"; else cp "$site_source" "$site"; fi

echo "== Building"
for project in firmware-host/Lustrac.Energy.FirmwareHost server/Lustrac.Energy.Server gateway/Lustrac.Energy.Gateway; do
  dotnet build "$project" -c Release -nologo -v quiet
done
bin() { echo "$root/$1/bin/Release/net10.0/$2.dll"; }

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

echo "== Starting the server on http://localhost:$http_port (embedded MQTT broker on 127.0.0.1:$mqtt_port, SQLite in $data)"
# The first start computes figures from BackfillDays back: the whole history.
dotnet "$(bin server/Lustrac.Energy.Server Lustrac.Energy.Server)" --contentRoot "$root/server/Lustrac.Energy.Server" --site "$site" \
  --urls "http://localhost:$http_port" --Mqtt:Port "$mqtt_port" --Store:SqlitePath "$data/lustrac.db" \
  --Privacy:SecretsFile "$data/households.secrets" --Quarantine:File "$data/quarantine.jsonl" \
  --Autonomy:BackfillDays "$((history_days > 7 ? history_days + 1 : 7))" &
pids+=($!)
history=()
[ "$history_days" -gt 0 ] && history=(--history-days "$history_days" --history-broker "127.0.0.1:$mqtt_port")
echo "== Starting the emulated site (speed x$speed${history:+, with $history_days days of history})"
log="$data/firmware-host.log"
dotnet "$(bin firmware-host/Lustrac.Energy.FirmwareHost Lustrac.Energy.FirmwareHost)" --site "$site" --speed "$speed" --w1-root "$data/w1" \
  "${history[@]}" > >(tee "$log") &
firmware=$!
pids+=($firmware)
if [ "$history_days" -gt 0 ]; then
  # Live readings after the history, so the server sees every device's data in order.
  until grep -q "firmware-host: history published" "$log" 2>/dev/null; do
    kill -0 "$firmware" 2>/dev/null || { echo "== firmware-host stopped before its history was published (see above)" >&2; exit 1; }
    sleep 1
  done
else
  sleep 2
fi
for gateway in $(awk '/^gateways:/{g=1;next} /^[a-z]/{g=0} g && /^  - id:/{print $3}' "$site"); do
  echo "== Starting gateway $gateway"
  dotnet "$(bin gateway/Lustrac.Energy.Gateway Lustrac.Energy.Gateway)" --site "$site" --gateway "$gateway" \
    --mqtt-host 127.0.0.1 --mqtt-port "$mqtt_port" --outbox "$data/outbox-$gateway" \
    --Gateway:W1Root "$data/w1" --Gateway:StateFolder "$data/state-$gateway" &
  pids+=($!)
done
echo "== Running. Live values: http://localhost:$http_port/api/live  — page: http://localhost:$http_port/"
wait -n "${pids[@]}"
echo "== A component stopped; stopping the rest" >&2
exit 1
