#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, starts real Mosquitto and
# InfluxDB on free loopback ports in a temporary folder, runs every test project, stops them whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- 1. What the tests need, from Debian's packages (we are root on CI; sudo elsewhere if present).
need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
command -v mbpoll >/dev/null 2>&1 || need+=(mbpoll)
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)  # deploy/test-packages.sh verifies the units
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
command -v file >/dev/null 2>&1 || need+=(file)  # deploy/build-packages.sh checks each binary's architecture
command -v clang >/dev/null 2>&1 || need+=(clang)  # Native AOT gateway of deploy/build-packages.sh (amd64)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
# The arm64 gateway's Native AOT cross-compile (clang drives the cross ld; libc6-dev-arm64-cross is only recommended).
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need+=(gcc-aarch64-linux-gnu)
command -v aarch64-linux-gnu-objcopy >/dev/null 2>&1 || need+=(binutils-aarch64-linux-gnu)
[ -e /usr/aarch64-linux-gnu/lib/libc.so ] || need+=(libc6-dev-arm64-cross)
# promtool checks deploy/prometheus's rules; Debian ships it only in prometheus (19 MB download, no service started here).
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  echo "== Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)

# --- 2. Real services on free loopback ports, in a temporary folder removed on exit.
work=$(mktemp -d /tmp/lustrac-test-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "$2 did not start" >&2; return 1; }

mqtt_port=$(free_port)
cat > "$work/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
# Run as root stays root: otherwise mosquitto drops to its own user, which cannot write in our temp folder.
user root
max_inflight_messages 1000
max_queued_messages 1000000
CONF
"$MOSQUITTO" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)

influx_port=$(free_port)
influx_rpc=$(free_port)
mkdir -p "$work/influx"
cat > "$work/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$influx_rpc"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd run -config "$work/influxdb.conf" > "$work/influxd.log" 2>&1 &
pids+=($!)
wait_port "$mqtt_port" mosquitto
wait_port "$influx_port" influxd
export LUSTRAC_TEST_MQTT_PORT=$mqtt_port
export LUSTRAC_TEST_INFLUX_URL="http://127.0.0.1:$influx_port/"
# influxd backup/restore talk to this RPC address (the backup and restore tests).
export LUSTRAC_TEST_INFLUX_RPC="127.0.0.1:$influx_rpc"
echo "== Mosquitto on 127.0.0.1:$mqtt_port, InfluxDB on 127.0.0.1:$influx_port"

# --- 3. Every test project in the solution.
dotnet build Lustrac.Energy.sln -c Release -nologo -v quiet
set +e
dotnet test Lustrac.Energy.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
# The Debian packages: build (amd64), install, check, remove; prints one line in dotnet test's format.
./deploy/test-packages.sh 2>&1 | tee -a "$work/test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# The Prometheus alert rules: promtool check and unit tests (deploy/prometheus/lustrac-rules.test.yml).
./deploy/prometheus/check-rules.sh 2>&1 | tee -a "$work/test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e
# One closing line for the whole run, summed over the test projects.
grep -E '^(Passed|Failed)!' "$work/test.log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
exit "$status"
