# Sourced by /init in the test VM (see vm/init for section()).
# KUnit suites built into the kernel have already run at boot; their KTAP is
# in the dmesg section.

# The series' contract tests: a mirroring test driver and its selftests.
modprobe test_interval_mirror
section tap:mmu_notifier /bin/interval_mirror_test
rmmod test_interval_mirror

# Upstream's HMM tests, a fair witness written by others.  test_hmm's devices
# 0/1 use device-private memory, 2/3 the device-coherent memory that
# scripts/vm.sh sets aside at 1 GiB (memmap=).
modprobe test_hmm spm_addr_dev0=0x40000000 spm_addr_dev1=0x50000000
section tap:hmm-tests /bin/hmm-tests
rmmod test_hmm
