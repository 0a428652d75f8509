#!/bin/bash
# The main job: build the patched kernel, boot it, and show the interval
# notifier at work through a real user of it.
. "$(dirname "$0")/lib.sh"

t0=$SECONDS
"$TOP/scripts/tree.sh"
"$TOP/scripts/kernel.sh" "$BUILD/vm" "$TOP/config/vm.config" "$TOP/config/tests.config"
"$TOP/scripts/selftests.sh" "$BUILD/vm" "$BUILD/selftests"
"$TOP/scripts/initramfs.sh" "$BUILD/demo.cpio.gz" "$BUILD/vm" "$TOP/vm/jobs/demo.sh" \
	"$BUILD/selftests/bin/mirror-demo"
out=$BUILD/demo
t1=$SECONDS
"$TOP/scripts/vm.sh" "$BUILD/vm/arch/x86/boot/bzImage" "$BUILD/demo.cpio.gz" "$out" 600
"$TOP/scripts/vm-sections" "$out/results.log" "$out"
log_ok=yes
"$TOP/scripts/check-log" "$out/console.log" || log_ok=NO

cat <<MSG

The interval notifier at work
-----------------------------
Kernel $(head -n 1 "$out/info") ($package $version + $(series_patches | wc -l) patches)
booted under qemu (2 vCPUs, TCG) in $((SECONDS - t1)) s.

lib/test_interval_mirror.c is a test "device" that mirrors part of a
process's memory the way a GPU or RDMA driver does: it registers the range
with mmu_interval_notifier, faults pages in with the collision-retry
pattern, and drops its entries when the notifier calls it back.  The
process below changes its own page tables; each line shows the callbacks
the device got and what it still maps.

$(sed 's/^/  /' "$out/demo")

Kernel log free of WARN/BUG/lockdep reports: $log_ok.

  series:        $PATCHES ($(series_patches | wc -l) patches, order in patches/series)
  scratch tree:  $TREE
  kernel image:  $BUILD/vm/arch/x86/boot/bzImage (config: $BUILD/vm/.config)
  console log:   $out/console.log
  guest output:  $out/results.log
  total time:    $((SECONDS - t0)) s
MSG
[ "$log_ok" = yes ] && grep -q 'never kept a mapping' "$out/demo"
