#!/usr/bin/env bash
# Usage: make-tls.sh [OUT_DIR] [HOST_NAME...]   (OUT_DIR defaults to /etc/mosquitto/lustrac)
# A self-signed CA and a server certificate signed by it, for the broker's TLS listener (8883). Copy
# OUT_DIR/ca.crt to every gateway and trust it there. The server certificate names localhost, 127.0.0.1 and
# every HOST_NAME given (a DNS name, or an IPv4 address).
set -euo pipefail
out=${1:-/etc/mosquitto/lustrac}
shift || true
mkdir -p "$out"
umask 077
san="DNS:localhost,IP:127.0.0.1"
for h in "$@"; do
  if [[ $h =~ ^[0-9.]+$ ]]; then san="$san,IP:$h"; else san="$san,DNS:$h"; fi
done
if [ ! -s "$out/ca.key" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=Lustrac MQTT CA" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
fi
openssl req -newkey rsa:2048 -nodes -subj "/CN=${1:-localhost}" -keyout "$out/server.key" -out "$out/server.csr" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$san" > "$out/server.ext"
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days 825 \
  -extfile "$out/server.ext" -out "$out/server.crt" 2>/dev/null
rm -f "$out/server.csr" "$out/server.ext"
chmod 644 "$out/ca.crt" "$out/server.crt"
if id mosquitto >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then chown mosquitto: "$out/server.key"; fi
echo "CA: $out/ca.crt; server certificate for $san: $out/server.crt"
