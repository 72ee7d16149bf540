# Reference for the 1024² → 256² pack images: Pillow's Image.reduce(4) (exact 4×4 box mean, rounded half up) of
# each sample PNG converted to "L". Run with Debian 12's python3-pil 9.4.0:
#   /usr/bin/python3 tests/data/ingest/pillow_reduce4.py samples/nih-cxr14/images > tests/data/ingest/pillow_reduce4_sha256.csv
import hashlib, os, sys
from PIL import Image
root = sys.argv[1]
print("image_id,sha256_of_256x256_bytes,pixel_0_0,pixel_128_128,pixel_255_200")
for name in sorted(os.listdir(root)):
    im = Image.open(os.path.join(root, name)).convert("L").reduce(4)
    b = im.tobytes()
    print(f"{name},{hashlib.sha256(b).hexdigest()},{b[0]},{b[128*256+128]},{b[255*256+200]}")
