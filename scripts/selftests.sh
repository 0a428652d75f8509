#!/bin/bash
# Build the kselftests the VM runs, statically linked (the initramfs has no
# libc), against the UAPI headers of the kernel build in OBJDIR.
#
#   scripts/selftests.sh OBJDIR OUTDIR
. "$(dirname "$0")/lib.sh"

obj=$(realpath "$1"); out=$(realpath -m "$2")
st=$TREE/tools/testing/selftests
mkdir -p "$out"
cflags=(-static -O2 -Wall -I"$TREE" -I"$st" -isystem "$obj/usr/include"
	-isystem "$TREE/tools/include/uapi")

# Upstream's HMM tests (lib/test_hmm.c is their driver).
run ccache gcc "${cflags[@]}" -o "$out/hmm-tests" "$st/mm/hmm-tests.c" -lpthread -lrt -lm
