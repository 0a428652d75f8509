#!/bin/bash
# Render Documentation/mm with Sphinx and check the series' page.
#
#   scripts/docs.sh OBJDIR LOG
#
# Fails on any Sphinx or kernel-doc warning that names the series' files,
# and when a function of the API is missing from the rendered page.
. "$(dirname "$0")/lib.sh"

mkdir -p "$1"; obj=$(realpath "$1"); log=$2
page=$obj/Documentation/output/mm/mmu_interval_notifier.html

# Debian's python3 first: Sphinx comes from Debian's packages.
if ! PATH=/usr/bin:$PATH run make -s -C "$TREE" O="$obj" SPHINXDIRS=mm htmldocs > "$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "make htmldocs failed (see $log)"
fi
if grep -E 'mmu_interval_notifier|mmu_notifier\.h' "$log" >&2; then
	die "warnings about the series' documentation (see $log)"
fi
[ -s "$page" ] || die "not rendered: $page"
missing=0
for f in mmu_interval_notifier_insert mmu_interval_notifier_insert_locked \
	 mmu_interval_notifier_remove mmu_interval_read_begin \
	 mmu_interval_read_retry mmu_interval_check_retry mmu_interval_set_seq; do
	grep -q "id=\"c\\.$f\"" "$page" || { echo "not rendered: $f()" >&2; missing=1; }
done
[ $missing = 0 ] || die "the API is not all in $page"
say "documentation: $page"
