#!/bin/bash
# Pack a busybox initramfs for the VM.
#
#   scripts/initramfs.sh OUT.cpio.gz OBJDIR JOB [FILE...]
#
# OBJDIR is a kernel build from scripts/kernel.sh (its modules go in), JOB is
# the shell script /init sources, and each FILE is copied to /bin, with the
# shared libraries it needs at their host paths.
. "$(dirname "$0")/lib.sh"

out=$(realpath -m "$1"); obj=$(realpath "$2"); job=$3; shift 3
root=$out.d
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,lib/modules}
cp /bin/busybox "$root/bin/busybox"
cp "$TOP/vm/init" "$root/init"
cp "$job" "$root/job.sh"
[ -d "$obj/modroot/lib/modules" ] && cp -a "$obj/modroot/lib/modules/." "$root/lib/modules/"
for f in "$@"; do
	cp "$f" "$root/bin/"
	# ldd fails on a static binary: it needs nothing.
	for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true); do
		[ -e "$root$lib" ] || cp -L --parents "$lib" "$root"
	done
done
# glibc dlopen()s libgcc_s for pthread_cancel() (migration's cases): ldd
# does not list it.
lib=/lib/x86_64-linux-gnu/libgcc_s.so.1
[ -e "$root$lib" ] || cp -L --parents "$lib" "$root"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$out"
rm -rf "$root"
say "initramfs: $out ($(du -k "$out" | cut -f1) KiB)"
