#!/usr/bin/env bash
# Packs the one-folder bundle (installer/dist/counter-app, made by build.sh) as a Debian package with
# dpkg-deb: the bundle in /opt/counter-app, /usr/bin/counter-app, the .desktop entry and its icon, and
# /etc/counter-app/ for the fleet's config.toml. The data stays in each user's data folder and is never
# removed by the package. Output: installer/dist/counter-app_<version>_amd64.deb. See docs/fleet.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=installer/dist/counter-app
[ -x "$bundle/counter-app" ] || { echo "no bundle: run installer/build.sh first" >&2; exit 1; }
version=$("$bundle/counter-app" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
root=installer/build/deb-root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/256x256/apps" "$root/etc/counter-app"
cp -a "$bundle" "$root/opt/counter-app"
ln -s /opt/counter-app/counter-app "$root/usr/bin/counter-app"
install -m 644 installer/counter-app.desktop "$root/usr/share/applications/counter-app.desktop"
install -m 644 installer/counter-app.png "$root/usr/share/icons/hicolor/256x256/apps/counter-app.png"
size=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: counter-app
Version: $version
Architecture: $arch
Maintainer: counter_app <it@counter.invalid>
Installed-Size: $size
Depends: libgl1, libegl1, libfontconfig1, libxkbcommon0, libdbus-1-3
Recommends: libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, libxkbcommon-x11-0
Section: misc
Priority: optional
Description: Post office counter client (邮政营业柜台客户端)
 Offline-first point-of-sale client for post office counter clerks. Configure a fleet with
 /etc/counter-app/config.toml (see docs/fleet.md); the data lives in each user's data folder.
CONTROL
out="installer/dist/counter-app_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$out" >/dev/null
echo "Package: $out"
