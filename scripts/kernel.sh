#!/bin/bash
# Build an x86_64 kernel, its modules and its UAPI headers out of tree.
#
#   [SRC=TREE] [PREPARE_ONLY=1] [LLVM=-16] scripts/kernel.sh OBJDIR FRAGMENT...
#
# SRC is the source tree (default: the scratch tree); PREPARE_ONLY=1 stops
# after modules_prepare; LLVM=-16 builds with Debian's clang-16 and lld-16
# instead of gcc (KMSAN needs clang).
# The config is tinyconfig plus the fragments; every CONFIG_ line of the
# fragments must survive olddefconfig unchanged, unless a later fragment
# turns it off with "# CONFIG_X is not set", which must hold too.  .config
# is replaced only when it changes, so an unchanged config keeps the build
# incremental.
. "$(dirname "$0")/lib.sh"

mkdir -p "$1"; obj=$(realpath "$1"); shift
src=${SRC:-$TREE}
[ -d "$src" ] || die "no kernel tree at $src: run 'make tree'"

tc=(CC="ccache gcc")
[ -n "${LLVM:-}" ] && tc=(LLVM="$LLVM" CC="ccache clang$LLVM")
kmake() { run make -s -C "$src" O="$obj" ARCH=x86_64 "${tc[@]}" -j"$JOBS" "$@"; }

frags=()
for f in "$@"; do frags+=("$(realpath "$f")"); done
cfg=$obj/config.new
rm -rf "$cfg.d" && mkdir -p "$cfg.d"
run make -s -C "$src" O="$cfg.d" ARCH=x86_64 "${tc[@]}" tinyconfig >/dev/null
run "$src/scripts/kconfig/merge_config.sh" -m -O "$cfg.d" "$cfg.d/.config" "${frags[@]}" >/dev/null
run make -s -C "$src" O="$cfg.d" ARCH=x86_64 "${tc[@]}" olddefconfig >/dev/null
bad=0
for i in "${!frags[@]}"; do
	f=${frags[$i]}
	while IFS= read -r line; do
		sym=${line%%=*}
		# A later fragment may turn the symbol off ("# CONFIG_X is not set").
		for g in "${frags[@]:$((i + 1))}"; do
			grep -qE "^(# )?$sym[= ]" "$g" && continue 2
		done
		grep -qxF "$line" "$cfg.d/.config" && continue
		echo "config: $line (from $(basename "$f")) did not survive: $(grep -E "^(# )?$sym[= ]" "$cfg.d/.config" || echo unset)" >&2
		bad=1
	done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$f")
	# What a fragment turns off stays off.
	while IFS= read -r sym; do
		if grep -qE "^$sym=" "$cfg.d/.config"; then
			echo "config: $sym is set, but $(basename "$f") turns it off" >&2
			bad=1
		fi
	done < <(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$f")
done
[ $bad = 0 ] || die "the kernel config is not what the fragments ask for"
cmp -s "$cfg.d/.config" "$obj/.config" || cp "$cfg.d/.config" "$obj/.config"
rm -rf "$cfg.d"

kmake olddefconfig >/dev/null
if [ "${PREPARE_ONLY:-0}" = 1 ]; then
	# Enough to build out-of-tree modules against (scripts/bench-modules.sh).
	kmake modules_prepare
	exit 0
fi
kmake bzImage modules
rm -rf "$obj/modroot"
kmake INSTALL_MOD_PATH="$obj/modroot" modules_install >/dev/null
kmake headers_install >/dev/null
say "kernel: $obj/arch/x86/boot/bzImage"
