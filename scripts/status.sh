#!/bin/bash
# Exit non-zero, saying why, when the scratch tree holds work that patches/
# lacks: uncommitted edits, or commits that an export would write differently.
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || { say "no scratch tree"; exit 0; }
rc=0
if [ -n "$(git -C "$TREE" status --porcelain)" ]; then
	echo "uncommitted changes in $TREE:"
	git -C "$TREE" status --short | head -n 20
	rc=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$TOP/scripts/export.sh" "$tmp" 2>/dev/null
if ! diff -r -q -x cover-letter.txt "$PATCHES" "$tmp" >/dev/null; then
	echo "the commits in $TREE (base..HEAD) differ from patches/:"
	diff -r -q -x cover-letter.txt "$PATCHES" "$tmp" | sed "s|$tmp|export|" | head -n 20
	echo "'make export' writes the tree to patches/; 'make tree' re-applies patches/"
	rc=1
fi
[ $rc = 0 ] && say "scratch tree and patches/ agree"
exit $rc
