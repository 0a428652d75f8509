#!/bin/bash
# The main job: build the patched kernel, boot it, and show the interval
# notifier at work through a real user of it.
. "$(dirname "$0")/lib.sh"

t0=$SECONDS
"$TOP/scripts/tree.sh"
"$TOP/scripts/kernel.sh" "$BUILD/vm" "$TOP/config/vm.config"
"$TOP/scripts/selftests.sh" "$BUILD/vm" "$BUILD/selftests"
"$TOP/scripts/initramfs.sh" "$BUILD/demo.cpio.gz" "$BUILD/vm" "$TOP/vm/jobs/demo.sh" \
	"$BUILD/selftests/bin"/*
out=$BUILD/demo
t1=$SECONDS
"$TOP/scripts/vm.sh" "$BUILD/vm/arch/x86/boot/bzImage" "$BUILD/demo.cpio.gz" "$out" 600
"$TOP/scripts/vm-sections" "$out/results.log" "$out"
"$TOP/scripts/tap-count" demo "$out/tap:hmm-demo" > "$out/cases.tsv"
log_ok=yes
"$TOP/scripts/check-log" "$out/console.log" || log_ok=NO

cat <<MSG

The interval notifier at work
-----------------------------
Kernel $(head -n 1 "$out/info") (base $package $version + $(series_patches | wc -l) patches)
booted under qemu (2 vCPUs, TCG) in $((SECONDS - t1)) s.

lib/test_hmm.c mirrors a process's memory into a fake device page table and
keeps it coherent with mmu_interval_notifier: every case below maps memory,
lets the "device" read or write it, then changes the CPU page tables (write
fault, fork + copy-on-write, munmap, migration) and checks that the device
saw the invalidation and the data it reads back is the CPU's.

$(awk -F'\t' '{ printf "  %-4s  %s\n", $3, $2 }' "$out/cases.tsv")

$(awk -F'\t' '{ n[$3]++ } END { printf "%d of %d cases passed", n["pass"], NR }' "$out/cases.tsv"); kernel log free of WARN/BUG/lockdep reports: $log_ok.

  series:        $PATCHES ($(series_patches | wc -l) patches, order in patches/series)
  scratch tree:  $TREE
  kernel image:  $BUILD/vm/arch/x86/boot/bzImage (config: $BUILD/vm/.config)
  console log:   $out/console.log
  guest output:  $out/results.log
  total time:    $((SECONDS - t0)) s
MSG
[ "$log_ok" = yes ] && ! grep -qP '\tfail\t' "$out/cases.tsv"
