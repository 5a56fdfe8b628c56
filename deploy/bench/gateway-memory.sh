#!/usr/bin/env bash
# Resident memory of a gateway polling its 10 emulated SDM630 meters (gw-est of the Lustrac site) the way the demo
# runs it: firmware-host on loopback Modbus TCP, a real Mosquitto, the gateway publishing through its outbox.
# Several variants (runtime settings as environment variables) run side by side against the same emulated meters,
# each with its own outbox and client id. Prints every variant's RSS each minute, then start, end and growth over
# the second half, and the messages each variant delivered.
# Usage: gateway-memory.sh MINUTES GATEWAY [LABEL=ENV,ENV ...]
#   GATEWAY: a published binary (e.g. /opt/lustrac/gateway/Lustrac.Energy.Gateway), or "build" for the solution's
#   Release build (dotnet …/Lustrac.Energy.Gateway.dll). Variants, e.g. conserve=DOTNET_GCConserveMemory=5
#   (no variant: one run with the settings of the build). A label may name its own binary, LABEL@BINARY=ENV, to compare
#   builds in one sitting, e.g. aot@/tmp/aot/Lustrac.Energy.Gateway= trimmed@/tmp/trimmed/Lustrac.Energy.Gateway=
#   A label may end in +unit to run as the package's unit does (its Environment= line and a --config file like the
#   installed one), e.g. aot+unit@/tmp/aot/Lustrac.Energy.Gateway=
# MEMORY_REPORT=1: each gateway logs its managed heap every minute (Diagnostics:MemoryReportSeconds), printed beside
# the RSS, to tell managed growth from native.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
minutes=${1:-10}
gateway_bin=${2:-build}
shift $(( $# >= 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=("default=")
work=$(mktemp -d /tmp/lustrac-rss.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT INT TERM

printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 & pids+=($!)
dotnet "$root/firmware-host/Lustrac.Energy.FirmwareHost/bin/Release/net10.0/Lustrac.Energy.FirmwareHost.dll" \
  --site "$root/site/lustrac.site.yaml" --speed 1 --w1-root "$work/w1" >"$work/firmware.log" 2>&1 & pids+=($!)
sleep 3
labels=(); gws=(); bins=()
for variant in "${variants[@]}"; do
  label=${variant%%=*}; envs=${variant#*=}
  bin=$gateway_bin
  case "$label" in *@*) bin=${label#*@}; label=${label%%@*} ;; esac
  unit_env=""
  case "$label" in *+unit) label=${label%+unit}; unit_env=$(sed -n 's/^Environment=//p' "$root/deploy/debian/gateway/lustrac-gateway.service") ;; esac
  # Each variant is its own gateway instance: a site file whose gateway id is the variant's (same meters).
  sed "s/gw-est/gw-est-$label/" "$root/site/lustrac.site.yaml" > "$work/site-$label.yaml"
  args=(--site "$work/site-$label.yaml" --gateway "gw-est-$label" --mqtt-host 127.0.0.1 --mqtt-port "$port"
        --outbox "$work/outbox-$label" --state "$work/state-$label")
  if [ -n "$unit_env" ]; then # the installed configuration file, pointed at this run's folders and broker
    sed 's#"/etc/lustrac/site.yaml"#"'"$work/site-$label.yaml"'"#; s#"UseTls": true#"UseTls": false#; s#"CaFile": "[^"]*"#"CaFile": ""#' "$root/deploy/debian/gateway/gateway.json" > "$work/gateway-$label.json"
    args=(--config "$work/gateway-$label.json" "${args[@]}")
  fi
  [ "${MEMORY_REPORT:-0}" = 1 ] && args+=(--Diagnostics:MemoryReportSeconds=60)
  cmd=("$bin"); [ "$bin" = build ] && cmd=(dotnet "$root/gateway/Lustrac.Energy.Gateway/bin/Release/net10.0/Lustrac.Energy.Gateway.dll")
  env $unit_env ${envs//,/ } "${cmd[@]}" "${args[@]}" >"$work/gateway-$label.log" 2>&1 & gws+=($!); pids+=($!)
  mosquitto_sub -h 127.0.0.1 -p "$port" -t "lustrac/v1/+/gw-est-$label/+/readings" -q 1 >"$work/received-$label" 2>/dev/null & pids+=($!)
  labels+=("$label"); bins+=("$bin")
done
sleep 10 # past start-up: the first sample is the running gateway
declare -A first half last
rss() { awk '/^VmRSS:/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
for ((m = 0; m <= minutes; m++)); do
  [ "$m" -gt 0 ] && sleep 60
  line="minute $m:"
  for i in "${!labels[@]}"; do
    l=${labels[$i]}
    kill -0 "${gws[$i]}" 2>/dev/null || { echo "gateway $l exited:"; grep -v "^   at" "$work/gateway-$l.log" | head -20; exit 1; }
    r=$(rss "${gws[$i]}"); last[$l]=$r
    [ "$m" -eq 0 ] && first[$l]=$r
    [ "$m" -eq $((minutes / 2)) ] && half[$l]=$r
    line+=" $l ${r} MB"
  done
  echo "$line"
  if [ "${MEMORY_REPORT:-0}" = 1 ]; then
    for l in "${labels[@]}"; do echo "  $l $(grep -o 'memory: .*' "$work/gateway-$l.log" | tail -1)"; done
  fi
done
echo "gateway: $gateway_bin; $minutes minutes"
for i in "${!labels[@]}"; do
  l=${labels[$i]}
  echo "$l: ${bins[$i]}"
  awk -v l="$l" -v v="${variants[$i]#*=}" -v a="${first[$l]}" -v h="${half[$l]}" -v b="${last[$l]}" -v n="$((minutes - minutes / 2))" \
    -v got="$(wc -l < "$work/received-$l")" -v errors="$(grep -ci "fail\|error\|exception" "$work/gateway-$l.log" || true)" \
    'BEGIN{printf "%-12s %-40s start %5.1f MB, end %5.1f MB, last %d min %+5.1f MB; %d messages received, %d log lines with fail/error\n", l, (v==""?"(build settings)":v), a, b, n, b-h, got, errors}'
done
echo "expected messages: about $(( (minutes * 60 + 10) )) per variant (10 meters every 10 s)"
