#!/usr/bin/env bash
# The dependency lock, in two forms that must agree:
#   uv.lock            every direct and transitive dependency at an exact version, for Linux
#                      and Windows alike (uv's universal lock), resolved from pyproject.toml;
#   requirements/*.txt the same pins with their hashes, exported from uv.lock, so the README's
#                      two commands need nothing but Python's own pip.
#
#   bash scripts/lock.sh          refresh: re-resolve pyproject.toml's ranges, re-export
#   bash scripts/lock.sh --check  fail (and say how to refresh) when either is out of date
#
# Needs uv at the version below: python -m pip install "uv==0.13.9"
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never

if ! uv --version 2>/dev/null | grep -q "^uv ${UV_VERSION}\b"; then
  echo "scripts/lock.sh needs uv ${UV_VERSION}: python -m pip install \"uv==${UV_VERSION}\"" >&2
  exit 2
fi

# name of the set -> the extras it holds (the runtime dependencies are in every set)
declare -A SETS=(
  [app]=""
  [test]="--extra test --extra postgres"
  [build]="--extra build"
)

export_set() {  # $1 set name, $2 output file
  # shellcheck disable=SC2086
  uv export --frozen --quiet --format requirements-txt --no-emit-project --no-dev \
    ${SETS[$1]} >"$2"
}

stale() {
  cat >&2 <<MSG
The dependency lock is out of date with pyproject.toml ($1).
Refresh it on purpose, in its own commit, and run the full suite on the new set:
    python -m pip install "uv==${UV_VERSION}"
    bash scripts/lock.sh
    bash .ci/run
    git add uv.lock requirements/ && git commit -m "Lock: <what changed and why>"
MSG
  exit 1
}

if [ "${1:-}" = "--check" ]; then
  uv lock --check --quiet 2>/dev/null || stale "uv lock --check"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for name in "${!SETS[@]}"; do
    export_set "$name" "$tmp/$name.txt"
    cmp -s "$tmp/$name.txt" "requirements/$name.txt" || stale "requirements/$name.txt"
  done
  echo "lock: uv.lock and requirements/*.txt match pyproject.toml"
else
  uv lock
  for name in "${!SETS[@]}"; do
    export_set "$name" "requirements/$name.txt"
  done
  echo "lock: refreshed uv.lock and requirements/{app,test,build}.txt"
fi
