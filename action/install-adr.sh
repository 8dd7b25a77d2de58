#!/usr/bin/env bash
# The action's install step: puts `adr` on the job's PATH. A release binary when the
# action's ref is a release with a build for this runner (through the repository's
# install.sh, which checks the SHA-256), else `cargo install --locked` from the repository
# at that ref. Writes `method=release|cargo|path` to $GITHUB_OUTPUT.
#
# Environment: ADR_ACTION_REPOSITORY, ADR_ACTION_REF (from github.action_repository and
# github.action_ref), GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT;
# ADR_SKIP_INSTALL=true keeps an `adr` already on PATH.
set -euo pipefail

output() { echo "$1" >>"${GITHUB_OUTPUT:-/dev/null}"; }

if [ "${ADR_SKIP_INSTALL:-false}" = true ] && command -v adr >/dev/null 2>&1; then
  echo "using $(command -v adr): $(adr --version)"
  output "method=path"
  exit 0
fi

repo="${ADR_ACTION_REPOSITORY:-}"
ref="${ADR_ACTION_REF:-}"
# In composite actions github.action_repository and github.action_ref can be empty
# (actions/runner#2473); the action's own checkout is .../_actions/OWNER/REPO/REF.
if [ -z "$repo" ] || [ -z "$ref" ]; then
  path="${GITHUB_ACTION_PATH:-}"
  case "$path" in
    */_actions/*/*/*)
      rest="${path#*/_actions/}"
      owner="${rest%%/*}"
      rest="${rest#*/}"
      name="${rest%%/*}"
      repo="${repo:-$owner/$name}"
      ref="${ref:-${rest#*/}}"
      ;;
  esac
fi
root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/adr-action"
bin="$root/bin"
mkdir -p "$bin"

if [ -z "$repo" ] || [ -z "$ref" ]; then
  # `uses: ./` in adr's own repository: the action is the checkout; build it.
  if [ -f "${GITHUB_ACTION_PATH:-}/Cargo.toml" ]; then
    cargo install --locked --root "$root" --path "$GITHUB_ACTION_PATH" adr
    output "method=cargo"
    echo "$bin" >>"${GITHUB_PATH:-/dev/null}"
    "$bin/adr" --version
    exit 0
  fi
  echo "::error title=adr action::cannot tell which repository and ref the action runs from (github.action_repository and github.action_ref are empty)"
  exit 2
fi

if ADR_REPO="$repo" ADR_VERSION="$ref" ADR_INSTALL_DIR="$bin" \
  sh "${GITHUB_ACTION_PATH:-$(dirname "$0")/..}/install.sh"; then
  output "method=release"
else
  echo "no release build of $repo at $ref for this runner: building it with cargo"
  url="https://github.com/$repo"
  if [[ "$ref" =~ ^[0-9a-f]{40}$ ]]; then
    cargo install --locked --root "$root" --git "$url" --rev "$ref" adr
  else
    cargo install --locked --root "$root" --git "$url" --tag "$ref" adr ||
      cargo install --locked --root "$root" --git "$url" --branch "$ref" adr
  fi
  output "method=cargo"
fi
echo "$bin" >>"${GITHUB_PATH:-/dev/null}"
"$bin/adr" --version
