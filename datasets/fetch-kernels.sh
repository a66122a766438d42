#!/usr/bin/env bash
# Fetches Debian's kernel image packages for the census: the modules (.ko) of
# linux-image-<version>-<arch> and, from its -dbg package, the vmlinux with symbols.
# From 7.x (sid, trixie-backports) linux-image-<version>-<arch> is a metapackage and the files are
# split: the config comes from linux-base-*, the modules from linux-modules-*; the cache folder
# looks the same either way (named after the image package, boot/config-*, usr/lib/modules/...).
#
# Everything goes into a cache outside the repository (about 1.3 GB per arch with the -dbg
# package, 0.3 GB without). apt runs with its own options only: a private sources list, package
# lists and archive cache under the cache folder, and a foreign APT::Architecture, so the host's
# apt state is neither read nor changed and no root is needed beyond what dpkg-deb needs (none).
#
# With --export, the census of each package is written to datasets/kernels/ as
# NAME.functions.csv.gz, NAME.sections.csv.gz and NAME.image.csv (see the README).
# With --list-path-mix, the list path's instruction mix is derived from each vmlinux by running its
# code on the emulator and written to datasets/kernels/list-path-mix.csv (every fetched arch in one
# file; needs the -dbg package). Both are refused for a 7.x kernel (see where they are checked).
# Not run by the tests: it downloads about 2.4 GB.
set -euo pipefail

usage() {
    cat <<EOF
usage: $0 [--cache DIR] [--suite SUITE] [--mirror URL] [--arch ARCH]... [--no-dbg] [--no-modules]
          [--export] [--list-path-mix]
  --cache DIR    where packages and extracted files go (default: \${XDG_CACHE_HOME:-~/.cache}/ftrace-lab/kernels)
  --suite SUITE  Debian suite (default: trixie, whose kernel is 6.12; sid and trixie-backports
                 ship 7.x, split into linux-base-*, linux-modules-* and the -dbg package)
  --mirror URL   Debian mirror (default: http://deb.debian.org/debian)
  --arch ARCH    riscv64 and/or arm64 (default: both)
  --no-dbg       skip the -dbg package (no vmlinux: no kernel-text rows, no reach model)
  --no-modules   skip the modules (7.x: linux-modules-* is not downloaded; not with --export)
  --export       write the census datasets into datasets/kernels/ of this checkout
  --list-path-mix  derive datasets/kernels/list-path-mix.csv from the fetched vmlinux files
EOF
}

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/ftrace-lab/kernels"
suite=trixie
mirror=http://deb.debian.org/debian
arches=()
dbg=1
modules=1
export_census=0
list_path_mix=0
while [ $# -gt 0 ]; do
    case "$1" in
        --cache) cache="$2"; shift 2 ;;
        --suite) suite="$2"; shift 2 ;;
        --mirror) mirror="$2"; shift 2 ;;
        --arch) arches+=("$2"); shift 2 ;;
        --no-dbg) dbg=0; shift ;;
        --no-modules) modules=0; shift ;;
        --export) export_census=1; shift ;;
        --list-path-mix) list_path_mix=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$0: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[ ${#arches[@]} -gt 0 ] || arches=(riscv64 arm64)
[ "$list_path_mix" -eq 0 ] || [ "$dbg" -eq 1 ] || { echo "$0: --list-path-mix needs the -dbg package (drop --no-dbg)" >&2; exit 2; }
[ "$export_census" -eq 0 ] || [ "$modules" -eq 1 ] || { echo "$0: --export needs the modules (drop --no-modules)" >&2; exit 2; }
[ "$modules" -eq 1 ] || [ "$dbg" -eq 1 ] || { echo "$0: --no-modules with --no-dbg leaves nothing but the config" >&2; exit 2; }
for a in "${arches[@]}"; do
    case "$a" in riscv64|arm64) ;; *) echo "$0: --arch: expected riscv64 or arm64, got '$a'" >&2; exit 2 ;; esac
