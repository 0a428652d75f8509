#!/bin/bash
# The side-by-side benchmark: the unpatched base against the series.
#
#   scripts/bench.sh [ROUNDS]
#
# Builds both kernels from the same config (config/vm.config: no lockdep or
# other debugging), builds the same benchmark sources against each, boots
# them alternately (base, series, base, series, ...) for ROUNDS rounds
# (default 3), and writes bench/results/: the raw lines, a CSV, a markdown
# table (also put into bench/README.md) and what was measured on what.
#
# ICOUNT=1 boots them on one emulated CPU whose clock counts instructions
# (see scripts/vm.sh) and writes bench/results-icount/ and bench/README.md's
# second table instead: per-operation figures are then instruction counts,
# the same from run to run whatever the host's load.
. "$(dirname "$0")/lib.sh"

rounds=${1:-3}
B=$BUILD/bench
res=$TOP/bench/results marker=bench stat=median
vm="-accel ${ACCEL:-tcg} -smp 2"
if [ "${ICOUNT:-0}" = 1 ]; then
	# Instruction counts: a disturbance only adds, so take the least.
	res=$TOP/bench/results-icount marker=bench-icount stat=min
	vm="-accel tcg -smp 1 -icount shift=0,sleep=off (1 ns = 1 instruction)"
fi
export ICOUNT
mkdir -p "$B" "$res"

"$TOP/scripts/tree.sh"
if [ ! -d "$B/base-src" ]; then
	run git -C "$TREE" worktree add -q --detach "$B/base-src" base
fi
SRC=$B/base-src "$TOP/scripts/kernel.sh" "$B/base" "$TOP/config/vm.config"
"$TOP/scripts/kernel.sh" "$B/series" "$TOP/config/vm.config"
for k in base series; do
	"$TOP/scripts/bench-modules.sh" "$B/$k" "$B/$k-mod"
	"$TOP/scripts/initramfs.sh" "$B/$k.cpio.gz" "$B/$k" "$TOP/bench/job.sh" \
		"$B/$k-mod/mod/mmu_interval_bench.ko" \
		"$B/$k-mod/mod/test_interval_mirror.ko" "$B/$k-mod/p7_mirror_loop" \
		"$B/$k-mod/p9_hmm_snapshot"
done

rm -f "$res"/raw-*.txt
for r in $(seq 1 "$rounds"); do
	for k in base series; do
		say "round $r/$rounds: $k"
		"$TOP/scripts/vm.sh" "$B/$k/arch/x86/boot/bzImage" "$B/$k.cpio.gz" \
			"$B/run-$k-$r" 1800
		"$TOP/scripts/vm-sections" "$B/run-$k-$r/results.log" "$B/run-$k-$r"
		"$TOP/scripts/check-log" "$B/run-$k-$r/console.log"
		grep -h -e 'mmu_interval_bench: ' -e '^p7_mirror_loop ' -e '^p9_hmm_snapshot ' \
			"$B/run-$k-$r/dmesg" "$B/run-$k-$r/p7" "$B/run-$k-$r/p9" > "$res/raw-$k-$r.txt"
	done
done

{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "base: $package $version"
	echo "series: $(git -C "$TREE" log --oneline base..HEAD | wc -l) patches, HEAD $(git -C "$TREE" describe --always --tags) ($(git -C "$TOP" rev-parse --short HEAD) of this repo)"
	echo "config: tinyconfig + config/vm.config (no lockdep, no DEBUG_VM)"
	echo "vm: qemu-system-x86_64 $vm -m 2G ($(qemu-system-x86_64 --version | head -n 1))"
	echo "host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "rounds: $rounds, alternating base and series"
} > "$res/meta.txt"
cp "$B/base/.config" "$res/config-base"
cp "$B/series/.config" "$res/config-series"
BENCH_STAT=$stat python3 "$TOP/scripts/bench-table" "$res" "$TOP/bench/README.md" "$marker"
