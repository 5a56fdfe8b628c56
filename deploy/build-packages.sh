#!/usr/bin/env bash
# Builds the Debian packages of Lustrac.Energy with dpkg-deb alone:
#   lustrac-site_V_all.deb        /etc/lustrac/site.yaml (the site file both services read; a conffile)
#   lustrac-gateway_V_ARCH.deb    gateway in /opt/lustrac/gateway (Native AOT; arm64 cross-compiled, else trimmed),
#                                 /etc/lustrac/gateway.json, unit
#   lustrac-server_V_ARCH.deb     self-contained server in /opt/lustrac/server, /etc/lustrac/server.json, unit,
#                                 the locked-down Mosquitto configuration in /usr/share/lustrac/mosquitto
# Usage: deploy/build-packages.sh [--arch amd64|arm64|all] [--out DIR] [--only gateway|server]
# Version: $LUSTRAC_VERSION (default 0.1.0). Each publish prints how long it took.
# Native AOT needs Debian's clang and zlib1g-dev; LUSTRAC_GATEWAY_AOT=0 builds the amd64 gateway trimmed instead.
# The arm64 gateway is cross-compiled with Native AOT when Debian's cross toolchain is installed (gcc-aarch64-linux-gnu,
# binutils-aarch64-linux-gnu, libc6-dev-arm64-cross, with clang); without it, it is built trimmed and this says so.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
arches="amd64 arm64"
out="$root/deploy/out"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arches=$2; [ "$arches" = all ] && arches="amd64 arm64"; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown argument '$1'; usage: build-packages.sh [--arch amd64|arm64|all] [--out DIR] [--only gateway|server]" >&2; exit 2 ;;
  esac
done
version=${LUSTRAC_VERSION:-0.1.0}
command -v dpkg-deb >/dev/null || { echo "dpkg-deb not found (Debian's dpkg package)" >&2; exit 1; }
command -v file >/dev/null || { echo "file not found (Debian's file package): it checks each binary's architecture" >&2; exit 1; }
gateway_aot=${LUSTRAC_GATEWAY_AOT:-1}
if [ "$gateway_aot" = 1 ] && [ "$only" != server ] && [[ " $arches " == *" amd64 "* ]]; then
  command -v clang >/dev/null || { echo "clang not found: Native AOT of the amd64 gateway needs Debian's clang (or LUSTRAC_GATEWAY_AOT=0)" >&2; exit 1; }
  [ -e /usr/include/zlib.h ] || { echo "zlib.h not found: Native AOT of the amd64 gateway needs Debian's zlib1g-dev (or LUSTRAC_GATEWAY_AOT=0)" >&2; exit 1; }
fi
mkdir -p "$out"
stage_root=$(mktemp -d /tmp/lustrac-packages.XXXXXX)
trap 'rm -rf "$stage_root"' EXIT
. "$root/deploy/debian/maintainer-scripts.sh"

# Native AOT for the arm64 gateway: the cross linker, objcopy and C library it links against.
arm64_cross() { command -v clang && command -v aarch64-linux-gnu-gcc && command -v aarch64-linux-gnu-objcopy && [ -e /usr/aarch64-linux-gnu/lib/libc.so ]; } >/dev/null 2>&1

rid_of() { case "$1" in amd64) echo linux-x64 ;; arm64) echo linux-arm64 ;; *) echo "unknown architecture $1" >&2; exit 2 ;; esac; }

# control FILE PACKAGE ARCH DEPENDS RECOMMENDS DESCRIPTION STAGE
control() {
  local size; size=$(du -sk --exclude=DEBIAN "$7" | cut -f1)
  {
    echo "Package: $2"
    echo "Version: $version"
    echo "Architecture: $3"
    echo "Maintainer: Lustrac.Energy <energie@lustrac.example>"
    echo "Section: misc"
    echo "Priority: optional"
    echo "Installed-Size: $size"
    [ -n "$4" ] && echo "Depends: $4"
    [ -n "$5" ] && echo "Recommends: $5"
    echo "Homepage: https://lustrac.example/energy"
    echo "Description: $6"
    echo " Open monitoring of the Lustrac neighbourhood's energy, water and compost autonomy."
  } > "$1"
}

build() { # build STAGE [COMPRESSION]: writes the .deb into $out (xz: smallest, for a Pi; gzip: 109 MB of server in seconds, not minutes)
  local compression=${2:-xz}
  local name; name=$(sed -n 's/^Package: //p' "$1/DEBIAN/control")_${version}_$(sed -n 's/^Architecture: //p' "$1/DEBIAN/control").deb
  dpkg-deb --root-owner-group -Z"$compression" --build "$1" "$out/$name" >/dev/null
  echo "   $out/$name ($(du -h "$out/$name" | cut -f1))"
}