done
for tool in apt-get apt-cache dpkg-deb xz sha256sum; do
    command -v "$tool" >/dev/null || { echo "$0: needs $tool (Debian's apt, dpkg, xz-utils, coreutils)" >&2; exit 2; }
done

mix_dirs=()
apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$cache/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || { echo "$0: needs $keyring (package debian-archive-keyring)" >&2; exit 2; }
arch_list="$(IFS=,; echo "${arches[*]}")"
echo "deb [arch=$arch_list signed-by=$keyring] $mirror $suite main" > "$apt_dir/sources.list"
: > "$apt_dir/status"
apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::Status=$apt_dir/status"
    -o "Dir::Cache=$apt_dir" -o "Dir::Cache::Archives=$apt_dir/archives"
    -o "APT::Architecture=${arches[0]}" -o "APT::Architectures=$arch_list"
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root
)
echo "== apt update ($suite: $arch_list)"
apt-get "${apt_opts[@]}" -qq update

for arch in "${arches[@]}"; do
    # The metapackage linux-image-ARCH depends on the current versioned image package.
    pkg="$(apt-cache "${apt_opts[@]}" depends "linux-image-$arch:$arch" | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
    pkg="${pkg%%:*}"
    [ -n "$pkg" ] || { echo "$0: no linux-image package for $arch in $suite" >&2; exit 1; }
    version="$(apt-cache "${apt_opts[@]}" show "$pkg:$arch" | awk '/^Version:/ {print $2; exit}')"
    kver="${pkg#linux-image-}"
    out="$cache/$pkg"
    mix_dirs+=("$out")
    # From 7.x the versioned image package is a metapackage: its files are in linux-binary-KVER,
    # linux-modules-KVER and linux-base-KVER (the config), which it depends on.
    deps="$(apt-cache "${apt_opts[@]}" depends "$pkg:$arch")"
    split=0
    case "$deps" in *"Depends: linux-base-$kver"*) split=1 ;; esac
    if [ "$split" -eq 1 ] && [ "$list_path_mix" -eq 1 ]; then
        # list-path-mix.csv holds one kernel per arch, the 6.12 ones: refused before anything is
        # downloaded (ftrace-lab list-path-mix PACKAGE_DIR runs on the 7.x folder all the same).
        echo "$0: --list-path-mix writes the 6.12 rows of list-path-mix.csv, not $pkg's; drop it and run" >&2
        echo "  ftrace-lab list-path-mix $out" >&2
        exit 2
    fi
    if [ "$split" -eq 1 ] && [ "$export_census" -eq 1 ]; then
        # The reports glob datasets/kernels/ by arch: a second riscv64 census would change them.
        echo "$0: --export is for the trixie 6.12 datasets; for $pkg fetch without it, then run" >&2
        echo "  ftrace-lab census $out/usr/lib/modules/$kver $out/usr/lib/debug/boot/vmlinux-$kver" >&2
        exit 2
    fi
    echo "== $pkg $version ($arch)"
    if [ "$split" -eq 0 ]; then
        wanted=("$pkg:$arch")
    else
        echo "   split image: config from linux-base-$kver$([ "$modules" -eq 0 ] || echo ", modules from linux-modules-$kver")"
        wanted=("linux-base-$kver:$arch")
        [ "$modules" -eq 0 ] || wanted+=("linux-modules-$kver:$arch")
    fi
    [ "$dbg" -eq 0 ] || wanted+=("$pkg-dbg:$arch")
    (cd "$cache/debs" && apt-get "${apt_opts[@]}" -qq download "${wanted[@]}")
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    if [ "$split" -eq 0 ]; then
        deb="$(ls "$cache/debs/${pkg}_"*"_$arch.deb")"
        if [ "$modules" -eq 1 ]; then
            echo "   extracting modules"
            dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp" --wildcards './usr/lib/modules/*' './boot/config-*'
        else
            dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp" --wildcards './boot/config-*'
        fi
    else
        deb="$(ls "$cache/debs/linux-base-${kver}_"*"_$arch.deb")"
        echo "   extracting config from $(basename "$deb")"
        mkdir -p "$out.tmp/boot"
        dpkg-deb --fsys-tarfile "$deb" | tar -x -O -f - "./usr/lib/modules/$kver/config" > "$out.tmp/boot/config-$kver"
        if [ "$modules" -eq 1 ]; then
            modules_deb="$(ls "$cache/debs/linux-modules-${kver}_"*"_$arch.deb")"
            echo "   extracting modules from $(basename "$modules_deb")"
            dpkg-deb --fsys-tarfile "$modules_deb" | tar -x -C "$out.tmp" --wildcards './usr/lib/modules/*'
        fi
    fi
    # The census reads .ko.xz too, but plain .ko files are faster to read again and again.
    find "$out.tmp" -name '*.ko.xz' -print0 | xargs -0 -r -P "$(nproc)" -n 64 xz -d
    dbg_sha=none
    if [ "$dbg" -eq 1 ]; then
        dbg_deb="$(ls "$cache/debs/${pkg}-dbg_"*"_$arch.deb")"
        echo "   extracting vmlinux from $(basename "$dbg_deb")"
        members=('./usr/lib/debug/boot/vmlinux-*')
        # 7.x keeps the vmlinux in usr/lib/debug/lib/modules/KVER/ and only a symlink in boot/.
        [ "$split" -eq 0 ] || members+=("./usr/lib/debug/lib/modules/$kver/vmlinux")
        dpkg-deb --fsys-tarfile "$dbg_deb" | tar -x -C "$out.tmp" --wildcards "${members[@]}"
        if [ "$split" -eq 1 ]; then
            mv -f "$out.tmp/usr/lib/debug/lib/modules/$kver/vmlinux" "$out.tmp/usr/lib/debug/boot/vmlinux-$kver"
            rm -r "$out.tmp/usr/lib/debug/lib"
        fi
        dbg_sha="$(sha256sum "$dbg_deb" | cut -d' ' -f1)"
    fi
    cat > "$out.tmp/PACKAGE" <<EOF
