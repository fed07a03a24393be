#!/usr/bin/env bash
# Build the frozen app with PyInstaller (build.spec) into a temporary folder and run it:
#   <dist>/partner-portal/partner-portal --self-check
# with Qt offscreen. Exits non-zero when the build or the check fails, so a data file or a
# hidden import missing from build.spec fails CI. Needs `pip install pyinstaller`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/partner-desk-build.XXXXXX")
keep=${KEEP_BUILD:-0}
cleanup() { if [ "$keep" != 1 ]; then rm -rf "$work"; else echo "build kept in $work"; fi; }
trap cleanup EXIT

start=$(date +%s)
echo "== PyInstaller build (build.spec) in $work"
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$work/build" --distpath "$work/dist" "$root/build.spec" >"$work/build.log" 2>&1 || {
  tail -50 "$work/build.log"; echo "BUILD FAILED"; exit 1; }
built=$(date +%s)
app="$work/dist/partner-portal/partner-portal"
[ -x "$app" ] || { echo "no executable at $app"; exit 1; }
echo "   built in $((built - start)) s; $(du -sh "$work/dist/partner-portal" | cut -f1) in the folder"

echo "== $app --self-check"
# Run from a folder outside the source tree so nothing is picked up from it by accident.
out=$(cd "$work" && QT_QPA_PLATFORM=offscreen HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
  timeout 300 "$app" --self-check 2>"$work/check.err") || {
  status=$?; cat "$work/check.err"; echo "SELF-CHECK FAILED (exit $status)"; exit 1; }
if [ "$out" != "OK" ]; then
  cat "$work/check.err"; echo "SELF-CHECK SAID: $out"; exit 1
fi
echo "   self-check: $out ($(( $(date +%s) - built )) s)"
echo "== frozen build OK in $(( $(date +%s) - start )) s"