publish() { # publish PROJECT RID OUTPUT EXTRA...
  local project=$1 rid=$2 output=$3; shift 3
  local start=$SECONDS
  dotnet publish "$project" -c Release -r "$rid" --self-contained -nologo -v quiet -p:DebugType=none -p:GenerateDocumentationFile=false -o "$output" "$@" >/dev/null
  # The binary must be for the package's machine: a Pi cannot run an x86-64 file.
  local binary="$output/$(basename "$project")" expected
  case "$rid" in linux-arm64) expected="ARM aarch64" ;; *) expected="x86-64" ;; esac
  file -b "$binary" | grep -q "ELF 64-bit.*$expected" || { echo "$binary is not an $expected ELF: $(file -b "$binary")" >&2; exit 1; }
  echo "   published $(basename "$project") for $rid in $((SECONDS - start)) s ($(du -sh "$output" | cut -f1); $(file -b "$binary" | cut -d, -f1-2))"
}

runtime_depends="libc6, libgcc-s1, libstdc++6, zlib1g, libssl3 | libssl3t64"

echo "== lustrac-site"
s="$stage_root/site"
install -d "$s/DEBIAN" "$s/etc/lustrac"
install -m 0644 "$root/site/lustrac.site.yaml" "$s/etc/lustrac/site.yaml"
echo /etc/lustrac/site.yaml > "$s/DEBIAN/conffiles"
control "$s/DEBIAN/control" lustrac-site all "" "" "Lustrac.Energy site file (households, meters, gateways)" "$s"
build "$s"

for arch in $arches; do
  rid=$(rid_of "$arch")
  if [ "$only" != server ]; then
    echo "== lustrac-gateway $arch"
    s="$stage_root/gateway-$arch"
    install -d "$s/DEBIAN" "$s/etc/lustrac" "$s/lib/systemd/system" "$s/usr/share/doc/lustrac-gateway"
    # A Pi has little memory and storage (README, Deploying: gateway memory): Native AOT where it can be built, else trimmed.
    if [ "$arch" = amd64 ] && [ "$gateway_aot" = 1 ]; then
      publish gateway/Lustrac.Energy.Gateway "$rid" "$s/opt/lustrac/gateway" -p:PublishAot=true
    elif [ "$arch" = arm64 ] && [ "$gateway_aot" = 1 ] && arm64_cross; then
      publish gateway/Lustrac.Energy.Gateway "$rid" "$s/opt/lustrac/gateway" -p:PublishAot=true
    else
      [ "$arch" = arm64 ] && [ "$gateway_aot" = 1 ] && echo "   no arm64 cross toolchain (apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross): the arm64 gateway is trimmed, not Native AOT"
      publish gateway/Lustrac.Energy.Gateway "$rid" "$s/opt/lustrac/gateway" -p:PublishTrimmed=true
    fi
    install -m 0640 "$root/deploy/debian/gateway/gateway.json" "$s/etc/lustrac/gateway.json"
    install -m 0644 "$root/deploy/debian/gateway/lustrac-gateway.service" "$s/lib/systemd/system/"
    install -m 0644 "$root/README.md" "$s/usr/share/doc/lustrac-gateway/README.md"
    echo /etc/lustrac/gateway.json > "$s/DEBIAN/conffiles"
    write_maintainer_scripts "$s/DEBIAN" lustrac-gateway.service /etc/lustrac/gateway.json /var/lib/lustrac/gateway "outbox state" "dialout gpio i2c"
    control "$s/DEBIAN/control" lustrac-gateway "$arch" "lustrac-site (= $version), passwd, $runtime_depends" "" \
      "Lustrac.Energy gateway: reads meters over Modbus and GPIO, publishes over MQTT" "$s"
    build "$s"
  fi
  if [ "$only" != gateway ]; then
    echo "== lustrac-server $arch"
    s="$stage_root/server-$arch"
    install -d "$s/DEBIAN" "$s/etc/lustrac" "$s/lib/systemd/system" "$s/usr/share/doc/lustrac-server" "$s/usr/share/lustrac/mosquitto"
    # Not trimmed: ASP.NET Core minimal APIs and the SQLite provider rely on reflection.
    publish server/Lustrac.Energy.Server "$rid" "$s/opt/lustrac/server"
    install -m 0640 "$root/deploy/debian/server/server.json" "$s/etc/lustrac/server.json"
    install -m 0644 "$root/deploy/debian/server/lustrac-server.service" "$s/lib/systemd/system/"
    install -m 0644 "$root/README.md" "$s/usr/share/doc/lustrac-server/README.md"
    install -m 0644 "$root/deploy/mosquitto/lustrac.conf" "$s/usr/share/lustrac/mosquitto/"
    install -m 0755 "$root/deploy/mosquitto/make-users.sh" "$root/deploy/mosquitto/make-tls.sh" "$s/usr/share/lustrac/mosquitto/"
    echo /etc/lustrac/server.json > "$s/DEBIAN/conffiles"
    write_maintainer_scripts "$s/DEBIAN" lustrac-server.service /etc/lustrac/server.json /var/lib/lustrac/server "" ""
    control "$s/DEBIAN/control" lustrac-server "$arch" "lustrac-site (= $version), passwd, $runtime_depends" "mosquitto, influxdb" \
      "Lustrac.Energy server: MQTT ingest, stores, autonomy figures, HTTP API, wall screen" "$s"
    build "$s" gzip
  fi
done
