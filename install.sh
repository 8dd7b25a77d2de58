#!/bin/sh
# Installs the `adr` release binary for this machine: downloads the archive for the
# platform from the GitHub release, checks it against the release's SHA256SUMS, and puts
# `adr` in $ADR_INSTALL_DIR (default: ~/.local/bin).
#
#   curl -fsSL https://github.com/OWNER/REPO/releases/latest/download/install.sh | sh
#
# Environment:
#   ADR_VERSION      a release tag (`v0.2.0`); default: the latest release
#   ADR_REPO         OWNER/REPO on GitHub; the copy attached to a release names its own
#   ADR_INSTALL_DIR  where to put `adr`; default: ~/.local/bin
#   ADR_DOWNLOAD_URL the release download root, for mirrors and tests
#                    (default: https://github.com/$ADR_REPO/releases)
set -eu

# The release workflow writes the repository here in the copy it attaches to a release.
DEFAULT_REPO=""

say() { printf 'install.sh: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

repo="${ADR_REPO:-$DEFAULT_REPO}"
version="${ADR_VERSION:-latest}"
install_dir="${ADR_INSTALL_DIR:-$HOME/.local/bin}"
[ -n "$repo" ] || [ -n "${ADR_DOWNLOAD_URL:-}" ] ||
  fail "set ADR_REPO=OWNER/REPO (the GitHub repository adr is released from)"
root="${ADR_DOWNLOAD_URL:-https://github.com/$repo/releases}"

target() {
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release build for the $arch processor: install with cargo install --locked --git https://github.com/$repo" ;;
  esac
  case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) echo "x86_64-pc-windows-msvc" ;;
    *) fail "no release build for $os: install with cargo install --locked --git https://github.com/$repo" ;;
  esac
}

download() { # URL FILE
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https' --tlsv1.2 -fsSL -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "neither curl nor wget is installed"
  fi
}

sha256() { # FILE
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "neither sha256sum nor shasum is installed: cannot check the download"
  fi
}

target=$(target)
case "$target" in
  *windows*) archive="adr-$target.zip" ;;
  *) archive="adr-$target.tar.gz" ;;
esac
if [ "$version" = latest ]; then
  base="$root/latest/download"
else
  base="$root/download/$version"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
say "downloading $base/$archive"
download "$base/$archive" "$work/$archive" || fail "no $archive in release $version"
download "$base/SHA256SUMS" "$work/SHA256SUMS" || fail "release $version has no SHA256SUMS"
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS does not list $archive"
actual=$(sha256 "$work/$archive")
[ "$expected" = "$actual" ] || fail "checksum mismatch for $archive: expected $expected, got $actual"

case "$archive" in
  *.zip) (cd "$work" && unzip -q "$archive") ;;
  *) tar -xzf "$work/$archive" -C "$work" ;;
esac
binary="$work/adr"
[ -f "$binary" ] || binary="$work/adr.exe"
[ -f "$binary" ] || fail "$archive holds no adr binary"
mkdir -p "$install_dir"
cp "$binary" "$install_dir/" && chmod 755 "$install_dir/$(basename "$binary")"
say "installed $("$install_dir/$(basename "$binary")" --version) to $install_dir"
case ":$PATH:" in
  *":$install_dir:"*) ;;
  *) say "add $install_dir to your PATH" ;;
esac
