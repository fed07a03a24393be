"""Draw the app icon (resources/app.png and resources/app.ico) with Pillow.

Run once when the icon changes: ``python scripts/make_icon.py``. The files are committed;
the build does not need Pillow.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "resources"
BLUE = (21, 101, 192, 255)
WHITE = (255, 255, 255, 255)
AMBER = (255, 193, 7, 255)


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 5, fill=BLUE)
    # Signal arcs above a "T": a broadband provider's mark.
    cx, cy = size // 2, int(size * 0.47)
    for i, r in enumerate((0.16, 0.26, 0.36)):
        rr = int(size * r)
        d.arc((cx - rr, cy - rr, cx + rr, cy + rr), 225, 315, fill=AMBER if i == 0 else WHITE,
              width=max(2, size // 24))
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", int(size * 0.42))
    except OSError:
        font = ImageFont.load_default()
    d.text((cx, int(size * 0.70)), "T", fill=WHITE, font=font, anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(exist_ok=True)
    big = draw(256)
    big.save(OUT / "app.png")
    big.save(OUT / "app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                     (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
