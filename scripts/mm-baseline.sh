#!/bin/bash
# Record what the kernel's mm selftests that vm/jobs/test.sh runs do without
# the mirror, on the base (6.12) and on the series, both with KASAN, into
# evidence/mirrored-mm-selftests/baseline-{base,series}.tsv.  make test
# counts a case that fails mirrored as "fails without the mirror too" only
# when one of these has it fail or skip as well.  About 20 minutes.
#
#   scripts/mm-baseline.sh
. "$(dirname "$0")/lib.sh"

out=$TOP/evidence/mirrored-mm-selftests
mkdir -p "$out"
base_src=$BUILD/bench/base-src
[ -d "$base_src" ] || run git -C "$TREE" worktree add -q --detach "$base_src" base

# The series' kernel is make test's KASAN kernel, the base's its own.
for k in base series; do
	V=$BUILD/mm-baseline-base
	[ $k = series ] && V=$BUILD/vm-kasan
	if [ $k = base ]; then
		SRC=$base_src run "$TOP/scripts/kernel.sh" "$V" "$TOP/config/vm.config" \
			"$TOP/config/mm-selftests.config" "$TOP/config/kasan.config"
	else
		run "$TOP/scripts/kernel.sh" "$V" "$TOP/config/vm.config" "$TOP/config/tests.config" \
			"$TOP/config/mm-selftests.config" "$TOP/config/kasan.config"
	fi
	run "$TOP/scripts/selftests.sh" "$V" "$BUILD/selftests"
	run "$TOP/scripts/initramfs.sh" "$BUILD/mm-baseline-$k.cpio.gz" "$V" \
		"$TOP/vm/jobs/test.sh" "$BUILD/selftests/bin"/*
	R=$BUILD/results-mm-baseline/$k
	VM_SMP=3 VM_APPEND="mm_selftests=plain kunit.enable=0" run "$TOP/scripts/vm.sh" \
		"$V/arch/x86/boot/bzImage" "$BUILD/mm-baseline-$k.cpio.gz" "$R" 3600
	run "$TOP/scripts/vm-sections" "$R/results.log" "$R"
	"$TOP/scripts/mm-selftests-count" "$R" "$k" > "$out/baseline-$k.tsv"
	say "$out/baseline-$k.tsv: $(tail -n +2 "$out/baseline-$k.tsv" | cut -f3 | sort | uniq -c | xargs)"
done
