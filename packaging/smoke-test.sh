#!/usr/bin/env bash
# Smoke test of the stand-alone Linux app, as a clinic PC with no Python would run it:
#   bash packaging/smoke-test.sh dist/clinic-app-VERSION-linux-x86_64.tar.gz
# Unpacks the archive into an empty folder outside the checkout and runs its programs with a bare
# environment (no PATH to a venv, no PYTHON* variables, a new HOME, so a new database):
#   `clinic --version` and `clinic --help`; `clinic handout` of an example visit to a PDF (text and
#   the shipped fonts checked), in English and Spanish; the Spanish screens' translations present;
#   `clinic-app --self-check` under Xvfb: the window opens, an encrypted database is made, the
#   handout is printed through pdfium and Qt's print engine to a PDF (pages checked);
#   then `clinic db upgrade` makes a database with every migration, and finds it current when run again.
# Needs xvfb-run and poppler-utils (pdftotext, pdfinfo, pdffonts); .ci/run installs them.
set -euo pipefail
archive=$(realpath "${1:?usage: smoke-test.sh ARCHIVE.tar.gz}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
example="$root/tests/data/examples/knee-left-tight-calf.visit.json"

work=$(mktemp -d /tmp/clinic-app-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home" "$work/out"
tar -xzf "$archive" -C "$work"
app="$work/clinic-app"
cp "$example" "$work/out/visit.json"
printf '{"name": "Smoke Test Clinic", "phone": "555-0100", "emergency_number": "911"}\n' >"$work/out/clinic.json"
cd "$work/out"

bare() { env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$@"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
started=$(date +%s)

version=$(bare "$app/clinic" --version) || fail "clinic --version"
echo "smoke: $version"
bare "$app/clinic" --help | grep -q "handout" || fail "clinic --help does not list its commands"

bare "$app/clinic" handout visit.json --clinic clinic.json -o handout.pdf
pdftotext handout.pdf - | grep -q "Your home exercise plan" || fail "the handout has not its title"
pdffonts handout.pdf | grep -q "DejaVuSans" || fail "the handout has not the shipped font"
echo "smoke: clinic handout wrote $(pdfinfo handout.pdf | awk '/^Pages:/ {print $2}') pages"
# Spanish: Babel's locale data for the document languages is kept in the bundle (the spec trims it).
bare "$app/clinic" handout visit.json --clinic clinic.json --language es -o handout-es.pdf
pdftotext handout-es.pdf - | grep -q "ejercicio" || fail "the Spanish handout is not in Spanish"
# The Spanish screens: ours and Qt's own dialogs' (ui/language.py loads both).
for qm in resources/translations/clinic_app_es.qm PySide6/Qt/translations/qtbase_es.qm; do
    [ -s "$app/_internal/$qm" ] || fail "the bundle has no $qm (the Spanish screens)"
done

bare xvfb-run -a "$app/clinic-app" --self-check visit.json printed.pdf || fail "clinic-app --self-check"
pages=$(pdfinfo printed.pdf | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 1 ] || fail "the printed handout has no pages"

# The self-check leaves the data folder empty (a clinic's database is made, encrypted, with its first
# account), so the first upgrade makes a database and runs every migration; the second finds it current.
[ ! -e "$work/home/.local/share/clinic-app/clinic.db" ] || fail "the self-check left a database in the data folder"
bare "$app/clinic" db upgrade | grep -q "Created the database" || fail "clinic db upgrade did not make a database"
bare "$app/clinic" db upgrade | grep -q "already at the current schema" ||
    fail "the database clinic db upgrade made is not at the current schema"

echo "smoke: passed in $(($(date +%s) - started)) s ($(du -sm "$app" | cut -f1) MiB unpacked)"
