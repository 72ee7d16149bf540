#!/usr/bin/env bash
# Coverage-guided fuzzing of one ChestDx target with SharpFuzz + AFL++ (see README.md in this folder).
#
#   tests/fuzz/run.sh TARGET [SECONDS] [-- extra afl-fuzz options]
#
# TARGET: part10 | rle | jpeg-lossless | jpeg-dct | png.  SECONDS: how long afl-fuzz runs (default 3600).
# Builds the harness, instruments the assemblies under test with SharpFuzz, and runs afl-fuzz from the committed
# seeds in tests/fuzz/seeds/TARGET with the target's dictionary. Results go to $FUZZ_OUT (default
# tests/fuzz/out/TARGET, git-ignored): afl's default/fuzzer_stats, default/queue, default/crashes, default/hangs.
# Each run starts from the seeds; set FUZZ_RESUME=1 to continue an earlier run's queue instead (afl-fuzz -i -).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
target="${1:?usage: run.sh TARGET [SECONDS] [-- afl-fuzz options]}"; shift
seconds=3600
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seconds="$1"; shift; fi
[ "${1:-}" = "--" ] && shift

case "$target" in
  part10)        dict=dicom.dict; instrument=("ChestDx.Dicom.dll") ;;
  rle)           dict="";         instrument=("ChestDx.Dicom.dll ChestDx.Dicom.Codecs.Rle") ;;
  jpeg-lossless) dict=jpeg.dict;  instrument=("ChestDx.Dicom.dll ChestDx.Dicom.Codecs.JpegLossless") ;;
  jpeg-dct)      dict=jpeg.dict;  instrument=("ChestDx.Dicom.dll ChestDx.Dicom.Codecs.Jpeg" "JpegLibrary.dll") ;;
  png)           dict=png.dict;   instrument=("ChestDx.Imaging.dll ChestDx.Imaging.Png") ;;
  *) echo "run.sh: unknown target '$target' (part10, rle, jpeg-lossless, jpeg-dct, png)" >&2; exit 2 ;;
esac
command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }

out="${FUZZ_OUT:-$here/out/$target}"
bin="$out/bin"
mkdir -p "$out"

# 1. Build the harness into its own folder, then instrument (in place) only the code under test: the harness,
#    the runtime and the other libraries stay uninstrumented so AFL's coverage map is about the target.
#    Two targets started together would build into the same obj/ folders: one publish at a time (flock).
mkdir -p "$here/out"
flock "$here/out/.publish.lock" \
  dotnet publish "$root/tests/ChestDx.Fuzz/ChestDx.Fuzz.csproj" -c Release -o "$bin" --nologo -v quiet
( cd "$here" && dotnet tool restore >/dev/null )
for spec in "${instrument[@]}"; do
  read -r dll prefix <<<"$spec"
  ( cd "$here" && dotnet sharpfuzz "$bin/$dll" ${prefix:+"$prefix"} )
done

# 2. Fuzz. -t: an input running longer than 2 s is a hang (a seed decodes in milliseconds); -m none: .NET reserves
#    far more virtual memory than it uses, so memory is bounded by the target's own allocation check instead.
input="$here/seeds/$target"
[ "${FUZZ_RESUME:-0}" = 1 ] && [ -d "$out/default/queue" ] && input=-
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI="${AFL_NO_UI:-1}" DOTNET_TieredPGO=0
afl-fuzz -i "$input" -o "$out" -t 2000 -m none ${dict:+-x "$here/dictionaries/$dict"} -V "$seconds" "$@" \
  -- dotnet "$bin/ChestDx.Fuzz.dll" fuzz "$target"

# 3. Summary line for the campaign table (README.md).
stats="$out/default/fuzzer_stats"
awk -F' *: *' -v t="$target" '
  {v[$1]=$2}
  END {printf "%s: run_time %ss, execs_done %s, execs_per_sec %s, corpus_count %s, edges_found %s, bitmap_cvg %s, saved_crashes %s, saved_hangs %s\n",
        t, v["run_time"], v["execs_done"], v["execs_per_sec"], v["corpus_count"], v["edges_found"], v["bitmap_cvg"], v["saved_crashes"], v["saved_hangs"]}' "$stats"
