# Writes the maintainer scripts of one service package into DEBIAN/. Sourced by build-packages.sh.
# write_maintainer_scripts DEBIAN_DIR UNIT CONFIG_FILE DATA_DIR "SUBFOLDERS" "EXTRA_GROUPS"
write_maintainer_scripts() {
  local debian=$1 unit=$2 config=$3 data=$4 subfolders=$5 groups=$6
  cat > "$debian/postinst" <<POSTINST
#!/bin/sh
# Creates the system user and the data folders, then enables and (where systemd runs) starts $unit.
set -e
if [ "\$1" = configure ]; then
  getent group lustrac >/dev/null || groupadd --system lustrac
  getent passwd lustrac >/dev/null || useradd --system --gid lustrac --home-dir /var/lib/lustrac --no-create-home --shell /usr/sbin/nologin --comment "Lustrac.Energy" lustrac
  for group in $groups; do
    getent group "\$group" >/dev/null || groupadd --system "\$group"
    usermod --append --groups "\$group" lustrac
  done
  install -d -o root -g lustrac -m 0755 /var/lib/lustrac
  install -d -o lustrac -g lustrac -m 0750 $data
  for sub in $subfolders; do install -d -o lustrac -g lustrac -m 0750 "$data/\$sub"; done
  # The settings may hold the MQTT password: readable by the service, not by everyone.
  chown root:lustrac $config && chmod 0640 $config
  if [ -x /usr/bin/deb-systemd-helper ]; then deb-systemd-helper enable $unit >/dev/null || true; fi
  if [ -d /run/systemd/system ]; then
    systemctl --system daemon-reload >/dev/null || true
    deb-systemd-invoke restart $unit >/dev/null || true
  else
    echo "systemd is not running here: $unit is enabled but not started."
  fi
fi
exit 0
POSTINST
  cat > "$debian/prerm" <<PRERM
#!/bin/sh
# Stops $unit before its files go (upgrade or removal); its data stays.
set -e
if [ -d /run/systemd/system ] && [ -x /usr/bin/deb-systemd-invoke ]; then
  deb-systemd-invoke stop $unit >/dev/null || true
fi
exit 0
PRERM
  cat > "$debian/postrm" <<POSTRM
#!/bin/sh
# Removal keeps the data ($data: outbox, counts, database, secrets) and the lustrac user; purge also forgets the unit's
# enablement and the configuration, never the data, which may be the only copy of a season of readings.
set -e
if [ -d /run/systemd/system ]; then systemctl --system daemon-reload >/dev/null || true; fi
case "\$1" in
  remove)
    if [ -x /usr/bin/deb-systemd-helper ]; then deb-systemd-helper mask $unit >/dev/null || true; fi
    echo "$unit removed; its data is kept in $data." ;;
  purge)
    if [ -x /usr/bin/deb-systemd-helper ]; then
      deb-systemd-helper purge $unit >/dev/null || true
      deb-systemd-helper unmask $unit >/dev/null || true
    fi
    echo "$unit purged; its data is still in $data: delete it by hand if it is no longer needed." ;;
esac
exit 0
POSTRM
  chmod 0755 "$debian/postinst" "$debian/prerm" "$debian/postrm"
}
