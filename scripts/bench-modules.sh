#!/bin/bash
# Build the benchmark module and the test driver as out-of-tree modules
# against one kernel object directory, and the P7 and P9 user programs.
#
#   scripts/bench-modules.sh OBJDIR OUTDIR
#
# The same sources build against the base and the patched kernel: that is
# what makes the comparison fair.  lib/test_interval_mirror.c comes from the
# series, as it was before it learnt two-pass callbacks (then it used only
# API the base has too), with its uapi header for the P7 program.
. "$(dirname "$0")/lib.sh"

obj=$(realpath "$1"); out=$(realpath -m "$2")
rm -rf "$out" && mkdir -p "$out/mod"
cp "$TOP"/bench/module/*.c "$out/mod/"
# The last version of the driver without invalidate_finish.
rev=HEAD
first=$(git -C "$TREE" log --format=%H --reverse -S invalidate_finish base..HEAD -- \
	lib/test_interval_mirror.c | head -n 1)
[ -n "$first" ] && rev=$first~1
mkdir -p "$out/inc/lib"
for f in test_interval_mirror.c test_interval_mirror_uapi.h; do
	git -C "$TREE" show "$rev:lib/$f" > "$out/mod/$f" || die "no lib/$f at $rev"
done
cp "$out/mod/test_interval_mirror_uapi.h" "$out/inc/lib/"
# P9 talks to upstream's test_hmm, whose uapi header is the base's.
git -C "$TREE" show base:lib/test_hmm_uapi.h > "$out/inc/lib/test_hmm_uapi.h"
printf 'obj-m += mmu_interval_bench.o test_interval_mirror.o\n' > "$out/mod/Kbuild"
# P8's two-pass mode needs the two-pass callbacks (invalidate_start/finish),
# which the base lacks: ask the source tree OBJDIR was built from.
src=$obj; [ -e "$obj/source" ] && src=$(realpath "$obj/source")
if grep -q 'invalidate_finish' "$src/include/linux/mmu_notifier.h"; then
	say "bench module: two-pass interface found in $src: P8 mode=two built"
	printf 'CFLAGS_mmu_interval_bench.o += -DBENCH_HAVE_TWO_PASS\n' >> "$out/mod/Kbuild"
else
	say "bench module: no two-pass interface in $src: P8 mode=single only"
fi
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
run ccache gcc -static -O2 -Wall -I"$out/inc" -o "$out/p7_mirror_loop" "$TOP/bench/user/p7_mirror_loop.c"
run ccache gcc -static -O2 -Wall -pthread -I"$out/inc" -o "$out/p9_hmm_snapshot" \
	"$TOP/bench/user/p9_hmm_snapshot.c"
