# shellcheck shell=bash
# Common settings for the scripts in this directory.  Source it; do not run it.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}		# everything generated lives here (ignored)
TREE=$BUILD/linux			# the scratch kernel tree: base + series
PATCHES=$TOP/patches
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}

# shellcheck source=../base/pin
. "$TOP/base/pin"

# Identity used for commits in the scratch tree, so that git am and export
# are deterministic whoever runs them.
export GIT_COMMITTER_NAME="Interval Notifier Series"
export GIT_COMMITTER_EMAIL="series@localhost"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Print a command, then run it.
run() {
	printf '+ %s\n' "$*" >&2
	"$@"
}

# The kernel's mm selftests the test VM runs (vm/jobs/test.sh): make test
# runs MM_KASAN on the KASAN kernel and MM_KCSAN on the KCSAN kernel, make
# soak all three lists on both.  Each selftest gets MM_SOAK_TIMEOUT seconds
# in make soak and make mm-baseline instead of the job's 900:
# split_huge_page_test writes its 4 MiB file a byte per write(2) in each of
# nine cases, about 90 s a case under TCG with KASAN, lockdep and DEBUG_VM,
# mirror or not, and about 10 minutes a case mirrored under KCSAN.
MM_KASAN=cow,ksm_functional_tests,migration,mremap_test,khugepaged,madv_populate
MM_KASAN+=,mkdirty,hugetlb-madvise
MM_KCSAN=uffd-unit-tests
MM_SOAK_ONLY=hugetlb_fault_after_madv,soft-dirty,mremap_dontunmap,split_huge_page_test
MM_SOAK_ONLY+=,gup_longterm,pagemap_ioctl,mlock2-tests,map_fixed_noreplace
MM_SOAK_TIMEOUT=7200

# The patches of the series, in order.
series_patches() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$PATCHES/series" || true
}
