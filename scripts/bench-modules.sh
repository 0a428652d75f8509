#!/bin/bash
# Build the benchmark module and the test driver as out-of-tree modules
# against one kernel object directory, and the P7 user program.
#
#   scripts/bench-modules.sh OBJDIR OUTDIR
#
# The same sources build against the base and the patched kernel: that is
# what makes the comparison fair.  lib/test_interval_mirror.c comes from the
# series (it uses only exported API, so it builds against the base too).
. "$(dirname "$0")/lib.sh"

obj=$(realpath "$1"); out=$(realpath -m "$2")
rm -rf "$out" && mkdir -p "$out/mod"
cp "$TOP"/bench/module/*.c "$out/mod/"
cp "$TREE/lib/test_interval_mirror.c" "$TREE/lib/test_interval_mirror_uapi.h" "$out/mod/"
printf 'obj-m += mmu_interval_bench.o test_interval_mirror.o\n' > "$out/mod/Kbuild"
if [ -f "$obj/Module.symvers" ]; then
	run make -s -C "$obj" M="$out/mod" CC="ccache gcc" W=1 -j"$JOBS" modules
else
	# A tree that was only prepared has no Module.symvers: modpost cannot
	# resolve any symbol, so keep its warnings about that out of the way.
	export KBUILD_MODPOST_WARN=1
	run make -s -C "$obj" M="$out/mod" CC="ccache gcc" W=1 -j"$JOBS" modules \
		2> >(grep -v -e 'modpost: .* undefined!' -e 'unresolved symbol' \
			-e 'Module.symvers is missing' -e '^         ' >&2)
fi
run ccache gcc -static -O2 -Wall -I"$TREE" -o "$out/p7_mirror_loop" "$TOP/bench/user/p7_mirror_loop.c"
