# Sourced by /init in the test VM (see vm/init for section()).
# KUnit suites built into the kernel have already run at boot; their KTAP is
# in the dmesg section.

# The kernel's own mm selftests with every process mirrored by a device
# (LD_PRELOAD=interval_mirror_preload.so, which registers intervals over all
# of a process's mappings, mirrors what the CPU maps without faulting
# anything in, and checks the device for stale entries after every pass).
# mm_selftests=plain on the kernel command line runs them without the mirror
# instead, and nothing else: the baseline scripts/mm-baseline.sh records.
# scripts/mm-selftests-count counts them.
# mm_selftests_list=NAME,NAME,... names the selftests to run, none without it
# (scripts/lib.sh has the lists: scripts/test.sh gives each kernel its
# share, scripts/soak.sh all of them).
# mm_selftests_timeout=SECONDS kills a selftest that runs longer (900).
# hmm_tests_exclude=NAME,NAME,... leaves those hmm-tests cases out (-T).
mode=mirrored
hmm_exclude=
mm_timeout=900
mm_selftests=
for arg in $(cat /proc/cmdline); do
	case $arg in
	mm_selftests=plain) mode=plain ;;
	mm_selftests_list=*) mm_selftests=$(echo "${arg#*=}" | tr , ' ') ;;
	mm_selftests_timeout=*) mm_timeout=${arg#*=} ;;
	hmm_tests_exclude=*)
		for t in $(echo "${arg#*=}" | tr , ' '); do
			hmm_exclude="$hmm_exclude -T $t"
		done ;;
	esac
done
# KCSAN (the KCSAN kernel) reports every data race but those whose top
# frame is a function listed here, each with the reason (scripts/check-log
# lists those of the boot, before this runs):
#  - hrtimer_active() reads a timer's state and its clock base's running
#    timer without a lock, by design, and retries on the base's seqcount
#    (raw_read_seqcount_begin(), which KCSAN does not see); reported once,
#    from the scheduler tick.
[ -e /sys/kernel/debug/kcsan ] && echo '!hrtimer_active' > /sys/kernel/debug/kcsan
# kmemleak (the KASAN kernel): no scan until the tests have run; the
# scans at the end report what is left unreferenced.
kmemleak=/sys/kernel/debug/kmemleak
[ -e $kmemleak ] && echo scan=off > $kmemleak
if [ $mode = mirrored ]; then
	# The series' contract tests: a mirroring test driver and its selftests.
	modprobe test_interval_mirror
	section tap:mmu_notifier /bin/interval_mirror_test
	rmmod test_interval_mirror

	# Upstream's HMM tests, a fair witness written by others.  test_hmm's devices
	# 0/1 use device-private memory, 2/3 the device-coherent memory that
	# scripts/vm.sh sets aside at 1 GiB (memmap=).
	modprobe test_hmm spm_addr_dev0=0x40000000 spm_addr_dev1=0x50000000
	section tap:hmm-tests /bin/hmm-tests $hmm_exclude
	# Unloaded now, for the memory khugepaged's collapse_compound_extreme
	# needs; with kmemleak, after its scans: 6.12's test_hmm leaks its
	# devices' names and private data at unload (dmirror_device_remove()
	# has no put_device() after cdev_device_del()), which kmemleak reports.
	[ -e $kmemleak ] || rmmod test_hmm
fi

echo 32 > /proc/sys/vm/nr_hugepages
# Swap on zram: cow's swapped-out cases, and reclaim under the mirror (the
# kernels that run the mm selftests have it).
if [ -e /sys/block/zram0 ]; then
	echo 256M > /sys/block/zram0/disksize && mkswap /dev/zram0 > /dev/null &&
		swapon /dev/zram0
fi
modprobe test_interval_mirror 2> /dev/null
preload=
[ $mode = mirrored ] && preload=/bin/interval_mirror_preload.so
mm_run() {	# mm_run COMMAND...: its output, exit status and time
	mm_t0=$(date +%s)
	LD_PRELOAD=$preload IMIRROR_PRELOAD_STATS=/tmp/mirror.stats "$@"
	echo "# exit status: $?, $(($(date +%s) - mm_t0)) s"
}
# Each is NAME or NAME:ARG:ARG...; the binaries are in /bin.
cd /bin
for t in $mm_selftests; do
	rm -f /tmp/mirror.stats
	section mm-$mode:$t mm_run timeout -s KILL "$mm_timeout" "./${t%%:*}" \
		$(echo "$t" | cut -s -d: -f2- | tr : ' ')
	[ $mode = mirrored ] && section mm-stats:$t cat /tmp/mirror.stats
done
cd /
rmmod test_interval_mirror 2> /dev/null
if [ -e $kmemleak ]; then
	# An object is reported once a scan finds it unreferenced and older
	# than five seconds: the second scan sees the last tests' objects too.
	echo scan > $kmemleak
	sleep 6
	echo scan > $kmemleak
	section kmemleak cat $kmemleak
fi
rmmod test_hmm 2> /dev/null
