# Sourced by /init in the demo VM: drive the interval notifier through a real
# user of it (lib/test_hmm.c), with real mm operations on the mirrored range.
modprobe test_hmm
echo "@@@ info"  >&3
uname -r >&3
grep -c . /proc/modules >&3
echo "@@@ end info" >&3
# Mirror, write, then fork/COW, munmap, mremap, migrate: each one makes the
# kernel invalidate the mirrored range through mmu_interval_notifier.
section tap:hmm-demo /bin/hmm-tests \
	-r hmm.hmm_device_private.anon_read \
	-r hmm.hmm_device_private.anon_write \
	-r hmm.hmm_device_private.anon_write_child \
	-r hmm.hmm_device_private.migrate \
	-r hmm.hmm_device_private.mixedmap \
	-r hmm.hmm_device_private.anon_teardown
rmmod test_hmm
