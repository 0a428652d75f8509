#!/bin/bash
# Build the kselftests the VM runs, statically linked (the initramfs has no
# libc), against the UAPI headers of the kernel build in OBJDIR, into
# OUTDIR/bin.
#
#   scripts/selftests.sh OBJDIR OUTDIR
. "$(dirname "$0")/lib.sh"

obj=$(realpath "$1"); out=$(realpath -m "$2")
st=$TREE/tools/testing/selftests
mkdir -p "$out/bin"
cflags=(-static -O2 -Wall -I"$TREE" -I"$st" -isystem "$obj/usr/include"
	-isystem "$TREE/tools/include/uapi")

# Upstream's HMM tests (lib/test_hmm.c is their driver).
run ccache gcc "${cflags[@]}" -o "$out/bin/hmm-tests" "$st/mm/hmm-tests.c" -lpthread -lrt -lm

# The series' own: tools/testing/selftests/mmu_notifier, through its Makefile.
if [ -d "$st/mmu_notifier" ]; then
	mkdir -p "$out/mmu_notifier"
	run make -s -C "$st/mmu_notifier" OUTPUT="$out/mmu_notifier" \
		KHDR_INCLUDES="-isystem $obj/usr/include" LDFLAGS=-static CC="ccache gcc"
	cp "$out/mmu_notifier/interval_mirror_test" "$out/bin/"
fi

# The main job's demo program (vm/demo).
run ccache gcc "${cflags[@]}" -o "$out/bin/mirror-demo" "$TOP/vm/demo/mirror-demo.c"
