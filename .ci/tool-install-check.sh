#!/usr/bin/env bash
# The README's "Install" section, checked: pack chestdx as a .NET tool into a temporary folder, install it from that
# folder alone (a NuGet.config that lists only it, so no other feed is asked), and run `chestdx --help` and
# `chestdx doctor` from the installed copy. doctor loads libtorch and runs a training step, which on Debian 12 works
# only if the packed libLibTorchSharp.so carries the libstdc++ patch (build/LibTorchSharpPatch.targets); where
# readelf exists the patch is also checked directly. Run by .ci/run after the tests; exit status non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
publish_dir="src/ChestDx.Cli/bin/Release/net10.0/linux-x64/publish"
# The packages, the installed tool (~0.6 GB unpacked) and the publish folder the pack made are all removed at exit.
trap 'rm -rf "$work" "$publish_dir"' EXIT

# The tool's launcher finds the .NET runtime through DOTNET_ROOT where the SDK is not in a default location.
DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
export DOTNET_ROOT

step() { printf '\n== %s (%ds)\n' "$1" "$SECONDS"; }
fail() { echo "tool-install-check: error: $*" >&2; exit 1; }

step "dotnet pack src/ChestDx.Cli -c Release -o <folder>"
dotnet pack src/ChestDx.Cli -c Release -o "$work/packages" --nologo -v minimal
ls -l "$work/packages"
compgen -G "$work/packages/chestdx.linux-x64.*.nupkg" >/dev/null \
    || fail "no chestdx.linux-x64 package in $work/packages"

cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="chestdx-local" value="$work/packages" />
  </packageSources>
</configuration>
CONFIG

step "dotnet tool install --tool-path <dir> --configfile <only the package folder> chestdx"
dotnet tool install chestdx --tool-path "$work/tool" --configfile "$work/nuget.config"
du -sh "$work/tool"

lib="$(find "$work/tool/.store" -name libLibTorchSharp.so -print -quit)"
[ -n "$lib" ] || fail "libLibTorchSharp.so is not in the installed tool"
if command -v readelf >/dev/null 2>&1; then
    readelf -V "$lib" | grep -q 'GLIBCXX_3\.4\.32 *Flags: WEAK' \
        || fail "the installed $lib lacks the weak GLIBCXX_3.4.32 version need (build/LibTorchSharpPatch.targets)"
    echo "libLibTorchSharp.so: GLIBCXX_3.4.32 version need is weak (patched)"
fi

step "chestdx --help"
"$work/tool/chestdx" --help >/dev/null || fail "chestdx --help failed"

step "chestdx doctor"
TORCH_CPP_LOG_LEVEL=ERROR "$work/tool/chestdx" doctor || fail "chestdx doctor failed in the installed tool"

step "done"
