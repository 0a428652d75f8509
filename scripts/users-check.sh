#!/bin/bash
# Build mm/ and the in-tree users of the interval notifier with W=1 and
# sparse (C=1), at the base and then at every patch of the series.
#
#   scripts/users-check.sh OUTDIR >> cases.tsv
#
# One worktree (build/users/src) walks the commits and one object directory
# (build/users/obj) follows it, so every step after the first is incremental.
# The config is x86_64 defconfig + config/users.config (+ the series' own
# symbols from config/users-series.config where they exist).
#
# A commit passes when mm/ and every object build and no warning is new
# against the base; any warning in a file the series changes fails it.  The
# last commit also gives one line per user object.  Logs go to OUTDIR.
. "$(dirname "$0")/lib.sh"

USERS=(
	mm/hmm.o
	lib/test_hmm.o
	drivers/infiniband/core/umem_odp.o
	drivers/infiniband/hw/mlx5/odp.o
	drivers/infiniband/hw/hfi1/user_exp_rcv.o
	drivers/xen/gntdev.o
	drivers/gpu/drm/i915/gem/i915_gem_userptr.o
	drivers/gpu/drm/xe/xe_vm.o
	drivers/gpu/drm/xe/xe_hmm.o
	drivers/gpu/drm/xe/xe_pt.o
	drivers/gpu/drm/amd/amdgpu/amdgpu_hmm.o
	drivers/gpu/drm/amd/amdgpu/../amdkfd/kfd_svm.o
	drivers/gpu/drm/radeon/radeon_mn.o
	drivers/gpu/drm/nouveau/nouveau_svm.o
)
# The series' own objects, built where their source exists.
OURS=(
	mm/mmu_interval_notifier.o
	mm/tests/mmu_interval_notifier_calls_kunit.o
	mm/tests/mmu_interval_notifier_read_kunit.o
	mm/tests/mmu_interval_notifier_remove_kunit.o
	mm/tests/mmu_interval_notifier_nonblock_kunit.o
	mm/tests/mmu_interval_notifier_two_pass_kunit.o
	mm/tests/mmu_interval_notifier_teardown_kunit.o
	lib/test_interval_mirror.o
)

mkdir -p "$1"; out=$(realpath "$1")
src=$BUILD/users/src
obj=$BUILD/users/obj
[ -d "$src" ] || run git -C "$TREE" worktree add -q --detach "$src" base
mkdir -p "$obj"

case_line() {	# case_line NAME pass|fail [NOTE]
	printf 'check\t%s\t%s\t%s\n' "$1" "$2" "${3:-}"
	[ "$2" = pass ] || echo "FAILED: $1 ${3:-}" >&2
}

# Fail if a CONFIG_ line of FRAGMENT is not in CONFIG.
survives() {	# survives FRAGMENT CONFIG
	local line ok=0
	while IFS= read -r line; do
		grep -qxF "$line" "$2" && continue
		echo "config: $line (from ${1##*/}) did not survive" >&2
		ok=1
	done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$1")
	return $ok
}

# Make .config for the checked-out commit; keep the old one if unchanged.
configure() {	# configure LAST(0|1)
	local d=$obj/config.new.d
	rm -rf "$d" && mkdir -p "$d"
	make -s -C "$src" O="$d" ARCH=x86_64 defconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$d" "$d/.config" \
		"$TOP/config/users.config" "$TOP/config/users-series.config" >/dev/null 2>&1
	make -s -C "$src" O="$d" ARCH=x86_64 olddefconfig >/dev/null
	survives "$TOP/config/users.config" "$d/.config" || return 1
	if [ "$1" = 1 ]; then
		survives "$TOP/config/users-series.config" "$d/.config" || return 1
	fi
	cmp -s "$d/.config" "$obj/.config" || cp "$d/.config" "$obj/.config"
	rm -rf "$d"
}

# The warnings in a build log, one per line: "path:line:col: kind: text",
# with the path relative to the source tree.
warnings() {	# warnings LOG
	sed -E -n "s#^(\\.\\./)*(${src}/)?([^ :]+:[0-9]+:[0-9]+: (warning|error): .*)\$#\\3#p" "$1" |
		sed -E ':a; s#[^/.][^/]*/\.\./##; ta' | sort -u
}

