"""Generate a corpus of hostile and broken files, with the status each should get.

    python tests/hostile.py OUT_DIR

Nothing is downloaded: every file is made here. ``make_hostile(out)`` returns
{relative path: expected status}.
"""
from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from pathlib import Path

DUTCH = ("De gemeente versterkt de sociale basis met buurthuizen en vrijwilligers. "
         "We werken samen met de welzijnsorganisatie in elke wijk van de stad. ")
ENGLISH = ("The municipality strengthens the social fabric of its neighbourhoods. We work with welfare "
           "organisations and volunteers to make sure that every resident can take part in the community. ")
FRENCH = ("La commune renforce la cohésion sociale dans les quartiers. Nous travaillons avec les associations "
          "et les bénévoles pour que chaque habitant puisse participer à la vie de la communauté. ")


def _pdf_bytes(text: str, pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for _ in range(pages):
        y = 780
        for k in range(0, len(text), 90):
            c.drawString(60, y, text[k:k + 90])
            y -= 14
        c.showPage()
    c.save()
    return buffer.getvalue()


def _encrypted(data: bytes, user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _many_pages(n: int) -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _deeply_nested(depth: int = 50000) -> bytes:
    """A PDF whose page dictionary holds an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Junk " + nested + b" >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _image_bomb() -> bytes:
    """A PNG that says it is 30,000 by 30,000 pixels (900 million) in a few dozen bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
            + chunk(b"IEND", b""))


def _zip_bomb() -> bytes:
    """A DOCX-shaped zip whose document part expands to about 1 GB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"A" * (1 << 20) + b"</w:t>"
            for _ in range(1000):
                fh.write(chunk)
    return out.getvalue()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<html><body><h1>Nota</h1><p>&lol9; &ext;</p><p>""" + DUTCH * 3 + """</p></body></html>
"""


def _image_only_pdf() -> bytes:
    """One page that is only a picture of Dutch text (a scan)."""
    out = io.BytesIO()
    scanned_page().convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()


def scanned_page():
    """A picture of a page of Dutch text, as a scanner at 150 dpi makes it (a PIL image)."""
    from PIL import Image, ImageDraw, ImageFont
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 28)
    except OSError:
        font = ImageFont.load_default(size=28)
    y = 150
    words = (DUTCH * 3).split()
    line = ""
    for w in words:
        if len(line) + len(w) > 60:
            draw.text((120, y), line, fill=0, font=font)
            y += 44
            line = ""
        line += w + " "
    draw.text((120, y), line, fill=0, font=font)
    return image


def make_hostile(out: Path) -> dict[str, str]:
    """Write the hostile files under ``out``; return {relative path: expected status}."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    good = _pdf_bytes(DUTCH * 4)
    files: dict[str, tuple[bytes, str]] = {
        "truncated.pdf": (good[: len(good) // 3], "corrupt"),
        "encrypted-user-password.pdf": (_encrypted(good, "geheim", "eigenaar"), "encrypted"),
        "encrypted-owner-only.pdf": (_encrypted(good, "", "eigenaar"), "ok"),
        "empty.pdf": (b"", "empty"),
        "photo.pdf": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(random.Random(1).randrange(256) for _ in range(2000)),
                      "corrupt"),  # an image by its content, read as a scan: a damaged one
        "two-thousand-pages.pdf": (_many_pages(2000), "too-large"),
        "deeply-nested.pdf": (_deeply_nested(), "empty"),  # read without recursion errors: a blank page
        "zip-bomb.docx": (_zip_bomb(), "too-large"),
        "image-bomb.tif": (_image_bomb(), "too-large"),  # a scan by its name, an image by its content
        "billion-laughs.html": (BILLION_LAUGHS.encode(), "ok"),
        "english.txt": ((ENGLISH * 5).encode(), "non-dutch"),
        "french.txt": ((FRENCH * 5).encode(), "non-dutch"),
        "scan.pdf": (_image_only_pdf(), "ok"),
        "naam met spaties én accenten.txt": ((DUTCH * 3).encode(), "ok"),
        "unreadable.txt": ((DUTCH * 3).encode(), "unreadable"),
    }
    expected = {}
    for name, (data, status) in files.items():
        (out / name).write_bytes(data)
        expected[name] = status
    os.chmod(out / "unreadable.txt", 0)
    if os.geteuid() == 0:  # root reads any file: permissions cannot make one unreadable
        expected["unreadable.txt"] = "ok"
    return expected


if __name__ == "__main__":
    for path, status in make_hostile(Path(sys.argv[1])).items():
        print(f"{status:16} {path}")
