#!/bin/bash
# Run KUnit suites under UML with kunit.py; write their KTAP to OUT and the
# whole kernel log beside it (OUT with .log for its suffix).
#
#   scripts/kunit.sh NAME OUT KUNITCONFIG...
#
# Each KUNITCONFIG is a path in the kernel tree or, under config/, in this
# repo; kunit.py merges them.  Each NAME gets its own build directory under
# build/kunit/, kept between runs so rebuilds are incremental.
. "$(dirname "$0")/lib.sh"

name=$1 out=$(realpath -m "$2"); shift 2
bdir=$BUILD/kunit/$(echo "$name" | tr '/.+' '___')
cfgs=()
for c in "$@"; do
	case $c in
	config/*) cfgs+=("--kunitconfig=$TOP/$c") ;;
	*) cfgs+=("--kunitconfig=$c") ;;
	esac
done
mkdir -p "$bdir"
cd "$TREE" || exit 1
run python3 tools/testing/kunit/kunit.py run "${cfgs[@]}" \
	--build_dir="$bdir" --jobs="$JOBS" --make_options="CC=ccache gcc" \
	--raw_output=kunit > "$out"
cp "$bdir/test.log" "${out%.*}.log"
