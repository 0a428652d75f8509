#!/bin/bash
# The test command: build the series, run every test, print one summary line.
#
# Stages: the scratch tree from patches/; checkpatch on every patch; mm/ and
# the in-tree users built with W=1 and sparse at every patch; kernel-doc and
# the rendered documentation; two VM kernels (lockdep + DEBUG_VM, with KASAN
# and with KCSAN), each booted once to run the KUnit suite at boot and the
# kselftests; the benchmark's modules against base and series.  Every case and check is
# one line in build/results/cases.tsv; the last line printed is
# "N passed, N failed, N skipped", and the exit status is non-zero when
# anything failed.
. "$(dirname "$0")/lib.sh"

R=$BUILD/results
rm -rf "$R" && mkdir -p "$R"
cases=$R/cases.tsv
: > "$cases"
t0=$SECONDS

check() {	# check NAME pass|fail [NOTE]
	printf 'check\t%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$cases"
	[ "$2" = pass ] || echo "FAILED: $1 ${3:-}" >&2
}
stage() {	# stage NAME COMMAND...: run COMMAND as one check, timed
	local name=$1 t=$SECONDS; shift
	say "$name"
	if "$@"; then check "$name" pass; rc=0; else check "$name" fail; rc=1; fi
	echo "stage '$name': $((SECONDS - t)) s" >> "$R/times"
	return $rc
}
count() {	# count SUITE TAPFILE
	"$TOP/scripts/tap-count" "$1" "$2" >> "$cases"
}

"$TOP/scripts/deps.sh" --check
stage "scratch tree from patches/" "$TOP/scripts/tree.sh" || die "cannot build the tree"

# Every patch passes checkpatch --strict.
for p in $(series_patches); do
	# Debian's python3 first: checkpatch's spdxcheck.py needs its python3-ply.
	# The scratch tree has no upstream history, so checkpatch cannot look up
	# the commits a Fixes: tag names: that one check is off.
	if (cd "$TREE" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q --no-summary \
		--ignore UNKNOWN_COMMIT_ID \
		"$PATCHES/$p" > "$R/checkpatch-$p.log" 2>&1); then
		check "checkpatch --strict $p" pass
	else
		cat "$R/checkpatch-$p.log" >&2
		check "checkpatch --strict $p" fail
	fi
done

# Every in-tree user, and mm/, built with W=1 and sparse at the base and at
# every patch: the series is bisectable and adds no warning.
stage "users build at every patch" "$TOP/scripts/users-check.sh" "$R/users" >> "$cases" || true

# kernel-doc of the series' files parses without a warning, and the
# documentation renders with no warning about them.
stage "kernel-doc -Wall clean" bash -c 'cd "$1" && shift && scripts/kernel-doc -none -Wall "$@" 2>&1 |
	tee /dev/stderr | (! grep -q .)' _ "$TREE" mm/mmu_interval_notifier.c mm/mmu_interval_notifier.h \
	include/linux/mmu_notifier.h lib/test_interval_mirror.c lib/test_interval_mirror_uapi.h || true
stage "Documentation/mm renders" "$TOP/scripts/docs.sh" "$BUILD/docs" "$R/docs.log" || true

# Every notifier invalidation start of the tree has its end: the series'
# semantic patch over its planted cases and over the tree, a case per site.
stage "coccinelle: every invalidation start has its end" \
	"$TOP/scripts/cocci-check.sh" "$cases" || true

# The core built in userspace (tools/testing/mmu_interval_notifier): every
# interleaving of small scenarios within a preemption bound, the read side's
# barriers under a weak memory model with each barrier removed in turn, and
# ThreadSanitizer and ASan/UBSan runs.  Each scenario and mutant is a case.
for t in check litmus tsan tsan-planted asan; do
	stage "userspace model: make $t" bash -c 'make -s -C "$1" O="$2" "$3" > "$4" 2>&1' _ \
		"$TREE/tools/testing/mmu_interval_notifier" "$BUILD/model/$t" "$t" \
		"$R/model-$t.tap" || cat "$R/model-$t.tap" >&2
	count "model ($t)" "$R/model-$t.tap"
done

