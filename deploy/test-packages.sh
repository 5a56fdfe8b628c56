#!/usr/bin/env bash
# Builds the amd64 packages, installs them with dpkg, checks files, user, groups, conffiles and units
# (systemd-analyze verify), checks each installed binary reads the installed configuration, then removes and
# purges them and checks the data stays. Must run as root on a machine without Lustrac installed.
# Then builds the arm64 packages (a Pi's) and checks them against the amd64 ones (deploy/check-arm64-packages.sh):
# they cannot be installed here, a foreign architecture.
# Prints one line in dotnet test's format ("Passed!  - Failed: 0, Passed: N, ...") that scripts/test.sh sums.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
passed=0; failed=0; note=""
check() { # check "what" command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "  FAILED: $what" >&2; fi
}
finish() {
  local verdict=Passed; [ "$failed" -gt 0 ] && verdict=Failed
  echo "$verdict!  - Failed: $failed, Passed: $passed, Skipped: 0, Total: $((passed + failed)) - deploy/test-packages.sh$note"
  [ "$failed" -eq 0 ]
  exit $?
}
[ "$(id -u)" -eq 0 ] || { echo "  FAILED: deploy/test-packages.sh must run as root (dpkg -i)" >&2; failed=1; finish; }
if dpkg-query -W lustrac-gateway lustrac-server lustrac-site >/dev/null 2>&1 || [ -e /var/lib/lustrac ] || [ -e /etc/lustrac ]; then
  echo "  FAILED: Lustrac is installed on this machine (/etc/lustrac or /var/lib/lustrac exist); this test would overwrite it" >&2
  failed=1; finish
fi
command -v systemd-analyze >/dev/null || { echo "  FAILED: systemd-analyze missing (apt-get install systemd)" >&2; failed=1; finish; }
out=$(mktemp -d /tmp/lustrac-debs.XXXXXX)
trap 'rm -rf "$out"' EXIT

start=$SECONDS
echo "== Building the amd64 packages"
if ! "$root/deploy/build-packages.sh" --arch amd64 --out "$out"; then failed=1; finish; fi
echo "   built in $((SECONDS - start)) s"
v=${LUSTRAC_VERSION:-0.1.0}
echo "== Installing"
DEBIAN_FRONTEND=noninteractive dpkg -i "$out/lustrac-site_${v}_all.deb" "$out/lustrac-gateway_${v}_amd64.deb" "$out/lustrac-server_${v}_amd64.deb"
check "dpkg installed the three packages" dpkg-query -W -f='${Status}\n' lustrac-site lustrac-gateway lustrac-server
for p in lustrac-site lustrac-gateway lustrac-server; do
  check "$p is installed ok" sh -c "dpkg-query -W -f='\${Status}' $p | grep -qx 'install ok installed'"
done
check "gateway binary" test -x /opt/lustrac/gateway/Lustrac.Energy.Gateway
check "server binary" test -x /opt/lustrac/server/Lustrac.Energy.Server
check "site file" test -f /etc/lustrac/site.yaml
check "Mosquitto configuration shipped" test -f /usr/share/lustrac/mosquitto/lustrac.conf
check "make-users.sh shipped" test -x /usr/share/lustrac/mosquitto/make-users.sh
for unit in lustrac-gateway lustrac-server; do
  check "$unit unit installed" test -f /lib/systemd/system/$unit.service
  check "$unit enabled" test -L /etc/systemd/system/multi-user.target.wants/$unit.service
done
check "conffile gateway.json" sh -c "dpkg-query -W -f='\${Conffiles}' lustrac-gateway | grep -q ' /etc/lustrac/gateway.json '"
check "conffile server.json" sh -c "dpkg-query -W -f='\${Conffiles}' lustrac-server | grep -q ' /etc/lustrac/server.json '"
check "conffile site.yaml" sh -c "dpkg-query -W -f='\${Conffiles}' lustrac-site | grep -q ' /etc/lustrac/site.yaml '"
check "system user lustrac" sh -c "getent passwd lustrac | cut -d: -f3 | awk '\$1 < 1000 {ok=1} END {exit !ok}'"
for g in dialout gpio i2c; do check "lustrac in group $g" sh -c "id -nG lustrac | tr ' ' '\n' | grep -qx $g"; done
check "gateway.json readable by the service only" sh -c "[ \"\$(stat -c %U:%G:%a /etc/lustrac/gateway.json)\" = root:lustrac:640 ]"
for d in /var/lib/lustrac/gateway/outbox /var/lib/lustrac/gateway/state /var/lib/lustrac/server; do
  check "$d owned by lustrac" sh -c "[ \"\$(stat -c %U $d)\" = lustrac ]"
