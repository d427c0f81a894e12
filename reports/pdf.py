"""The report as a PDF: render HTML with WeasyPrint, and read a PDF back (for tests and checks).

``render_pdf`` takes the page rendered from ``templates/reports/_pdf.html`` with the context
``{"doc": ..., "print_css_url": PRINT_CSS_URL}``. One ``FontConfiguration`` serves the whole process
(building it costs time); renders are serialised by a lock, because WeasyPrint's font map (Pango) is
not safe to share between threads. Resources are fetched only from the project's ``static/`` folder
(file URLs), the folder of the township's own fonts and ``data:`` URIs: rendering never reaches the
network, whatever the HTML says.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

__all__ = [
    "FONT_CONFIG",
    "PRINT_CSS_PATH",
    "PRINT_CSS_URL",
    "STATIC_DIR",
    "pdf_facts",
    "render_pdf",
]

PROJECT_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PROJECT_DIR / "static"
PRINT_CSS_PATH = STATIC_DIR / "reports" / "print.css"
#: absolute file URL of the print stylesheet, for the ``print_css_url`` of ``reports/_pdf.html``
PRINT_CSS_URL = PRINT_CSS_PATH.as_uri()
#: a base URL for render_pdf when the page has no relative references that matter
DEFAULT_BASE_URL = PROJECT_DIR.as_uri() + "/"

FONT_CONFIG = FontConfiguration()
_RENDER_LOCK = threading.Lock()


class LocalURLFetcher(URLFetcher):
    """Fetches ``data:`` URIs and files under ``allowed_dirs``; refuses everything else."""

    def __init__(self, allowed_dirs: tuple[Path, ...] = (STATIC_DIR,), **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, **kwargs)
        self.allowed_dirs = tuple(path.resolve() for path in allowed_dirs)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(allowed) for allowed in self.allowed_dirs):
                raise ValueError(f"not a project static file: {url}")
        return super().fetch(url, headers)


def render_pdf(html: str, *, base_url: str, font_dirs: tuple[Path, ...] = ()) -> bytes:
    """Render a full HTML page (``reports/_pdf.html``) to PDF bytes; ``font_dirs`` are folders of the
    township's own font files (reports.fonts) that its ``@font-face`` rules may read."""
    document = HTML(string=html, base_url=base_url, url_fetcher=LocalURLFetcher((STATIC_DIR, *font_dirs)))
    with _RENDER_LOCK:
        return document.write_pdf(font_config=FONT_CONFIG)


def _string_bytes(operand) -> bytes:
    if isinstance(operand, bytes):
        return bytes(operand)
    if hasattr(operand, "get_original_bytes"):
        return operand.get_original_bytes()
    return getattr(operand, "original_bytes", b"")


def _font_info(font) -> dict:
    name = str(font.get("/BaseFont", font.get("/Name", "?")))
    subtype = str(font.get("/Subtype", "?"))
    descriptor = font.get("/FontDescriptor")
    if subtype == "/Type0":
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant.get("/FontDescriptor")
        subtype = f"/Type0 {descendant.get('/Subtype', '?')}"
    if subtype == "/Type3":
        embedded = True  # its glyphs are drawn by the font's own content streams
    else:
        descriptor = descriptor.get_object() if descriptor is not None else {}
        embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return {"name": name.lstrip("/"), "subtype": subtype, "embedded": embedded}


def _scan(reader, content, resources, seen: set[int], fonts: dict[str, dict]) -> int:
    """Collect the fonts of one content stream and its form XObjects (SVG, margin boxes);
    return how many glyphs it shows as .notdef (code 0, or 0xFFFF, which WeasyPrint writes for a
    character that no font has)."""
    from pypdf.generic import ContentStream

    resources = resources.get_object() if resources is not None else {}
    local_fonts = {}
    font_dict = resources.get("/Font")
    for key, ref in font_dict.get_object().items() if font_dict is not None else []:
        info = _font_info(ref.get_object())
        fonts.setdefault(info["name"], info)
        local_fonts[key] = info
    missing = 0
    if content is not None:
        two_byte = False
        for operands, operator in ContentStream(content, reader).operations:
            if operator == b"Tf":
                info = local_fonts.get(operands[0])
                two_byte = bool(info and info["subtype"].startswith("/Type0"))
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for operand in strings:
                    data = _string_bytes(operand)
                    if two_byte:
                        codes = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
                        missing += sum(code in (0, 0xFFFF) for code in codes)
                    else:
                        missing += data.count(0)
    xobjects = resources.get("/XObject")
    for ref in xobjects.get_object().values() if xobjects is not None else []:
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            missing += _scan(reader, xobject, xobject.get("/Resources"), seen, fonts)
    return missing


def pdf_facts(pdf_bytes: bytes) -> dict:
    """What a PDF holds, read back with pypdf.

    Returns ``{"page_count": int, "page_sizes": [(width_pt, height_pt)], "texts": [text of each page],
    "fonts": [{"name", "subtype", "embedded"}], "missing_glyphs": int, "link_count": int,
    "metadata": {"title", "author"}}``. Font names keep their subset prefix
    (``LWGGBP+Noto-Serif-CJK-SC``). ``missing_glyphs`` counts .notdef glyphs shown: text extraction
    alone does not reveal them, because the ToUnicode map still gives the intended character or junk.
    """
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf_bytes))
    fonts: dict[str, dict] = {}
    seen: set[int] = set()
    sizes, texts = [], []
    link_count = missing = 0
    for page in reader.pages:
        box = page.mediabox
        sizes.append((float(box.width), float(box.height)))
        texts.append(page.extract_text() or "")
        missing += _scan(reader, page.get_contents(), page.get("/Resources"), seen, fonts)
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/Link":
                link_count += 1
    metadata = reader.metadata or {}
    return {
        "page_count": len(reader.pages),
        "page_sizes": sizes,
        "texts": texts,
        "fonts": list(fonts.values()),
        "missing_glyphs": missing,
        "link_count": link_count,
        "metadata": {"title": metadata.get("/Title"), "author": metadata.get("/Author")},
    }
