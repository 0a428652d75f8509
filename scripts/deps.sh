#!/bin/bash
# Install everything the project needs from Debian's archive, the pinned base
# included.  With --check, install nothing: list what is missing and fail.
. "$(dirname "$0")/lib.sh"

tools=(build-essential bc bison flex libelf-dev libssl-dev python3 git
       qemu-system-x86 busybox-static ccache cpio xz-utils kmod rsync
       sparse perl python3-ply python3-git python3-sphinx python3-sphinx-rtd-theme
       libnuma-dev libcap-dev coccinelle clang-16 lld-16 llvm-16)

missing=()
for p in "${tools[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
have=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || true)

if [ "${1:-}" = --check ]; then
	[ -z "$have" ] && die "base package $package=$version is not installed: run 'make deps'"
	[ "$have" = "$version" ] ||
		die "base package $package is $have, the series is pinned to $version: run 'make deps'"
	[ ${#missing[@]} -eq 0 ] || die "missing packages: ${missing[*]}: run 'make deps'"
	exit 0
fi

if [ -n "$have" ] && [ "$have" != "$version" ]; then
	die "base package $package is $have, the series is pinned to $version (base/pin); install it with: apt-get install --allow-downgrades $package=$version"
fi
[ "$have" = "$version" ] || missing+=("$package=$version")
if [ ${#missing[@]} -eq 0 ]; then
	say "all packages present"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
run apt-get update -q
run apt-get install -y -q --no-install-recommends "${missing[@]}" ||
	die "apt-get could not install: ${missing[*]} (the base is pinned to $package=$version in base/pin)"
