# Languages: --lang ar gives Arabic messages from the catalogue, with the
# figures intact; --lang takes ar or en only.
set -u
. "$(dirname "$0")/lib.sh"

# is_arabic TEXT: TEXT has Arabic letters.
is_arabic() {
	python3 -c 'import re, sys
sys.exit(0 if re.search("[\u0621-\u064a]", sys.argv[1]) else 1)' "$1"
}

check_arabic() {
	if is_arabic "$2"; then
		it_pass "$1"
	else
		it_fail "$1" "no Arabic letters in: $2"
	fi
}

fails 2 "--lang xx" mz --lang xx stock
has_err "--lang xx names the choices" "ar or en"
fails 2 "--lang with nothing after it" mz --lang

ok "init" mz init --site HMS --admin admin
ok "depot add" mz depot add HMS --name-ar "مستودع حمص" --name-en Homs
ok "location add" mz location add HMS/A/01
ok "cost-centre add" mz cost-centre add CC-DRILL --name-ar "الحفر" \
    --name-en Drilling
ok "item add" mz item add P-100 --name-ar "صمام" --name-en Valve --uom EA
ok "receive 5" mz receive --to HMS/A/01 P-100 5

FIGURES="HMS/A/01 has 5 EA of P-100, 8 requested"
fails 1 "insufficient stock in English" mz --lang en issue --from HMS/A/01 \
    P-100 8 --to CC-DRILL
has_err "the English refusal has the figures" "$FIGURES"

# refuse_in_arabic NAME [ENV...]: the insufficient-stock refusal under
# --lang ar is Arabic and keeps the location, item and figures.
refuse_in_arabic() {
	local name=$1
	shift
	fails 1 "$name" env "$@" "$MAKHZAN" --lang ar issue --from HMS/A/01 \
	    P-100 8 --to CC-DRILL
	check_arabic "$name: Arabic letters" "$ERR"
	for w in HMS/A/01 P-100 5 8; do
		has_err "$name: keeps $w" "$w"
	done
}

# --- the switch itself, with a catalogue made here ----------------------------------
if command -v msgfmt >/dev/null 2>&1; then
	mkdir -p "$T/locale/ar/LC_MESSAGES"
	cat >"$T/ar.po" <<'EOF'
msgid ""
msgstr ""
"Project-Id-Version: makhzan-test\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\n"
"Last-Translator: tests\n"
"Language-Team: none\n"
"Language: ar\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\n"

#, c-format
msgid "insufficient stock: %s has %s %s of %s, %s requested"
msgstr "المخزون لا يكفي: في %s %s %s من %s، والمطلوب %s"
EOF
	if msgfmt --check -o "$T/locale/ar/LC_MESSAGES/makhzan.mo" "$T/ar.po"
	then
		refuse_in_arabic "a test catalogue" MAKHZAN_LOCALEDIR="$T/locale"
		refuse_in_arabic "a test catalogue under LC_ALL=C" \
		    MAKHZAN_LOCALEDIR="$T/locale" LC_ALL=C
		MAKHZAN_LOCALEDIR=$T/locale fails 1 \
		    "MAKHZAN_LANG=ar, the test catalogue" env MAKHZAN_LANG=ar \
		    "$MAKHZAN" issue --from HMS/A/01 P-100 8 --to CC-DRILL
		check_arabic "MAKHZAN_LANG=ar gives Arabic" "$ERR"
		MAKHZAN_LOCALEDIR=$T/locale fails 1 \
		    "--lang en wins over MAKHZAN_LANG=ar" env MAKHZAN_LANG=ar \
		    "$MAKHZAN" --lang en issue --from HMS/A/01 P-100 8 \
		    --to CC-DRILL
		has_err "--lang en gives English" "$FIGURES"
	else
		it_fail "msgfmt of the test catalogue" "msgfmt failed"
	fi
else
	echo "note: no msgfmt, the test catalogue is skipped"
fi

# --- the catalogue of the build -------------------------------------------------------
# The binary looks beside itself, in build/locale; `make check` also says
# where the build put the catalogues (LOCALEDIR_BUILD).
BIN_DIR=$(dirname "$MAKHZAN")
MO=ar/LC_MESSAGES/makhzan.mo
CAT=
if [ -f "$BIN_DIR/build/locale/$MO" ]; then
	CAT=$BIN_DIR/build/locale
	CAT_ENV=()
elif [ -n "${LOCALEDIR_BUILD:-}" ] && [ -f "$LOCALEDIR_BUILD/$MO" ]; then
	CAT=$LOCALEDIR_BUILD
	echo "note: the binary does not find $CAT by itself; using MAKHZAN_LOCALEDIR"
	CAT_ENV=(MAKHZAN_LOCALEDIR="$CAT")
elif [ -f "$BIN_DIR/locale/$MO" ]; then
	CAT=$BIN_DIR/locale
	echo "note: the binary does not find $CAT by itself; using MAKHZAN_LOCALEDIR"
	CAT_ENV=(MAKHZAN_LOCALEDIR="$CAT")
fi
if [ -z "$CAT" ]; then
	echo "note: no Arabic catalogue ($MO) beside $MAKHZAN yet: skipped"
else
	if command -v msgunfmt >/dev/null 2>&1 && ! msgunfmt "$CAT/$MO" |
	    grep -q '^msgid "insufficient stock: %s has %s %s of %s, %s requested"'
	then
		echo "note: $CAT/$MO has no translation of the insufficient-stock message"
	fi
	refuse_in_arabic "the build's catalogue" "${CAT_ENV[@]}" MAKHZAN_LANG=en
fi

finish
