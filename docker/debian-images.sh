#!/usr/bin/env bash
# Builds the images docker/debian.yml swaps in, from Debian packages only (no image registry needed):
#   tuneboard-debian:bookworm  a debootstrap'ed minimal root file system, imported
#   tuneboard-jre:17           + openjdk-17-jre-headless
#   tuneboard-postgres:15      + postgresql-15 and an entry point compatible with the official image's
# The debootstrap tarball (~2 min to make) is kept in TUNEBOARD_CI_CACHE (default /var/cache/tuneboard-ci)
# and reused; the two image builds are cached by docker itself. Needs root, debootstrap and a Debian mirror
# (the one apt uses here, or DEBIAN_MIRROR).
set -euo pipefail
cd "$(dirname "$0")"
cache=${TUNEBOARD_CI_CACHE:-/var/cache/tuneboard-ci}
tarball=$cache/bookworm-minbase.tar
mkdir -p "$cache"

mirror() {
  if [[ -n ${DEBIAN_MIRROR:-} ]]; then echo "$DEBIAN_MIRROR"; return; fi
  # The first .../debian URL apt is configured with (one-line or deb822 sources), not the security archive.
  local url
  url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -Eo 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ' || true)
  echo "${url:-http://deb.debian.org/debian}"
}

if ! docker image inspect tuneboard-debian:bookworm >/dev/null 2>&1; then
  if [[ ! -s $tarball ]]; then
    root=$(mktemp -d)
    echo "debian-images: debootstrap bookworm from $(mirror) (about 2 min)"
    debootstrap --variant=minbase bookworm "$root" "$(mirror)" >"$cache/debootstrap.log" 2>&1 \
      || { tail -n 30 "$cache/debootstrap.log" >&2; rm -rf "$root"; exit 1; }
    tar -C "$root" -c . >"$tarball.tmp"
    mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  fi
  docker import "$tarball" tuneboard-debian:bookworm >/dev/null
fi
for image in jre:17 postgres:15; do
  # Quiet unless it fails (a newer docker client warns about its legacy builder on every build).
  docker build -q -t "tuneboard-$image" "${image%%:*}" >"$cache/build-${image%%:*}.log" 2>&1 \
    || { cat "$cache/build-${image%%:*}.log" >&2; exit 1; }
done
echo "debian-images: tuneboard-debian:bookworm, tuneboard-jre:17, tuneboard-postgres:15 ready"
