#!/usr/bin/env bash
# Rebuilds tests/fuzz/seeds/<target>/ from the repository's test fixtures (see seeds/README.md for the list and why).
# Codec seeds are the fuzz prefix (Targets/CodecInput.cs) plus frame 1's codestream, written by the harness itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
d="$root/tests/data/dicom"
fixtures=(
  # Part 10 framing and encodings: explicit/implicit LE, big endian, deflate, no meta, group lengths, nested undefined-length sequences
  "$d/generated/u12_ile.dcm" "$d/generated/u12_ebe.dcm" "$d/generated/u12_defl.dcm" "$d/generated/u12_nometa_ile.raw.dcm"
  "$d/generated/u12_gl.dcm" "$d/generated/u12_seq_undef_ele.dcm" "$d/generated/s12_nosignext_ele.dcm"
  "$d/conformance/pydicom/meta_missing_tsyntax.dcm" "$d/conformance/pydicom/SC_rgb_small_odd.dcm"
  "$d/lenient/acrnema_u10_packed_7x3x3.dcm"
  # RLE: 8/16/32-bit, signed, grey and RGB, two frames
  "$d/generated/u8_rle.dcm" "$d/generated/s16_rle.dcm" "$d/conformance/pydicom/SC_rgb_rle.dcm"
  "$d/conformance/pydicom/SC_rgb_rle_16bit.dcm" "$d/conformance/pydicom/SC_rgb_rle_32bit_2frame.dcm"
  # JPEG lossless: every predictor, P = 2..16, restart intervals, DNL, multi-component scans, APPn, fragmented frame
  "$d/generated/u8_jpeg_sv1.dcm" "$d/generated/u12_jpeg_sv1_frag.dcm" "$d/generated/s16_jpeg_sv1.dcm"
  "$d/generated/u12_jpeg_p14_sv2.dcm" "$d/generated/u12_jpeg_p14_sv3.dcm" "$d/generated/u12_jpeg_p14_sv4.dcm"
  "$d/generated/u16_jpeg_p14_sv5.dcm" "$d/generated/u12_jpeg_p14_sv6.dcm" "$d/generated/u16_jpeg_p14_sv7.dcm"
  "$d/codecs/lossless_u2_sv1.dcm" "$d/codecs/lossless_u7_sv3.dcm" "$d/codecs/lossless_u12_sv1_dnl.dcm"
  "$d/codecs/lossless_u12_sv6_restart1.dcm" "$d/codecs/lossless_u12_sv7_pt2_app.dcm"
  "$d/codecs/lossless_rgb_sv2_scan_per_component.dcm" "$d/codecs/lossless_rgb_sv5_interleaved_restart3.dcm"
  # JPEG DCT: 8-bit baseline, 12-bit extended, progressive, RGB / YBR_FULL_422 from dcmtk and GDCM
  "$d/generated/u8_jpeg_base.dcm" "$d/generated/u12_jpeg_ext12.dcm" "$d/generated/u12_jpeg_prog.dcm"
  "$d/conformance/pydicom/SC_rgb_jpeg_dcmtk.dcm" "$d/conformance/pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm"
  "$d/conformance/pydicom/SC_jpeg_no_color_transform.dcm"
)
harness="$root/tests/ChestDx.Fuzz/bin/Release/net10.0/linux-x64/ChestDx.Fuzz.dll"
[ -f "$harness" ] || dotnet build "$root/tests/ChestDx.Fuzz" -c Release
rm -rf "$here/seeds/part10" "$here/seeds/rle" "$here/seeds/jpeg-lossless" "$here/seeds/jpeg-dct" "$here/seeds/png"
dotnet "$harness" seed "$here/seeds" "${fixtures[@]}"
mkdir -p "$here/seeds/png"
cp "$d/generated/img8.png" "$d/generated/img12_16bit.png" "$here/seeds/png/"
python3 "$here/make_png_seeds.py" "$here/seeds/png"
# Drop byte-identical duplicates (keep the first name in sort order).
for t in part10 rle jpeg-lossless jpeg-dct png; do
  ( cd "$here/seeds/$t" && sha256sum -- * | sort -k2 | awk 'seen[$1]++ {print $2}' | xargs -r rm -v -- )
done
