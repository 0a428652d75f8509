#!/bin/bash
# Every mm selftest the VM can run, mirrored, on both test kernels of make
# test (run it first: the kernels, selftests and initramfs are its), with 3
# CPUs (migration needs them).  Not part of make test: four to five hours,
# KCSAN's half the longer.
# Names of kernels (vm-kasan, vm-kcsan) pick some; results of the others
# are kept.  Prints "N passed, N failed, N skipped" over those it ran.
#
#   scripts/soak.sh [KERNEL...]
. "$(dirname "$0")/lib.sh"

all=$MM_KASAN,$MM_KCSAN,$MM_SOAK_ONLY
R=$BUILD/results-soak
[ $# -gt 0 ] || set -- vm-kasan vm-kcsan
cases=()
for k in "$@"; do
	[ -f "$BUILD/$k.cpio.gz" ] || die "no $BUILD/$k.cpio.gz: run make test first"
	rm -rf "${R:?}/$k" "$R/$k.tsv" && mkdir -p "$R/$k"
	VM_SMP=3 VM_APPEND="mm_selftests_list=$all mm_selftests_timeout=$MM_SOAK_TIMEOUT kunit.enable=0" \
		run "$TOP/scripts/vm.sh" "$BUILD/$k/arch/x86/boot/bzImage" "$BUILD/$k.cpio.gz" \
		"$R/$k" 14400 || true
	"$TOP/scripts/vm-sections" "$R/$k/results.log" "$R/$k"
	"$TOP/scripts/mm-selftests-count" "$R/$k" "$k" \
		$(ls "$TOP"/evidence/mirrored-mm-selftests/baseline-*.tsv 2>/dev/null) > "$R/$k.tsv"
	"$TOP/scripts/check-log" "$R/$k/console.log" ||
		printf 'check\t%s kernel log clean\tfail\n' "$k" >> "$R/$k.tsv"
	cases+=("$R/$k.tsv")
done
awk -F'\t' '$3 == "fail" { print "  failed: " $2 ": " $4 }' "${cases[@]}"
awk -F'\t' '{ n[$3]++ } END {
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0 }' "${cases[@]}"
