# Made core/src/test/resources/png/{gray16,rgba}.png with Debian's /usr/bin/python3 (PIL 9.4.0).
# Run from that folder. The printed values are the ones PngFormatTest checks.
import numpy as np
from PIL import Image
a = np.array([[0, 1, 255, 256, 65535], [1000, 30000, 40000, 50000, 12345], [7, 8, 9, 10, 11]], dtype=np.uint16)
Image.fromarray(a).save("gray16.png")            # PIL writes mode I;16 as a 16-bit gray PNG
print(np.array(Image.open("gray16.png")).tolist())
rgba = np.zeros((2, 3, 4), np.uint8)
rgba[..., 0] = [[10, 20, 30], [40, 50, 60]]
rgba[..., 1] = [[200, 100, 0], [1, 2, 3]]
rgba[..., 2] = [[5, 5, 5], [250, 250, 250]]
rgba[..., 3] = [[255, 128, 0], [255, 255, 255]]
Image.fromarray(rgba, "RGBA").save("rgba.png")
l = 0.299 * rgba[..., 0] + 0.587 * rgba[..., 1] + 0.114 * rgba[..., 2]
print(l.tolist())  # [[120.96, 65.25, 9.54], [41.047, 44.624, 48.201]]

# A 1-bit gray mask (PIL mode "1", written as a 1-bit grayscale PNG).
m = np.zeros((4, 9), bool); m[1, 2:7] = True; m[3, 8] = True
Image.fromarray(m).save("mask1bit.png")
print(np.array(Image.open("mask1bit.png")).astype(int).tolist())  # 1 at row 1 columns 2..6 and row 3 column 8
