# Sourced by /init in the benchmark VM (see vm/init for section()).
# The module runs every metric in its init and prints them to the kernel log
# (the dmesg section); P7 runs from user space through the test driver,
# P9 through upstream's test_hmm.
insmod /bin/mmu_interval_bench.ko
rmmod mmu_interval_bench
insmod /bin/test_interval_mirror.ko
section p7 /bin/p7_mirror_loop
rmmod test_interval_mirror
modprobe test_hmm
section p9 /bin/p9_hmm_snapshot
rmmod test_hmm
