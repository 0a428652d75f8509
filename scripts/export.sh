#!/bin/bash
# Write the scratch tree's commits on top of 'base' to patches/ (or to the
# directory given as $1): one format-patch file per commit, the series file,
# and the cover letter from patches/cover-letter.txt.  The output depends only
# on the commits, so exporting an unchanged tree changes no file.
. "$(dirname "$0")/lib.sh"

out=${1:-$PATCHES}
[ -d "$TREE/.git" ] || die "no scratch tree: run 'make tree' first"
[ -f "$PATCHES/cover-letter.txt" ] || die "patches/cover-letter.txt is missing"
if [ -n "$(git -C "$TREE" status --porcelain)" ]; then
	[ "$out" = "$PATCHES" ] && git -C "$TREE" status --short >&2
	[ "$out" = "$PATCHES" ] && die "uncommitted changes in $TREE: commit them first"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$TREE" -c core.abbrev=12 -c diff.noprefix=false -c format.signOff=false \
	format-patch -q --zero-commit --no-signature --no-cover-letter \
	--subject-prefix=PATCH -o "$tmp" base..HEAD
n=$(find "$tmp" -name '*.patch' | wc -l)
(cd "$tmp" && ls -1 -- *.patch 2>/dev/null || true) > "$tmp/series.list"

# The cover letter: our text, then the shortlog and diffstat git computes.
{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $GIT_COMMITTER_NAME <$GIT_COMMITTER_EMAIL>"
	echo "Date: $(git -C "$TREE" log -1 --format=%aD HEAD)"
	echo "Subject: [PATCH 0/$n] $(head -n 1 "$PATCHES/cover-letter.txt")"
	echo
	tail -n +3 "$PATCHES/cover-letter.txt"
	echo
	git -C "$TREE" shortlog base..HEAD
	git -C "$TREE" diff --stat=72 --summary base..HEAD
	echo "-- "
	echo "base: $package $version"
} > "$tmp/0000-cover-letter.patch"

{
	echo "# Applied in this order by scripts/tree.sh; written by scripts/export.sh."
	cat "$tmp/series.list"
} > "$tmp/series"
rm "$tmp/series.list"

mkdir -p "$out"
# Drop patch files that are no longer part of the series.
for f in "$out"/*.patch; do
	[ -e "$f" ] || continue
	[ -e "$tmp/$(basename "$f")" ] || { [ "$out" = "$PATCHES" ] && say "removing $(basename "$f")"; rm -f "$f"; }
done
for f in "$tmp"/*; do
	cmp -s "$f" "$out/$(basename "$f")" || cp "$f" "$out/"
done
[ "$out" = "$PATCHES" ] && say "exported $n patches to patches/"
exit 0
