#!/bin/bash
# The test command: build the series, run every test, print one summary line.
#
# Stages: the scratch tree from patches/; checkpatch on every patch; KUnit
# under UML (kunit.py); the VM kernel; the selftests; one boot of the VM that
# runs the boot-time KUnit suites and the kselftests.  Every case and check is
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
	if (cd "$TREE" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q --no-summary \
		"$PATCHES/$p" > "$R/checkpatch-$p.log" 2>&1); then
		check "checkpatch --strict $p" pass
	else
		cat "$R/checkpatch-$p.log" >&2
		check "checkpatch --strict $p" fail
	fi
done

# KUnit under UML, one kunit.py run per line of config/kunitconfigs.
# (fd 3: kunit.py must not read the list as its standard input)
while read -r name cfgs <&3; do
	tag=kunit-uml:$name
	ktap=$R/$(echo "$tag" | tr ':/+' '___').ktap
	# shellcheck disable=SC2086 # cfgs is a list of paths
	if stage "$tag runs" "$TOP/scripts/kunit.sh" "$name" "$ktap" $cfgs; then
		count "$tag" "$ktap"
	fi
	stage "$tag kernel log clean" "$TOP/scripts/check-log" "${ktap%.ktap}.log" \
		'KTAP version' || true
done 3< <(grep -v -e '^#' -e '^[[:space:]]*$' "$TOP/config/kunitconfigs")

# The VM: kernel, selftests, initramfs, one boot.
V=$BUILD/vm
if stage "VM kernel builds" "$TOP/scripts/kernel.sh" "$V" "$TOP/config/vm.config" "$TOP/config/tests.config" &&
   stage "selftests build" "$TOP/scripts/selftests.sh" "$V" "$BUILD/selftests" &&
   stage "initramfs" "$TOP/scripts/initramfs.sh" "$BUILD/test.cpio.gz" "$V" \
	"$TOP/vm/jobs/test.sh" "$BUILD/selftests/bin"/*; then
	stage "VM boots and finishes its job" "$TOP/scripts/vm.sh" \
		"$V/arch/x86/boot/bzImage" "$BUILD/test.cpio.gz" "$R/vm" "${VM_TIMEOUT:-1200}" || true
	"$TOP/scripts/vm-sections" "$R/vm/results.log" "$R/vm"
	for f in "$R"/vm/tap:*; do
		[ -e "$f" ] && count "kselftest:${f##*/tap:}" "$f"
	done
	[ -e "$R/vm/dmesg" ] && count "kunit-vm" "$R/vm/dmesg"
	stage "VM kernel log clean" "$TOP/scripts/check-log" "$R/vm/console.log" || true
fi

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
