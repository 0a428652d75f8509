# Sourced by /init in the test VM (see vm/init for section()).
# KUnit suites built into the kernel have already run at boot; their KTAP is
# in the dmesg section.

# test_hmm: devices 0/1 use device-private memory, devices 2/3 the
# device-coherent memory that scripts/vm.sh sets aside at 1 GiB (memmap=).
modprobe test_hmm spm_addr_dev0=0x40000000 spm_addr_dev1=0x50000000
section tap:hmm-tests /bin/hmm-tests
rmmod test_hmm
