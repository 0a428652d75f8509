# The mmu interval notifier series: build, boot and test it.
#
#   make            the main job: install, build the patched kernel, boot it, demo
#   make test       every test; the last line is "N passed, N failed, N skipped"
#   make soak       every mm selftest mirrored on both test kernels (after make test)
#   make bench      base against series, side by side (not part of the tests)
#   make bench-icount  the same, counting instructions instead of time
#   make send-ready the series as you would mail it: your identity, To/Cc, checkpatch
#
# The edit loop: make tree; edit and commit in build/linux; make export; git commit.
# Every target runs a script in scripts/ that prints the commands it runs.

.PHONY: all demo deps tree export status kernel kunit test soak mm-baseline bench bench-icount send-ready clean

all: demo

deps:
	scripts/deps.sh

tree: deps
	scripts/tree.sh

export:
	scripts/export.sh

status:
	scripts/status.sh

kernel: tree
	scripts/kernel.sh build/vm config/vm.config config/tests.config

demo: deps
	scripts/demo.sh

test:
	scripts/test.sh

# Not part of the tests: every mm selftest the VM can run, mirrored, on both
# test kernels of the last make test (four to five hours; KERNELS=vm-kcsan
# runs one half).
soak:
	scripts/soak.sh $(KERNELS)

# The mm selftests without the mirror on the base and the series, into
# evidence/mirrored-mm-selftests/baseline-*.tsv (about an hour; SETS=test
# or SETS=soak records make test's or only make soak's selftests).
mm-baseline: deps
	scripts/mm-baseline.sh $(SETS)

# The KUnit suite under UML with kunit.py: quicker than a VM while editing.
kunit: tree
	scripts/kunit.sh mm/tests build/kunit/mm_tests.ktap mm/tests/.kunitconfig
	scripts/tap-count kunit-uml build/kunit/mm_tests.ktap | cut -f3 | sort | uniq -c

# Not part of the tests: boots base and series kernels alternately (~30 min).
bench: deps
	scripts/bench.sh $(ROUNDS)

# The same on one CPU whose clock counts instructions (a few minutes).
bench-icount: deps
	ICOUNT=1 scripts/bench.sh $(ROUNDS)

# Writes build/send/: the patches From: and Signed-off-by: your git identity,
# each with .to/.cc from get_maintainer.pl; sends nothing.
send-ready: tree
	scripts/send-ready.sh

clean:
	rm -rf build/vm build/vm-kasan build/vm-kcsan build/model build/kunit build/results build/selftests build/*.cpio.gz \
		build/bench/base build/bench/series build/bench/*-mod build/bench/run-*
