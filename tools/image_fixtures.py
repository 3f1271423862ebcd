#!/usr/bin/python3
"""Writes the image-decoding fixtures of runtime/src/test/resources/images with Debian's python3-pil.

    /usr/bin/python3 tools/image_fixtures.py [--out DIR]

One small image per kind PIL users feed to torchvision (8-bit gray, gray + alpha, 16-bit gray,
palette, RGB, RGBA, CMYK JPEG, RGB JPEG), and beside each NAME.rgb: the pixels of
`Image.open(NAME).convert("RGB")` as raw bytes (height x width x 3), which is what
torchvision's ToTensor sees and what snet's Images must reproduce.
"""
import argparse
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "runtime", "src", "test", "resources", "images")


def pattern(h, w, channels, seed, top=255):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    scale = (top + 1) // 256  # 16-bit images span their whole range, so that PIL's clipping to 8 bits shows
    base = [(x * 17 + y * 5) * scale, (x * 3 + y * 29) * scale, (x * y * 7) * scale, (x + y) * 9 * scale]
    planes = [(base[c] + rng.integers(0, 16 * scale, (h, w))) % (top + 1) for c in range(channels)]
    return np.stack(planes, axis=-1) if channels > 1 else planes[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    h, w = 9, 13
    images = {
        "gray.png": Image.fromarray(pattern(h, w, 1, 1).astype(np.uint8), "L"),
        "gray_alpha.png": Image.fromarray(pattern(h, w, 2, 2).astype(np.uint8), "LA"),
        "gray16.png": Image.fromarray(pattern(h, w, 1, 3, top=65535).astype(np.uint16)),
        "palette.png": Image.fromarray(pattern(h, w, 3, 4).astype(np.uint8), "RGB").quantize(colors=16),
        "rgb.png": Image.fromarray(pattern(h, w, 3, 5).astype(np.uint8), "RGB"),
        "rgba.png": Image.fromarray(pattern(h, w, 4, 6).astype(np.uint8), "RGBA"),
        "gray.jpg": Image.fromarray(pattern(h, w, 1, 7).astype(np.uint8), "L"),
        "rgb.jpg": Image.fromarray(pattern(h, w, 3, 8).astype(np.uint8), "RGB"),
        "cmyk.jpg": Image.fromarray(pattern(h, w, 4, 9).astype(np.uint8), "CMYK"),
    }
    for name, image in images.items():
        path = os.path.join(args.out, name)
        if name.endswith(".jpg"):
            image.save(path, quality=95)
        else:
            image.save(path)
        with Image.open(path) as reread:
            rgb = np.asarray(reread.convert("RGB"), dtype=np.uint8)
            mode = reread.mode
        rgb.tofile(path + ".rgb")
        print(f"{name:16s} mode {mode:6s} mean {rgb.mean() / 255:.4f}")


if __name__ == "__main__":
    main()
