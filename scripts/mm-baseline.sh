#!/bin/bash
# Record what the kernel's mm selftests do without the mirror, on the base
# (6.12) and on the series, both with KASAN: make test's selftests (MM_KASAN
# and MM_KCSAN) into evidence/mirrored-mm-selftests/baseline-{base,series}.tsv,
# and those only make soak runs into baseline-soak-{base,series}.tsv.
# make test and make soak count a case that fails mirrored as "fails
# without the mirror too" only when one of these has it fail or skip as
# well.  About an hour; "test" or "soak" picks one set.
#
#   scripts/mm-baseline.sh [test] [soak]
. "$(dirname "$0")/lib.sh"

out=$TOP/evidence/mirrored-mm-selftests
mkdir -p "$out"
base_src=$BUILD/bench/base-src
[ -d "$base_src" ] || run git -C "$TREE" worktree add -q --detach "$base_src" base
[ $# -gt 0 ] || set -- test soak

# The series' kernel is make test's KASAN kernel.  The base's has the same
# config but for the series' own tests, which the base has not: the rest of
# tests.config (lockdep, DEBUG_VM, fault injection) stays.
grep -v -e CONFIG_MMU_INTERVAL_NOTIFIER_KUNIT_TEST -e CONFIG_TEST_INTERVAL_MIRROR \
	"$TOP/config/tests.config" > "$BUILD/mm-baseline-base.config"
for k in base series; do
	V=$BUILD/mm-baseline-base
	[ $k = series ] && V=$BUILD/vm-kasan
	if [ $k = base ]; then
		SRC=$base_src run "$TOP/scripts/kernel.sh" "$V" "$TOP/config/vm.config" \
			"$BUILD/mm-baseline-base.config" "$TOP/config/mm-selftests.config" \
			"$TOP/config/kasan.config"
	else
		run "$TOP/scripts/kernel.sh" "$V" "$TOP/config/vm.config" "$TOP/config/tests.config" \
			"$TOP/config/mm-selftests.config" "$TOP/config/kasan.config"
	fi
	run "$TOP/scripts/selftests.sh" "$V" "$BUILD/selftests"
	run "$TOP/scripts/initramfs.sh" "$BUILD/mm-baseline-$k.cpio.gz" "$V" \
		"$TOP/vm/jobs/test.sh" "$BUILD/selftests/bin"/*
	for set in "$@"; do
		case $set in
		test) f=baseline-$k.tsv list="mm_selftests_list=$MM_KASAN,$MM_KCSAN" ;;
		soak) f=baseline-soak-$k.tsv
			list="mm_selftests_list=$MM_SOAK_ONLY mm_selftests_timeout=$MM_SOAK_TIMEOUT" ;;
		*) die "no set $set: test or soak" ;;
		esac
		R=$BUILD/results-mm-baseline/$set-$k
		VM_SMP=3 VM_APPEND="mm_selftests=plain $list kunit.enable=0" run "$TOP/scripts/vm.sh" \
			"$V/arch/x86/boot/bzImage" "$BUILD/mm-baseline-$k.cpio.gz" "$R" 7200
		run "$TOP/scripts/vm-sections" "$R/results.log" "$R"
		"$TOP/scripts/mm-selftests-count" "$R" "$k" > "$out/$f"
		say "$out/$f: $(tail -n +2 "$out/$f" | cut -f3 | sort | uniq -c | xargs)"
	done
done
