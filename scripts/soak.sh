#!/bin/bash
# Every mm selftest the VM can run, mirrored, on both test kernels of make
# test (run it first: the kernels, selftests and initramfs are its), with 3
# CPUs (migration needs them).  Not part of make test: about an hour.
# Prints "N passed, N failed, N skipped".
#
#   scripts/soak.sh
. "$(dirname "$0")/lib.sh"

all=cow,mremap_test,migration,ksm_functional_tests,khugepaged,uffd-unit-tests
all+=,madv_populate,mkdirty,hugetlb-madvise,hugetlb_fault_after_madv,soft-dirty
all+=,mremap_dontunmap,split_huge_page_test,gup_longterm,pagemap_ioctl
all+=,mlock2-tests,map_fixed_noreplace
R=$BUILD/results-soak
rm -rf "$R" && mkdir -p "$R"
for k in vm-kasan vm-kcsan; do
	[ -f "$BUILD/$k.cpio.gz" ] || die "no $BUILD/$k.cpio.gz: run make test first"
	VM_SMP=3 VM_APPEND="mm_selftests_list=$all kunit.enable=0" run "$TOP/scripts/vm.sh" \
		"$BUILD/$k/arch/x86/boot/bzImage" "$BUILD/$k.cpio.gz" "$R/$k" 7200 || true
	"$TOP/scripts/vm-sections" "$R/$k/results.log" "$R/$k"
	"$TOP/scripts/mm-selftests-count" "$R/$k" "$k" \
		$(ls "$TOP"/evidence/mirrored-mm-selftests/baseline-*.tsv 2>/dev/null) >> "$R/cases.tsv"
	"$TOP/scripts/check-log" "$R/$k/console.log" ||
		printf 'check\t%s kernel log clean\tfail\n' "$k" >> "$R/cases.tsv"
done
awk -F'\t' '$3 == "fail" { print "  failed: " $2 ": " $4 }' "$R/cases.tsv"
awk -F'\t' '{ n[$3]++ } END {
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0 }' "$R/cases.tsv"
