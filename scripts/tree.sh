#!/bin/bash
# Make build/linux the pinned base with the series applied on top.
#
# First run: unpack the base tarball, commit it as one commit tagged 'base',
# then 'git am' every patch named in patches/series.  Later runs re-apply only
# when patches/ changed, and touch only the files that differ, so builds stay
# incremental.  Work in the tree that patches/ lacks is never thrown away:
# export it first, or run with FORCE=1.
. "$(dirname "$0")/lib.sh"

check_base() {
	local have sum
	have=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || true)
	[ -n "$have" ] ||
		die "base package $package=$version is not installed (pinned in base/pin): run 'make deps'"
	[ "$have" = "$version" ] ||
		die "base package $package is $have, but base/pin wants $version: run 'make deps'"
	[ -f "$tarball" ] || die "$tarball missing: reinstall $package=$version"
	sum=$(sha256sum "$tarball" | cut -d' ' -f1)
	[ "$sum" = "$sha256" ] ||
		die "$tarball of $package=$version has sha256 $sum, base/pin wants $sha256"
}

make_base() {
	local tmp=$BUILD/unpack.$$ date
	check_base
	say "unpacking $package $version into $TREE"
	rm -rf "$tmp" && mkdir -p "$tmp"
	run tar -xf "$tarball" -C "$tmp"
	mv "$tmp"/* "$TREE.new" && rmdir "$tmp"
	date=$(date -u -r "$tarball" '+%Y-%m-%dT%H:%M:%SZ')
	(
		cd "$TREE.new"
		# Debian's tarball ignores every top-level path ("/*"), which
		# would hide new files from git: drop that rule.
		sed -i -e '/^# Debian packaging/,/^!\/debian\/$/d' .gitignore
		git init -q -b master
		git config user.name "$GIT_COMMITTER_NAME"
		git config user.email "$GIT_COMMITTER_EMAIL"
		git config core.abbrev 12
		git add -A -f .
		GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
			git commit -q -m "Linux $version (Debian $package)" \
				-m "The top-level .gitignore lacks Debian's '/*' rule."
		git tag base
	)
	mv "$TREE.new" "$TREE"
}

# A fingerprint of what patches/ asks for.
patches_id() {
	(cd "$PATCHES" && cat series $(series_patches)) | sha256sum | cut -d' ' -f1
}

apply_series() {
	local p
	run git -C "$TREE" reset -q --hard base
	for p in $(series_patches); do
		[ -f "$PATCHES/$p" ] || die "patches/series names $p, which does not exist"
		printf '+ git am %s\n' "patches/$p" >&2
		if ! git -C "$TREE" am -q --committer-date-is-author-date "$PATCHES/$p"; then
			git -C "$TREE" am --abort || true
			die "patch does not apply: patches/$p"
		fi
	done
	printf '%s %s\n' "$(patches_id)" "$(git -C "$TREE" rev-parse HEAD)" > "$BUILD/applied"
}

mkdir -p "$BUILD"
rm -rf "$TREE.new"
[ -f "$PATCHES/series" ] || die "patches/series is missing"
if [ ! -d "$TREE/.git" ]; then
	make_base
	apply_series
	say "scratch tree is base + $(series_patches | wc -l) patches"
	exit 0
fi
git -C "$TREE" rev-parse -q --verify base >/dev/null || die "$TREE has no 'base' tag: remove it and run again"

applied_id='' applied_head=''
[ -f "$BUILD/applied" ] && read -r applied_id applied_head < "$BUILD/applied"
head=$(git -C "$TREE" rev-parse HEAD)
if [ "$head" = "$applied_head" ] && [ -z "$(git -C "$TREE" status --porcelain)" ]; then
	if [ "$applied_id" = "$(patches_id)" ]; then
		say "scratch tree is up to date with patches/ ($(series_patches | wc -l) patches)"
		exit 0
	fi
elif "$TOP/scripts/status.sh" >/dev/null 2>&1; then
	# Edited and exported: the tree already is what patches/ says.
	printf '%s %s\n' "$(patches_id)" "$head" > "$BUILD/applied"
	say "scratch tree matches patches/"
	exit 0
elif [ "${FORCE:-0}" != 1 ]; then
	"$TOP/scripts/status.sh" || true
	die "the scratch tree holds work that patches/ lacks: 'make export' it, or 'make tree FORCE=1' to discard it"
fi
say "applying the series to $TREE"
apply_series
say "scratch tree is base + $(series_patches | wc -l) patches"
