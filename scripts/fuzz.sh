#!/bin/sh
# Runs every fuzz target of the module for ${FUZZTIME:-60000x} each, one after
# the other (go test -fuzz takes one target at a time). Targets are found by
# their declaration, so a new FuzzXxx in any *_test.go is picked up without
# editing this script. A crash is saved by go test under testdata/fuzz/ of its
# package; commit it as a regression seed once fixed.
#
# The default is a count of inputs, not a duration: with a duration, Go 1.26's
# coordinator can fail a clean target with "context deadline exceeded" as the
# time runs out (golang/go#75804, fixed in Go 1.27).
#
#   scripts/fuzz.sh                 all targets, 60000 inputs each
#   FUZZTIME=5m scripts/fuzz.sh     longer (a duration: may hit that race)
#   scripts/fuzz.sh ./generator/content/   only the packages given
set -u
cd "$(dirname "$0")/.." || exit 2
fuzztime=${FUZZTIME:-60000x}
parallel=${FUZZPARALLEL:-}

if [ $# -gt 0 ]; then dirs=$*; else dirs=.; fi
# "dir<TAB>Name" for every func FuzzName(f *testing.F) outside vendor/ and testdata/.
targets=$(grep -rE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' $dirs 2>/dev/null |
	grep -v -e '/testdata/' -e '/vendor/' |
	sed -E 's#^(\./)?(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\2	\3#' |
	sort -u)

if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

failed=""
n=0
tab=$(printf '\t')
while IFS="$tab" read -r dir name; do
	[ -n "$name" ] || continue
	n=$((n + 1))
	echo "== $name ($dir, $fuzztime)"
	# Minimizing each new interesting input may take a minute by default
	# (with large seeds such as a .docx's XML, several minutes a target),
	# and go test's 10-minute default timeout counts it: a bounded count of
	# minimization runs, and a timeout that fits the slowest target.
	set -- go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -fuzzminimizetime "${FUZZMINIMIZE:-200x}" -timeout "${FUZZTIMEOUT:-25m}"
	[ -n "$parallel" ] && set -- "$@" -parallel "$parallel"
	if ! "$@" "./$dir/"; then
		failed="$failed $dir:$name"
	fi
done <<EOT
$targets
EOT

if [ -n "$failed" ]; then
	echo "fuzz.sh: FAILED:$failed" >&2
	exit 1
fi
echo "fuzz.sh: $n target(s) passed"
