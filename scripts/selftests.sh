#!/bin/bash
# Build the kselftests the VM runs against the UAPI headers of the kernel
# build in OBJDIR, into OUTDIR/bin: the series' and hmm-tests statically
# linked, the kernel's mm selftests that the VM runs mirrored dynamically,
# since LD_PRELOAD needs the dynamic loader (scripts/initramfs.sh copies the
# libraries they need).
#
#   scripts/selftests.sh OBJDIR OUTDIR
. "$(dirname "$0")/lib.sh"

obj=$(realpath "$1"); out=$(realpath -m "$2")
st=$TREE/tools/testing/selftests
mkdir -p "$out/bin" "$out/mm"
cflags=(-static -O2 -Wall -I"$TREE" -I"$st" -isystem "$obj/usr/include"
	-isystem "$TREE/tools/include/uapi")

# Upstream's HMM tests (lib/test_hmm.c is their driver).
run ccache gcc "${cflags[@]}" -o "$out/bin/hmm-tests" "$st/mm/hmm-tests.c" -lpthread -lrt -lm

# The series' own, through the selftests/mm Makefile (run_vmtests.sh runs
# it as the mmu_notifier category; the VM runs the binary itself).
run make -s -C "$st/mm" OUTPUT="$out/mm" KHDR_INCLUDES="-isystem $obj/usr/include" \
	LDFLAGS=-static CC="ccache gcc" "$out/mm/interval_mirror_test"
cp "$out/mm/interval_mirror_test" "$out/bin/"

# The kernel's mm selftests that vm/jobs/test.sh runs (scripts/lib.sh), and
# the library that mirrors each of their processes.  6.12's khugepaged.c
# uses KSFT_SKIP without including kselftest.h: it is built on its own.
mm=(interval_mirror_preload.so)
for t in ${MM_KASAN//,/ } ${MM_KCSAN//,/ } ${MM_SOAK_ONLY//,/ }; do
	[ "$t" = khugepaged ] || mm+=("$t")
done
run make -s -C "$st/mm" OUTPUT="$out/mm" KHDR_INCLUDES="-isystem $obj/usr/include" \
	CC="ccache gcc" "${mm[@]/#/$out/mm/}"
run make -s -C "$st/mm" OUTPUT="$out/mm" KHDR_INCLUDES="-isystem $obj/usr/include" \
	EXTRA_CFLAGS="-include $st/kselftest.h" CC="ccache gcc" "$out/mm/khugepaged"
for t in "${mm[@]}" khugepaged; do cp "$out/mm/$t" "$out/bin/"; done

# The main job's demo program (vm/demo).
run ccache gcc "${cflags[@]}" -o "$out/bin/mirror-demo" "$TOP/vm/demo/mirror-demo.c"
