#!/usr/bin/env bash
# The whole system on the emulated Lustrac site, embedded defaults, no external service:
# firmware-host (emulated meters and inverters) → gateways → in-process MQTT broker → server → SQLite.
# Open http://localhost:8080 (or $LUSTRAC_HTTP_PORT). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
site_source="${LUSTRAC_SITE:-$root/site/lustrac.site.yaml}"
http_port="${LUSTRAC_HTTP_PORT:-8080}"
mqtt_port="${LUSTRAC_MQTT_PORT:-18830}"
speed="${LUSTRAC_SPEED:-1}"
data="${LUSTRAC_DATA:-$root/.run}"
mkdir -p "$data"
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
dotnet build Lustrac.Energy.sln -c Release -nologo -v quiet
bin() { echo "$root/$1/bin/Release/net10.0/$2.dll"; }

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

echo "== Starting the emulated site (speed x$speed)"
dotnet "$(bin firmware-host/Lustrac.Energy.FirmwareHost Lustrac.Energy.FirmwareHost)" --site "$site" --speed "$speed" --w1-root "$data/w1" &
pids+=($!)
echo "== Starting the server on http://localhost:$http_port (embedded MQTT broker on 127.0.0.1:$mqtt_port, SQLite in $data)"
dotnet "$(bin server/Lustrac.Energy.Server Lustrac.Energy.Server)" --contentRoot "$root/server/Lustrac.Energy.Server" --site "$site" \
  --urls "http://localhost:$http_port" --Mqtt:Port "$mqtt_port" --Store:SqlitePath "$data/lustrac.db" \
  --Privacy:SecretsFile "$data/households.secrets" --Quarantine:File "$data/quarantine.jsonl" &
pids+=($!)
sleep 2
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