done
for unit in lustrac-gateway lustrac-server; do
  if systemd-analyze verify /lib/systemd/system/$unit.service > "$out/verify-$unit.log" 2>&1; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "  FAILED: systemd-analyze verify $unit.service:" >&2; cat "$out/verify-$unit.log" >&2; fi
done
# The installed binaries, started as their units start them, read the installed files: the gateway loads
# /etc/lustrac/site.yaml (named only in gateway.json) and stops at the empty Gateway:Id; the server loads the site
# and stops at a setting overridden on the command line. Exit code 2 is "configuration problem".
gw=$(cd /var/lib/lustrac/gateway && runuser -u lustrac -- /opt/lustrac/gateway/Lustrac.Energy.Gateway --config /etc/lustrac/gateway.json 2>&1; echo "exit $?")
check "gateway reads /etc/lustrac/gateway.json and the site file it names" sh -c "echo \"\$1\" | grep -q 'No gateway id given' && echo \"\$1\" | grep -q 'exit 2' && echo \"\$1\" | grep -q 'gw-est'" _ "$gw"
sv=$(cd /opt/lustrac/server && runuser -u lustrac -- /opt/lustrac/server/Lustrac.Energy.Server --config /etc/lustrac/server.json --Watchdog:WriteLimitSeconds 0 2>&1; echo "exit $?")
check "server reads /etc/lustrac/server.json and the site file it names" sh -c "echo \"\$1\" | grep -q 'Watchdog:WriteLimitSeconds' && echo \"\$1\" | grep -q 'exit 2'" _ "$sv"
check "no Lustrac process left running" sh -c "! pgrep -u lustrac"

echo "== Removing (data stays)"
echo "a reading" > /var/lib/lustrac/gateway/outbox/kept-by-test
echo "a database" > /var/lib/lustrac/server/lustrac.db
dpkg -r lustrac-gateway lustrac-server lustrac-site
check "binaries gone after remove" sh -c "[ ! -e /opt/lustrac/gateway/Lustrac.Energy.Gateway ] && [ ! -e /opt/lustrac/server/Lustrac.Energy.Server ]"
check "conffiles kept after remove" test -f /etc/lustrac/gateway.json
check "gateway data kept after remove" test -f /var/lib/lustrac/gateway/outbox/kept-by-test
check "server data kept after remove" test -f /var/lib/lustrac/server/lustrac.db
dpkg -P lustrac-gateway lustrac-server lustrac-site
check "conffiles gone after purge" sh -c "[ ! -e /etc/lustrac/gateway.json ] && [ ! -e /etc/lustrac/server.json ] && [ ! -e /etc/lustrac/site.yaml ]"
check "data kept after purge" sh -c "[ -f /var/lib/lustrac/gateway/outbox/kept-by-test ] && [ -f /var/lib/lustrac/server/lustrac.db ]"
check "units no longer enabled after purge" sh -c "[ ! -e /etc/systemd/system/multi-user.target.wants/lustrac-gateway.service ]"
# Leave the machine as found: the data this test made (the lustrac user stays, as Debian's policy wants).
rm -rf /var/lib/lustrac /etc/lustrac
echo "   amd64: $((SECONDS - start)) s"

arm64_start=$SECONDS
echo "== Building the arm64 packages (checked, not installed: a foreign architecture here)"
if "$root/deploy/build-packages.sh" --arch arm64 --out "$out/arm64"; then
  echo "   built in $((SECONDS - arm64_start)) s"
  . "$root/deploy/check-arm64-packages.sh"
  check_arm64_packages "$out" "$out/arm64" "$v"
  note=" (amd64 installed and removed; arm64 built and checked, $arm64_kind, not installed: foreign architecture)"
else
  failed=$((failed + 1)); echo "  FAILED: deploy/build-packages.sh --arch arm64" >&2
  note=" (amd64 installed and removed; arm64 build failed)"
fi
echo "   arm64: $((SECONDS - arm64_start)) s; whole test: $((SECONDS - start)) s"
finish