package=$pkg
version=$version
arch=$arch
suite=$suite
mirror=$mirror
deb=$(basename "$deb") sha256=$(sha256sum "$deb" | cut -d' ' -f1)
dbg_sha256=$dbg_sha
fetched=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
    if [ "$split" -eq 1 ]; then
        # deb= above names linux-base-* (the config); the modules came from their own package.
        modules_line=none
        [ "$modules" -eq 0 ] || modules_line="$(basename "$modules_deb") sha256=$(sha256sum "$modules_deb" | cut -d' ' -f1)"
        printf 'layout=split (linux-base, linux-modules, -dbg)\nmodules_deb=%s\n' "$modules_line" >> "$out.tmp/PACKAGE"
    fi
    rm -rf "$out" && mv "$out.tmp" "$out"
    if [ "$modules" -eq 1 ]; then
        echo "   $(find "$out/usr/lib/modules" -name '*.ko' | wc -l) modules in $out"
    else
        echo "   config and vmlinux (no modules) in $out"
    fi

    if [ "$export_census" -eq 1 ]; then
        inputs=("$out/usr/lib/modules/$kver")
        [ "$dbg" -eq 0 ] || inputs+=("$out/usr/lib/debug/boot/vmlinux-$kver")
        "$root/ftrace-lab" census "${inputs[@]}" --top 3 \
            --export "$root/datasets/kernels" --package "$pkg" --package-version "$version" \
            --note "Debian $suite package $pkg $version ($arch), from $mirror; vmlinux from $pkg-dbg" \
            --note "fetched and derived by datasets/fetch-kernels.sh --export"
    fi
done

if [ "$list_path_mix" -eq 1 ]; then
    "$root/ftrace-lab" list-path-mix "${mix_dirs[@]}" --output "$root/datasets/kernels/list-path-mix.csv"
fi
