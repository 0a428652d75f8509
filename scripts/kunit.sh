#!/bin/bash
# Run the KUnit suites of a .kunitconfig under UML with kunit.py, and write
# their KTAP to OUT.
#
#   scripts/kunit.sh KUNITCONFIG OUT [kunit.py options...]
#
# KUNITCONFIG is a path in the kernel tree.  Each kunitconfig gets its own
# build directory under build/, kept between runs so rebuilds are incremental.
. "$(dirname "$0")/lib.sh"

cfg=$1 out=$(realpath -m "$2"); shift 2
name=$(echo "${cfg%/.kunitconfig}" | tr '/.' '__')
bdir=$BUILD/kunit/$name
mkdir -p "$bdir"
cd "$TREE"
run python3 tools/testing/kunit/kunit.py run --kunitconfig="$cfg" \
	--build_dir="$bdir" --jobs="$JOBS" --make_options="CC=ccache gcc" \
	--raw_output=kunit "$@" > "$out"
