#!/bin/bash
# Boot a kernel and initramfs under qemu and collect what the guest reports.
#
#   scripts/vm.sh BZIMAGE INITRAMFS OUTDIR [TIMEOUT_SECONDS]
#
# OUTDIR gets console.log (the kernel console, ttyS0) and results.log (what
# the guest's job wrote to ttyS1).  Exits 0 only when the guest finished its
# job ("@@@ done") before the timeout.  The machine is emulated (TCG): KVM
# guests hang on our build hosts; set ACCEL=kvm to try it anyway.
. "$(dirname "$0")/lib.sh"

kernel=$1 initrd=$2 out=$3 limit=${4:-900}
mkdir -p "$out"
rm -f "$out/console.log" "$out/results.log"
# 2 GiB of RAM (VM_MEM sets another size); 1 GiB..1.5 GiB is set aside (memmap=...!) as "device
# coherent" memory for test_hmm's spm_addr_dev0/1, 8 MiB of hugetlb pages, and
# the memory is split into two emulated NUMA nodes.
append="console=ttyS0 panic=-1 log_buf_len=8M memmap=512M!1G hugepages=4 numa=fake=2"
append+=" ${VM_APPEND:-}"
# ICOUNT=1: one CPU whose clock advances 1 ns per instruction it executes,
# so that the guest's timings count instructions, whatever the host's load.
# VM_SMP sets another number of CPUs (default 2).
smp=(-smp "${VM_SMP:-2}")
[ "${ICOUNT:-0}" = 1 ] && smp=(-smp 1 -icount shift=0,sleep=off)
set +e
run timeout --kill-after=10 "$limit" qemu-system-x86_64 \
	-accel "${ACCEL:-tcg}" "${smp[@]}" -m "${VM_MEM:-2G}" -no-reboot \
	-display none -monitor none \
	-serial "file:$out/console.log" -serial "file:$out/results.log" \
	-kernel "$kernel" -initrd "$initrd" -append "$append"
rc=$?
set -e
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "vm: no result within ${limit}s; last 50 console lines:" >&2
	tail -n 50 "$out/console.log" >&2
	exit 1
fi
if ! grep -q '^@@@ done' "$out/results.log" 2>/dev/null; then
	echo "vm: qemu exited ($rc) before the guest finished; last 50 console lines:" >&2
	tail -n 50 "$out/console.log" >&2
	exit 1
fi
exit 0
