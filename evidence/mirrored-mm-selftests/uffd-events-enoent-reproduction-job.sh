# Repro: uffd-unit-tests -f events, mirrored and plain, repeated.
echo 32 > /proc/sys/vm/nr_hugepages
[ -e /sys/kernel/debug/kcsan ] && echo '!hrtimer_active' > /sys/kernel/debug/kcsan
modprobe test_interval_mirror
cd /bin
n=2
for arg in $(cat /proc/cmdline); do case $arg in repro_n=*) n=${arg#*=} ;; esac; done
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	echo "@@@ round $i mirrored" >&3
	LD_PRELOAD=/bin/interval_mirror_preload.so ./uffd-diag -f events >&3 2>&1
	echo "@@@ round $i plain" >&3
	./uffd-diag -f events >&3 2>&1
done
echo "@@@ repro end" >&3
