#!/bin/bash
# Build the kselftests the VM runs, statically linked (the initramfs has no
# libc), against the UAPI headers of the kernel build in OBJDIR, into
# OUTDIR/bin.
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

# The main job's demo program (vm/demo).
run ccache gcc "${cflags[@]}" -o "$out/bin/mirror-demo" "$TOP/vm/demo/mirror-demo.c"
