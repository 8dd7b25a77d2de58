#!/usr/bin/env bash
# The action's lint step: runs `adr lint` in the working directory with the inputs, prints
# the findings in the chosen format, writes SARIF when asked, and reports on $GITHUB_OUTPUT:
#   exit-code  adr lint's exit code (0 clean, 1 findings, 2 usage or I/O error)
#   errors, warnings  the counts
#   sarif-file  the SARIF file's absolute path, or empty
# It always exits 0 so that the upload step can run; the action's last step fails the job
# with `exit-code`.
#
# Environment: INPUT_ARGS (split on spaces), INPUT_FORMAT (human|github|sarif|json),
# INPUT_WORKING_DIRECTORY, INPUT_SARIF_FILE, INPUT_UPLOAD_SARIF (true|false), GITHUB_OUTPUT.
set -euo pipefail

format="${INPUT_FORMAT:-github}"
sarif_file="${INPUT_SARIF_FILE:-adr.sarif}"
upload="${INPUT_UPLOAD_SARIF:-false}"
# bash 3.2 (macOS) calls an empty array unbound under `set -u`: hence ${args[@]+…} below.
read -r -a args <<<"${INPUT_ARGS:-}"

output() { echo "$1" >>"${GITHUB_OUTPUT:-/dev/null}"; }
fail() {
  echo "::error title=adr action::$1"
  output "exit-code=2"
  exit 2
}

case "$format" in
  human | github | sarif | json) ;;
  *) fail "format \`$format\` is not one of human, github, sarif, json" ;;
esac
case "$upload" in
  true | false) ;;
  *) fail "upload-sarif \`$upload\` is not true or false" ;;
esac
cd "${INPUT_WORKING_DIRECTORY:-.}" || fail "no directory \`${INPUT_WORKING_DIRECTORY:-}\`"

# The counts, from the JSON report: its top-level keys stand alone on their lines.
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
set +e
adr --color never lint --format json ${args[@]+"${args[@]}"} >"$summary"
set -e
count() { sed -n "s/^  \"$1\": \([0-9]*\),\{0,1\}$/\1/p" "$summary"; }
errors=$(count errors)
warnings=$(count warnings)

written=""
if [ "$format" = sarif ] || [ "$upload" = true ]; then
  set +e
  adr --color never lint --format sarif ${args[@]+"${args[@]}"} >"$sarif_file"
  code=$?
  set -e
  case "$sarif_file" in
    /*) written="$sarif_file" ;;
    *) written="$PWD/$sarif_file" ;;
  esac
  [ "$format" = sarif ] && echo "SARIF written to $written"
fi
if [ "$format" != sarif ]; then
  set +e
  adr --color always lint --format "$format" ${args[@]+"${args[@]}"}
  code=$?
  set -e
fi

output "exit-code=$code"
output "errors=${errors:-0}"
output "warnings=${warnings:-0}"
output "sarif-file=$written"
exit 0
