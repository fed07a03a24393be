#!/usr/bin/env bash
# The Tamil translation, with Qt's own tools (PySide6 ships them):
#   bash scripts/i18n.sh update   extract every tr()/translate() text of desktop/ into
#                                 resources/i18n/partner_desk_ta.ts (pyside6-lupdate); new
#                                 texts arrive "unfinished" for the translator (pyside6-linguist
#                                 or any editor; words in resources/i18n/GLOSSARY.md)
#   bash scripts/i18n.sh compile  make resources/i18n/partner_desk_ta.qm (pyside6-lrelease);
#                                 the .qm is committed, the app and the frozen build load it
#   bash scripts/i18n.sh check    fail when a text in the code is missing from the .ts, when a
#                                 message is unfinished or empty, or when the committed .qm is
#                                 not what lrelease makes of the .ts (its output is
#                                 byte-for-byte deterministic, so the check compares bytes)
# English needs a .qm too, for plurals only ("%n order(s)" -> "1 order" / "2 orders"):
# resources/i18n/partner_desk_en.ts is made with lupdate -pluralonly and checked the same way.
# The .ts files have no source line numbers (-locations none): edits elsewhere in a file do not
# change it, so branches merge without conflicts in it.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=${PYSIDE6_LUPDATE:-pyside6-lupdate}
LRELEASE=${PYSIDE6_LRELEASE:-pyside6-lrelease}
TS=${I18N_TS:-resources/i18n/partner_desk_ta.ts}
QM=${I18N_QM:-resources/i18n/partner_desk_ta.qm}
EN_TS=${I18N_EN_TS:-resources/i18n/partner_desk_en.ts}
EN_QM=${I18N_EN_QM:-resources/i18n/partner_desk_en.qm}

extract() {  # $1: the .ts to update in place; $2: target language; $3...: more lupdate options
  local ts=$1 language=$2
  shift 2
  # lupdate does not pick .py files out of a folder scan: list them.
  # shellcheck disable=SC2046
  "$LUPDATE" $(find desktop -name "*.py" -not -path "*/__pycache__/*" | LC_ALL=C sort) \
    -no-obsolete -locations none -source-language en_IN -target-language "$language" "$@" \
    -ts "$ts" >/dev/null
}

check_one() {  # $1 .ts, $2 .qm, $3 target language, $4... lupdate options; 1 when stale
  local ts=$1 qm=$2 language=$3 name status=0
  shift 3
  name=$(basename "$ts" .ts)
  cp "$ts" "$work/$name.ts"
  extract "$work/$name.ts" "$language" "$@"
  if ! cmp -s "$ts" "$work/$name.ts"; then
    diff -u "$ts" "$work/$name.ts" | head -40 || true
    echo "$ts is out of date with the code: bash scripts/i18n.sh update, translate, compile"
    status=1
  fi
  if ! unfinished "$work/$name.ts"; then
    echo "messages above are not translated in $ts"
    status=1
  fi
  "$LRELEASE" -silent "$ts" -qm "$work/$name.qm"
  if ! cmp -s "$qm" "$work/$name.qm"; then
    echo "$qm does not match $ts: bash scripts/i18n.sh compile, and commit the .qm"
    status=1
  fi
  return "$status"
}

unfinished() {  # $1: .ts; prints each unfinished or empty message, exit 1 when any
  python - "$1" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

TAMIL_MNEMONIC = re.compile("&[\u0b80-\u0bff]")
bad = []
for context in ET.parse(sys.argv[1]).getroot().iter("context"):
    name = context.findtext("name")
    for message in context.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [] if translation is None else list(translation.iter("numerusform"))
        texts = [f.text for f in forms] if forms else [None if translation is None else translation.text]
        kind = None if translation is None else translation.get("type")
        if kind is not None or not all((t or "").strip() for t in texts):
            bad.append(f"{name}: {source!r} ({kind or 'empty'})")
        elif any(TAMIL_MNEMONIC.search(t or "") for t in texts):
            bad.append(f"{name}: {source!r} (a & before a Tamil letter splits the letter when "
                       "underlined; end the text with a Latin key instead: \"புதுப்பி (&R)\")")
for line in bad:
    print(f"  untranslated: {line}")
sys.exit(1 if bad else 0)
PY
}

case "${1:-}" in
  update)
    extract "$TS" ta_IN
    extract "$EN_TS" en_IN -pluralonly
    for ts in "$TS" "$EN_TS"; do
      unfinished "$ts" || echo "translate the texts above in $ts, then: bash scripts/i18n.sh compile"
    done
    ;;
  compile)
    "$LRELEASE" -silent "$TS" -qm "$QM"
    "$LRELEASE" -silent "$EN_TS" -qm "$EN_QM"
    echo "wrote $QM and $EN_QM"
    ;;
  check)
    work=$(mktemp -d "${TMPDIR:-/tmp}/partner-desk-i18n.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    status=0
    check_one "$TS" "$QM" ta_IN || status=1
    check_one "$EN_TS" "$EN_QM" en_IN -pluralonly || status=1
    [ "$status" = 0 ] && echo "i18n OK: $(grep -c '<message' "$TS") messages in Tamil," \
      "$(grep -c '<message' "$EN_TS") English plurals; the .qm files match"
    exit "$status"
    ;;
  *)
    echo "usage: bash scripts/i18n.sh update|compile|check" >&2
    exit 2
    ;;
esac