# The VM: kernel, selftests, initramfs, one boot.  Three test kernels, with
# DEBUG_VM: KASAN and KCSAN, both with lockdep, and KMSAN, built with clang,
# without lock debugging (which KMSAN recurses through at boot).  (A kernel
# without a sanitizer never reported anything the others did not, and cost
# 11 minutes of a fresh run.)  KERNEL_LLVM=-16 builds the kernel with clang-16,
# VM_EXTRA adds to the kernel command line.
vm_suite() {	# vm_suite NAME MM_SELFTESTS FRAGMENT...: kernel in build/NAME, results in $R/NAME
	local name=$1 V=$BUILD/$1 mm=$2; shift 2
	stage "$name kernel builds" env ${KERNEL_LLVM:+LLVM=$KERNEL_LLVM} \
		"$TOP/scripts/kernel.sh" "$V" "$@" || return 0
	stage "$name selftests build" "$TOP/scripts/selftests.sh" "$V" "$BUILD/selftests" || return 0
	stage "$name initramfs" "$TOP/scripts/initramfs.sh" "$BUILD/$name.cpio.gz" "$V" \
		"$TOP/vm/jobs/test.sh" "$BUILD/selftests/bin"/* || return 0
	stage "$name boots and finishes its job" \
		env VM_APPEND="mm_selftests_list=$mm ${VM_EXTRA:-}" "$TOP/scripts/vm.sh" \
		"$V/arch/x86/boot/bzImage" "$BUILD/$name.cpio.gz" "$R/$name" "${VM_TIMEOUT:-1800}" || true
	"$TOP/scripts/vm-sections" "$R/$name/results.log" "$R/$name"
	for f in "$R/$name"/tap:*; do
		[ -e "$f" ] && count "kselftest:${f##*/tap:} ($name)" "$f"
	done
	[ -e "$R/$name/dmesg" ] && count "kunit ($name)" "$R/$name/dmesg"
	# The kernel's mm selftests, mirrored; the baselines are their results
	# without the mirror (scripts/mm-baseline.sh).
	"$TOP/scripts/mm-selftests-count" "$R/$name" "$name" \
		$(ls "$TOP"/evidence/mirrored-mm-selftests/baseline-*.tsv 2>/dev/null) >> "$cases"
	stage "$name kernel log clean" "$TOP/scripts/check-log" "$R/$name/console.log" || true
}
# The kernel's mm selftests run mirrored take about 8 minutes a kernel: each
# kernel runs its share (scripts/soak.sh runs all of them on both).  The
# KASAN VM has 3 CPUs: migration's cases need two threads besides the main
# one (numa_num_task_cpus() - 1 >= 2) and skip with fewer.
VM_SMP=3 vm_suite vm-kasan "$MM_KASAN" \
	"$TOP/config/vm.config" "$TOP/config/tests.config" \
	"$TOP/config/mm-selftests.config" "$TOP/config/kasan.config"
vm_suite vm-kcsan "$MM_KCSAN" \
	"$TOP/config/vm.config" "$TOP/config/tests.config" \
	"$TOP/config/mm-selftests.config" "$TOP/config/kcsan.config"
# KMSAN: the KUnit suites, the mirror selftests and hmm-tests, but not
# migrate_multiple, which outlasts the harness's fixed 30 s timeout under
# KMSAN and TCG (it runs on the other two kernels).
KERNEL_LLVM=-16 VM_EXTRA=hmm_tests_exclude=migrate_multiple vm_suite vm-kmsan "" \
	"$TOP/config/vm.config" "$TOP/config/tests.config" "$TOP/config/kmsan.config"
V=$BUILD/vm-kasan

# The benchmark's modules build against the base and against the series,
# so that the benchmark cannot rot (scripts/bench.sh runs it).
B=$BUILD/bench
[ -d "$B/base-src" ] || git -C "$TREE" worktree add -q --detach "$B/base-src" base
if SRC=$B/base-src PREPARE_ONLY=1 stage "base tree prepared for modules" \
	"$TOP/scripts/kernel.sh" "$B/base-prep" "$TOP/config/vm.config"; then
	stage "bench modules build against the base" \
		"$TOP/scripts/bench-modules.sh" "$B/base-prep" "$B/check-base" || true
fi
[ -f "$V/Module.symvers" ] && stage "bench modules build against the series" \
	"$TOP/scripts/bench-modules.sh" "$V" "$B/check-series" || true

# The counts the cover letter and the README state, against this run's.
stage "counts in the cover letter and README" \
	bash -c '"$1" "$2" > "$3" 2>&1 || { cat "$3" >&2; exit 1; }' _ \
	"$TOP/scripts/counts-check" "$cases" "$R/counts.log" || true

# Summary.
echo
awk -F'\t' '$3 == "fail" { print "  failed: " $1 ": " $2 }' "$cases"
awk -F'\t' '{ n[$1 "\t" $3]++; s[$1]++ } END {
	for (k in s) printf "  %-36s %4d passed %4d failed %4d skipped\n", k,
		n[k "\tpass"], n[k "\tfail"], n[k "\tskip"] }' "$cases" | sort
cat "$R/times" | sed 's/^/  /'
echo "  total: $((SECONDS - t0)) s; details in $R"
awk -F'\t' '{ n[$3]++ } END {
	printf "%d passed, %d failed, %d skipped\n", n["pass"], n["fail"], n["skip"]
	exit n["fail"] > 0 }' "$cases"
