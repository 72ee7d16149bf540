#!/usr/bin/env bash
# Builds the ChestDx bundle for a CUDA server that has PyTorch but no .NET and no internet access:
# a self-contained linux-x64 publish with the "external" torch backend (no libtorch inside: at run time libtorch comes
# from the PyTorch install's torch/lib through LD_LIBRARY_PATH), plus scripts/gpu-check.sh, packed as one tar.xz.
#
#   scripts/publish-external.sh                   # → artifacts/chestdx-external-linux-x64.tar.xz (~30 MB)
#   scp artifacts/chestdx-external-linux-x64.tar.xz gpu-server:
#   ssh gpu-server 'tar xJf chestdx-external-linux-x64.tar.xz && chestdx-external/gpu-check.sh'
#
# Needs the .NET SDK and the NuGet packages (restored once, here). TorchSharp 0.107 is built against libtorch 2.10:
# the server's PyTorch should be 2.10.x; gpu-check.sh lists the libtorch symbols a different version lacks.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTIFACTS=${ARTIFACTS:-$ROOT/artifacts}
NAME=chestdx-external
STAGE=$ARTIFACTS/$NAME
TARBALL=$ARTIFACTS/$NAME-linux-x64.tar.xz

rm -rf "$STAGE"
mkdir -p "$STAGE"
dotnet publish "$ROOT/src/ChestDx.Cli/ChestDx.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  -p:ChestDxTorchBackend=external -p:DebugType=none -o "$STAGE"

# The external backend must not carry a libtorch of its own: the server's PyTorch provides it.
if compgen -G "$STAGE/libtorch*.so*" > /dev/null; then
  echo "error: $STAGE contains a bundled libtorch; the external backend should not" >&2
  exit 1
fi
test -f "$STAGE/libLibTorchSharp.so" || { echo "error: libLibTorchSharp.so missing from the publish" >&2; exit 1; }

cp "$ROOT/scripts/gpu-check.sh" "$STAGE/"
chmod +x "$STAGE/gpu-check.sh" "$STAGE/chestdx"
git -C "$ROOT" rev-parse HEAD > "$STAGE/COMMIT" 2>/dev/null || true
tar -C "$ARTIFACTS" -cJf "$TARBALL" "$NAME"
echo "$TARBALL ($(du -h "$TARBALL" | cut -f1))"
