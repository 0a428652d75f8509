#!/bin/bash
# Run the semantic patch that checks every notifier invalidation start
# against its end (scripts/coccinelle/api/mmu_notifier_range.cocci in the
# scratch tree) over its planted cases and over the tree.
#
#   scripts/cocci-check.sh CASES.TSV
#
# Appends one case per planted function (a bad_ one passes when it is
# reported, a good_ one when it is not) and one per invalidation site of the
# tree (it passes when nothing is reported there, or when scripts/cocci/
# allowed.txt lists its function with the reason).  Exits non-zero when a
# case fails.
. "$(dirname "$0")/lib.sh"

out=$1
cocci=$TREE/scripts/coccinelle/api/mmu_notifier_range.cocci
dir=$TOP/scripts/cocci
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run spatch --very-quiet -D report --sp-file "$cocci" "$dir/planted.c" > "$tmp/planted" 2>&1
files=$(cd "$TREE" && git grep -l -e mmu_notifier_invalidate_range_start -- \
	mm fs kernel drivers arch virt | grep -v -e '^mm/mmu_notifier.c' \
	-e '^mm/mmu_interval_notifier.c' -e '^mm/tests/')
(cd "$TREE" && run spatch --very-quiet -D report --sp-file "$cocci" $files) > "$tmp/tree" 2>&1
(cd "$TREE" && run spatch --very-quiet --sp-file "$dir/sites.cocci" $files) > "$tmp/sites" 2>&1

fail=0
emit() {	# emit NAME pass|fail NOTE
	printf 'coccinelle\t%s\t%s\t%s\n' "$1" "$2" "$3" >> "$out"
	[ "$2" = pass ] || { echo "FAILED: coccinelle: $1: $3" >&2; fail=1; }
}
for fn in $(grep -o '^[a-z]* \(bad\|good\)_[a-z_]*(' "$dir/planted.c" | sed 's/.* //; s/($//'); do
	if grep -q ": $fn: " "$tmp/planted"; then hit=1; else hit=0; fi
	case $fn:$hit in
	bad_*:1 | good_*:0) emit "planted: $fn" pass "" ;;
	bad_*:0) emit "planted: $fn" fail "not reported" ;;
	good_*:1) emit "planted: $fn" fail "$(grep ": $fn: " "$tmp/planted" | head -1)" ;;
	esac
done
sort -u "$tmp/sites" | grep ': site$' | while IFS=: read -r file line fn _; do
	fn=${fn# }
	hits=$(grep "^$file:[0-9:-]*: $fn: " "$tmp/tree" || true)
	why=$(awk -v f="$file" -v fn="$fn" '$1 == f && $2 == fn { $1 = $2 = ""; print substr($0, 3) }' \
		"$dir/allowed.txt")
	if [ -z "$hits" ]; then
		emit "$file:$line $fn" pass ""
	elif [ -n "$why" ] && ! grep -q 'taken for "started"' <<< "$hits"; then
		emit "$file:$line $fn" pass "allowed: $why"
	else
		emit "$file:$line $fn" fail "$(head -1 <<< "$hits")"
	fi
done
# The subshell of the loop above cannot set $fail: count from the file.
! grep -q "^coccinelle	[^	]*	fail" "$out"