# Build mm/ and the objects at the checked-out commit.  Prints the log path.
build() {	# build NAME
	local log=$out/users-$1.log objs=("${USERS[@]}") o
	for o in "${OURS[@]}"; do
		[ -e "$src/${o%.o}.c" ] && objs+=("$o")
	done
	# Recompile every object checked, so its warnings are in this log.
	(cd "$obj" && rm -f "${objs[@]}")
	printf '+ make W=1 C=1 mm/ %s\n' "${objs[*]}" >&2
	make -s -k -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" \
		W=1 C=1 mm/ "${objs[@]}" > "$log" 2>&1
}

commits=$(git -C "$TREE" rev-list --reverse base..HEAD)
last=$(echo "$commits" | tail -n 1)
changed=$(git -C "$TREE" diff --name-only base HEAD)

# The base: its warnings are the reference.  They must come from a full
# build of mm/ and the objects, so they are kept in build/users/ per config
# and recomputed (after removing mm/ and the objects) only when it changes.
say "users at the base"
run git -C "$src" checkout -q --detach base
: > "$out/users-base.log"
ref=$BUILD/users/warnings-base
if ! configure 0; then
	case_line "users W=1 C=1 build at the base" fail "config"
elif [ -s "$ref" ] && cmp -s "$obj/.config" "$ref.config"; then
	say "base warnings: $ref (config unchanged)"
	case_line "users W=1 C=1 build at the base" pass "warnings kept from an earlier run"
else
	rm -rf "${obj:?}/mm" "$ref" "$ref.config"
	if build base; then
		warnings "$out/users-base.log" > "$ref"
		cp "$obj/.config" "$ref.config"
		case_line "users W=1 C=1 build at the base" pass
	else
		case_line "users W=1 C=1 build at the base" fail "see $out/users-base.log"
	fi
fi
cp "$ref" "$out/warnings-base" 2>/dev/null || : > "$out/warnings-base"

# A commit that passed once passes again: its id names its whole tree, and
# the key below names the config and the objects.  Its result is kept.
key=$(cat "$TOP/config/users.config" "$TOP/config/users-series.config" "$0" | sha1sum | cut -c1-12)
kept=$BUILD/users/passed-$key
mkdir -p "$kept"

n=0
for c in $commits; do
	n=$((n + 1))
	name=$(printf 'patch-%02d' "$n")
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	islast=0; [ "$c" = "$last" ] && islast=1
	if [ -e "$kept/$c" ]; then
		say "users at $name: $subject: passed before, kept"
		cp "$kept/$c" "$out/new-$name"
		case_line "users W=1 C=1 at $name ($subject)" pass "kept from an earlier run"
		continue
	fi
	say "users at $name: $subject"
	run git -C "$src" checkout -q --detach "$c"
	note=
	: > "$out/users-$name.log"
	if ! configure $islast; then
		note="config"
	elif ! build "$name"; then
		note="build failed, see $out/users-$name.log"
	fi
	warnings "$out/users-$name.log" > "$out/warnings-$name"
	comm -13 "$out/warnings-base" "$out/warnings-$name" > "$out/new-$name"
	# A warning in a file the series changes is ours, even if the base had it.
	grep -F -f <(echo "$changed" | sed 's/$/:/') "$out/warnings-$name" >> "$out/new-$name" || true
	if [ -s "$out/new-$name" ]; then
		sed 's/^/  new warning: /' "$out/new-$name" >&2
		note="${note:+$note; }$(sort -u "$out/new-$name" | wc -l) new warning(s)"
	fi
	if [ -z "$note" ]; then
		cp "$out/new-$name" "$kept/$c"
		case_line "users W=1 C=1 at $name ($subject)" pass
	else
		case_line "users W=1 C=1 at $name ($subject)" fail "$note"
	fi
done

# One line per object at the last commit: built, and no new warning in it
# (a kept last commit had them all built when it passed).
for o in "${USERS[@]}" "${OURS[@]}"; do
	file=$(realpath -m --relative-to="$src" "$src/${o%.o}.c")
	if [ ! -e "$kept/$last" ] && [ ! -e "$obj/$o" ]; then
		case_line "users W=1 C=1: $file" fail "not built"
	elif grep -q "^$file:" "$out/new-$name"; then
		case_line "users W=1 C=1: $file" fail "new warnings"
	else
		case_line "users W=1 C=1: $file" pass
	fi
done
