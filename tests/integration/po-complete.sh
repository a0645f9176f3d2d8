#!/usr/bin/env bash
# Every message a person reads is translated: extract the messages from the
# sources as they are now, merge them into po/ar.po, and find nothing
# untranslated or fuzzy.  A new _("...") without its Arabic fails here.
set -u
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
xgettext --from-code=UTF-8 -k_ -kN_ -o "$T/now.pot" \
    $(ls lib/*.c core/*.c data/*.c devices/*.c labels/*.c tui/*.c cmd/*.c reports/*.c demo/*.c bus/*.c central/*.c \
    2>/dev/null) 2>"$T/err" || {
	echo "FAIL - xgettext: $(cat "$T/err")"; exit 1; }
msgmerge -q --no-fuzzy-matching -o "$T/ar.po" po/ar.po "$T/now.pot"
untranslated=$(msgattrib --untranslated --no-obsolete "$T/ar.po" |
    grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$T/ar.po" |
    grep -c '^msgid ' || true)
# msgattrib prints the header entry too when it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" = 0 ] && [ "$fuzzy" = 0 ]; then
	echo "ok - po/ar.po translates every message of the sources"
	pass=$((pass + 1))
else
	echo "FAIL - po/ar.po: $untranslated untranslated, $fuzzy fuzzy:"
	msgattrib --untranslated --no-obsolete "$T/ar.po" | grep '^msgid ' |
	    tail -n +2 | head -20
	fail=$((fail + 1))
fi
if msgfmt --check -o /dev/null po/ar.po 2>"$T/err"; then
	echo "ok - msgfmt --check po/ar.po"
	pass=$((pass + 1))
else
	echo "FAIL - msgfmt --check: $(head -3 "$T/err")"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
