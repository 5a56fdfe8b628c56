# Checks the arm64 packages against the amd64 ones just installed and verified. Sourced by test-packages.sh, whose
# check() counts; sets arm64_kind to what the arm64 gateway is (Native AOT or trimmed).
# check_arm64_packages AMD64_DIR ARM64_DIR VERSION
check_arm64_packages() {
  local amd=$1 arm=$2 v=$3 p a b elf kind
  for p in lustrac-gateway lustrac-server; do
    a="$amd/${p}_${v}_amd64.deb"; b="$arm/${p}_${v}_arm64.deb"
    check "$p arm64: Architecture arm64" bash -c "[ \"\$(dpkg-deb -f '$b' Architecture)\" = arm64 ]"
    # Same control apart from the architecture and the size; same conffiles and maintainer scripts.
    check "$p arm64: control as amd64 apart from Architecture and Installed-Size" bash -c \
      "diff <(dpkg-deb -f '$a' | grep -v '^Architecture:\|^Installed-Size:') <(dpkg-deb -f '$b' | grep -v '^Architecture:\|^Installed-Size:')"
    rm -rf "$arm/$p.amd64" "$arm/$p.arm64"
    dpkg-deb -R "$a" "$arm/$p.amd64" && dpkg-deb -R "$b" "$arm/$p.arm64"
    check "$p arm64: conffiles and maintainer scripts as amd64" \
      diff -r --exclude=control "$arm/$p.amd64/DEBIAN" "$arm/$p.arm64/DEBIAN"
    # Everything outside /opt byte for byte: configuration, unit (so amd64's systemd-analyze verify holds for it),
    # Mosquitto files, README.
    check "$p arm64: files outside /opt identical to amd64 (unit verified above)" \
      diff -r --exclude=DEBIAN --exclude=opt "$arm/$p.amd64" "$arm/$p.arm64"
    # The same files in /opt, only the machine code differs; not so between an AOT and a trimmed gateway.
    kind=$(for d in "$arm/$p.amd64" "$arm/$p.arm64"; do [ -e "$d/opt/lustrac/gateway/libcoreclr.so" ] && echo trimmed || echo aot; done | uniq | wc -l)
    if [ "$kind" -ne 1 ]; then
      echo "   $p: amd64 and arm64 builds differ in kind (Native AOT and trimmed): /opt file lists not compared"
    elif diff <(cd "$arm/$p.amd64" && find opt | sort) <(cd "$arm/$p.arm64" && find opt | sort) > "$arm/$p.opt.diff"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "  FAILED: $p arm64: files in /opt differ from amd64 (< amd64, > arm64):" >&2; cat "$arm/$p.opt.diff" >&2
    fi
    # Every ELF file is for the Pi; a wrong one would only show there, as "Exec format error".
    elf=$(find "$arm/$p.arm64/opt" -type f -exec file {} + | grep ': *ELF')
    check "$p arm64: main binary is an ELF" bash -c "echo \"\$1\" | grep -q '/Lustrac\.Energy\.[A-Za-z]*: *ELF'" _ "$elf"
    if echo "$elf" | grep -v 'ELF 64-bit LSB .*ARM aarch64' > "$arm/$p.elf.bad"; then
      failed=$((failed + 1)); echo "  FAILED: $p arm64: ELF files not for ARM aarch64:" >&2; cat "$arm/$p.elf.bad" >&2
    else
      passed=$((passed + 1))
    fi
    echo "   $p arm64: $(echo "$elf" | wc -l) ELF files, $(grep -c . "$arm/$p.elf.bad") not ARM aarch64; $(du -h "$b" | cut -f1) packed, $(du -sh "$arm/$p.arm64/opt" | cut -f1) in /opt"
  done
  # Native AOT leaves no runtime beside the gateway; the trimmed build carries libcoreclr.so.
  if [ -e "$arm/lustrac-gateway.arm64/opt/lustrac/gateway/libcoreclr.so" ]; then arm64_kind="gateway trimmed"; else arm64_kind="gateway Native AOT"; fi
  # With the cross toolchain (build-packages.sh's test) the gateway must be Native AOT, unless AOT was turned off.
  if [ "${LUSTRAC_GATEWAY_AOT:-1}" = 0 ]; then
    arm64_kind="$arm64_kind: LUSTRAC_GATEWAY_AOT=0"
  elif { command -v clang && command -v aarch64-linux-gnu-gcc && command -v aarch64-linux-gnu-objcopy; } >/dev/null && [ -e /usr/aarch64-linux-gnu/lib/libc.so ]; then
    check "arm64 gateway is Native AOT (cross toolchain present)" test "$arm64_kind" = "gateway Native AOT"
  else
    arm64_kind="$arm64_kind: no arm64 cross toolchain"
  fi
  echo "   arm64: $arm64_kind"
  rm -rf "$arm"/*.amd64 "$arm"/*.arm64
}
