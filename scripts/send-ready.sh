#!/bin/bash
# Write the series as its sender would mail it: every patch From: and
# Signed-off-by: the user's own git identity instead of the repo's neutral
# one, To:/Cc: from scripts/get_maintainer.pl, checkpatch --strict on each.
#
#   scripts/send-ready.sh [OUTDIR]      (default: build/send)
#
# The identity is `git config user.name` and `user.email` as seen from this
# repository; without one, or with the repo's own placeholder, it refuses.
# It sends nothing: it prints the git send-email command to run.
. "$(dirname "$0")/lib.sh"

out=${1:-$BUILD/send}
placeholder="$GIT_COMMITTER_NAME <$GIT_COMMITTER_EMAIL>"
name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
[ -n "$name" ] && [ -n "$email" ] ||
	die "no git identity: set 'git config user.name' and 'git config user.email' (the series goes out under yours)"
[ "$name <$email>" != "$placeholder" ] || die "the git identity is the repo's placeholder: set your own"
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
export SEND_SOB="Signed-off-by: $name <$email>" SEND_PLACEHOLDER="Signed-off-by: $placeholder"

"$TOP/scripts/tree.sh"
W=$BUILD/send-tree
git -C "$TREE" worktree remove --force "$W" 2>/dev/null || rm -rf "$W"
run git -C "$TREE" worktree add -q --detach "$W" HEAD

# Author and sign-off become the user's: the placeholder's sign-off is
# replaced, the user's added where there was none.
resign=$BUILD/send-resign.sh
cat > "$resign" <<'END'
git log -1 --format=%B |
	perl -pe 's/^\Q$ENV{SEND_PLACEHOLDER}\E$/$ENV{SEND_SOB}/' |
	git interpret-trailers --if-exists doNothing --trailer "$SEND_SOB" |
	git commit -q --amend --reset-author -F -
END
run git -C "$W" rebase -q base --exec "sh $resign"

rm -rf "$out" && mkdir -p "$out"
run git -C "$W" -c core.abbrev=12 format-patch -q --thread --no-signature \
	--cover-letter --cover-from-description=subject -o "$out" base..HEAD

# The cover letter: our text in place of git's blurb.
cover=$out/0000-cover-letter.patch
COVER=$PATCHES/cover-letter.txt perl -0pi -e '
	my $text = do { local $/; open my $f, "<", $ENV{COVER} or die; <$f> };
	my ($subject, $body) = $text =~ /\A(.*?)\n\n(.*)\z/s or die "cover text";
	s/^Subject: (\[PATCH 0+\/\d+\]) .*$/Subject: $1 $subject/m;
	s/\*\*\* BLURB HERE \*\*\*\n/$body/;
' "$cover"

# Per patch: To: its maintainers, Cc: its lists and reviewers; the cover
# letter goes to all of them.
# (It too looks up Fixes: commits: git's complaints go to OUTDIR/.who.log.)
who() { (cd "$W" && scripts/get_maintainer.pl --no-git --no-git-fallback \
	--no-rolestats "$@" 2>> "$out/.who.log"); }
: > "$cover.to"; : > "$cover.cc"
for p in "$out"/0*.patch; do
	[ "$p" = "$cover" ] && continue
	who --nol --nor "$p" > "$p.to"
	who --nom "$p" > "$p.cc"
	cat "$p.to" >> "$cover.to"; cat "$p.cc" >> "$cover.cc"
done
sort -u -o "$cover.to" "$cover.to"
sort -u "$cover.cc" | grep -vxFf "$cover.to" > "$cover.cc.u" || true
mv "$cover.cc.u" "$cover.cc"

fail=0
for p in "$out"/0*.patch; do
	[ "$p" = "$cover" ] && continue
	# As in scripts/test.sh: Debian's python3 (spdxcheck.py needs its ply),
	# and no lookup of Fixes: commits, which this tree's history lacks (git
	# says so on stderr, kept in the .checkpatch file).
	if (cd "$W" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q \
		--no-summary --ignore UNKNOWN_COMMIT_ID "$p" >&2 2> "$p.checkpatch"); then
		echo "checkpatch: clean  $(basename "$p")"
	else
		echo "checkpatch: FAILED $(basename "$p")"
		fail=1
	fi
done

echo
echo "From: $name <$email>"
for p in "$out"/0*.patch; do
	echo "$(basename "$p")"
	echo "  To: $(paste -sd, "$p.to" | sed 's/,/, /g')"
	echo "  Cc: $(paste -sd, "$p.cc" | sed 's/,/, /g')"
done
echo
echo "To send, after reading them:"
echo "  git send-email --to-cmd='sh -c \"cat \\\"\$0.to\\\"\"' --cc-cmd='sh -c \"cat \\\"\$0.cc\\\"\"' $out/0*.patch"
exit $fail
