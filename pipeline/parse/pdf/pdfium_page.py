"""A page's objects as pdfplumber holds them, read by PDFium: the table reader takes them as it takes a pdfplumber
page, read several times faster.

pdfplumber interprets a page's content stream in pure Python (pdfminer); PDFium does it in C. ``PageObjects`` has
the parts of ``pdfplumber.page.Page`` the reader uses (``objects``, ``chars``, ``rects``, ``lines``, ``curves``,
``edges``, ``filter``, ``find_tables`` through pdfplumber's public ``TableFinder``), its objects built from PDFium's
text page and path objects the way pdfminer and pdfplumber build them:

- a char spans its advance from its origin and, vertically, from the font's descent to one font size above it, in
  pdfminer's rotated page space (``/Rotate`` turns the page before anything is measured, origin top-left);
- a path is cut into subpaths at each move; a two-point subpath is a line, a closed four-sided axis-aligned one a
  rect, any other a curve, as pdfminer's ``paint_path`` classifies them.

PDFium holds numbers as float32: each is read back as the short decimal the file wrote (``_decimal``), which is
pdfminer's number unless the file wrote more than 7 significant digits; then the two differ in the last float bits,
and the reader's frames still agree as ``statement_tables`` stores cell edges at float32 precision. A char takes
the width the font gives its code (pdfminer's), not its drawn glyph's; chars carry no colours (the reader needs
none), rects and lines carry PDFium's RGB for both. PDFium leaves out some of the blanks pdfminer gives as chars
(runs of spaces); the reader reads no blank.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _normalize_box(box: Sequence[float], rotation: int) -> tuple[float, float, float, float]:
    """A PDF box as (x0, y0, x1, y1) from any two opposite corners, axes swapped on a page turned a quarter."""
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    return (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)


def _invert_box(box: Sequence[float], height: float) -> tuple[float, float, float, float]:
    """A bottom-left-origin box in top-left-origin coordinates of a page ``height`` high."""
    x0, y0, x1, y1 = box
    return (x0, height - y1, x1, height - y0)


@lru_cache(maxsize=1 << 16)  # a page repeats its coordinates (rules, columns, sizes) many times over
def _decimal(value: float) -> float:
    """A float32 read back as the decimal of 7 significant digits it stores (841.89, not 841.8900146484375): a
    PDF writes its numbers as short decimals, which pdfminer reads into float64."""
    return float(f"{value:.7g}")


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row vectors, as PDF and pdfminer compose them)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _page_matrix(mediabox: tuple[float, float, float, float], rotation: int) -> Matrix:
    """pdfminer's initial CTM: the page turned by ``/Rotate``, the MediaBox's corner at the origin."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


def _object_matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    return tuple(_decimal(v) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))


def _paths(page_handle) -> Iterator[tuple[object, Matrix]]:
    """Every path object of the page in content order with its matrix to page space, inside forms too."""

    def walk(count: int, get, parent: Matrix) -> Iterator[tuple[object, Matrix]]:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, _multiply(_object_matrix(obj), parent)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                inner = _multiply(_object_matrix(obj), parent)
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    lambda j, form=obj: pdfium_c.FPDFFormObj_GetObject(form, j),
                    inner,
                )

    yield from walk(
        pdfium_c.FPDFPage_CountObjects(page_handle),
        lambda i: pdfium_c.FPDFPage_GetObject(page_handle, i),
        _IDENTITY,
    )


def _subpaths(path, matrix: Matrix) -> list[tuple[str, list[Point]]]:
    """The path as pdfminer records it: per subpath its operators (m, l, c, h) and each operator's end point
    (a closing h ends where its subpath began)."""
    out: list[tuple[str, list[Point]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    control_points = 0  # a Bézier curve is three segments: two control points, then its end
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, _decimal(x.value), _decimal(y.value))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            out.append(("m", [point]))
            control_points = 0
            continue
        if not out:
            continue
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO and control_points < 2:
            control_points += 1
            continue
        control_points = 0
        shape, points = out[-1]
        shape += "c" if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO else "l"
        points = [*points, point]
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape, points = shape + "h", [*points, points[0]]
        out[-1] = (shape, points)
    return out


def _classify(shape: str, points: list[Point]) -> tuple[str, list[Point]]:
    """pdfminer's ``paint_path`` for one subpath: ("line" | "rect" | "curve", its points)."""
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        # A lineto back to the start of a closed subpath is dropped.
        shape, points = shape[:-2] + "h", points[:-1]
    if shape in {"mlh", "ml"}:
        return "line", points[:2]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if points[0] == points[4] and square:
            (x0, y0), (x1, y1) = points[0], points[2]
            return "rect", [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return "curve", points


def _address(pointer) -> int:
    """Where a PDFium handle points: the same object gives the same address (``ctypes.cast`` is ten times slower)."""
    return ctypes.c_void_p.from_buffer(pointer).value


def _font(font) -> tuple[str, float]:
    """(base font name, descent per unit of font size) of a font."""
    descent = ctypes.c_float()
    # At size 1000 PDFium gives the descriptor's Descent itself, which pdfminer scales by 1/1000.
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, length)
    return name.value.decode("latin-1"), _decimal(descent.value) * 0.001


def _advance(box, a: float, b: float) -> float:
    """A glyph's advance in text space, as pdfminer measures it: PDFium gives it on the page, as the loose box's
    extent along the text's direction (text runs along x or, turned a quarter, along y)."""
    if abs(a) >= abs(b):
        return _decimal(box.right - box.left) / abs(a) if a else 0.0
    return _decimal(box.top - box.bottom) / abs(b)


def _color(getter, path, rgba: tuple[ctypes.c_uint, ...]) -> tuple[float, float, float] | None:
    if not getter(path, *rgba):
        return None
    return (rgba[0].value / 255, rgba[1].value / 255, rgba[2].value / 255)


@dataclass
class PageObjects:
    """A page as the table reader reads it: the chars, rects, lines and curves that pdfplumber's ``Page.objects``
    holds, in pdfplumber's coordinates, with the page's boxes. ``filter`` and ``find_tables`` are pdfplumber's,
    through its public ``TableFinder``."""

    page_number: int
    initial_doctop: float
    rotation: int
    mediabox: tuple[float, float, float, float]
    cropbox: tuple[float, float, float, float]
    objects: dict[str, list[dict]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.mediabox

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    @property
    def chars(self) -> list[dict]:
        return self.objects.get("char", [])

    @property
    def rects(self) -> list[dict]:
        return self.objects.get("rect", [])

    @property
    def lines(self) -> list[dict]:
        return self.objects.get("line", [])

    @property
    def curves(self) -> list[dict]:
        return self.objects.get("curve", [])

    @cached_property
    def edges(self) -> list[dict]:
        """pdfplumber's ``Container.edges``: every line, rect side and curve segment, in that order."""
        return [
            *(line_to_edge(line) for line in self.lines),
            *(edge for rect in self.rects for edge in rect_to_edges(rect)),
            *(edge for curve in self.curves for edge in curve_to_edges(curve)),
        ]

    def filter(self, test: Callable[[dict], bool]) -> PageObjects:
        """The page with only the objects that pass ``test``, as ``Page.filter`` gives it."""
        kept = {kind: [obj for obj in objs if test(obj)] for kind, objs in self.objects.items()}
        return replace(self, objects=kept)

    def find_tables(self, settings: dict | None = None) -> list[Table]:
        return TableFinder(self, TableSettings.resolve(settings)).tables


def read_page_objects(page: pdfium.PdfPage, page_number: int, initial_doctop: float = 0) -> PageObjects:
    """One page of an open ``pypdfium2.PdfDocument`` as the ``PageObjects`` pdfplumber's ``pdf.pages[index]``
    holds; the PDFium page may be closed afterwards."""
    reader = _PageReader(page, page_number, initial_doctop)
    return PageObjects(
        page_number, initial_doctop, reader.rotation, reader.mediabox, reader.cropbox, reader.objects
    )


class _PageReader:
    """The geometry of one page, and its objects read with it."""

    def __init__(self, page: pdfium.PdfPage, page_number: int, initial_doctop: float = 0):
        self.rotation = page.get_rotation() % 360
        mediabox = tuple(_decimal(v) for v in page.get_mediabox())
        mb_raw = _normalize_box(mediabox, self.rotation)
        mb_height = mb_raw[3] - mb_raw[1]
        self.mediabox = _invert_box(mb_raw, mb_height)
        self.height = self.mediabox[3] - self.mediabox[1]
        cropbox = tuple(_decimal(v) for v in page.get_cropbox())
        self.cropbox = _invert_box(_normalize_box(cropbox, self.rotation), mb_height)
        self.page_number = page_number
        self.initial_doctop = initial_doctop
        base = _page_matrix(mediabox, self.rotation)
        objects: dict[str, list[dict]] = {"char": self._chars(page, base)}
        for kind, obj in self._drawn(page, base):
            objects.setdefault(kind, []).append(obj)
        self.objects = objects

    def _point(self, point: Point) -> Point:
        """pdfplumber's ``Page.point2coord``: a bottom-left-origin point in the page's top-left coordinates."""
        return (self.mediabox[0] + point[0], self.mediabox[1] + self.height - point[1])

    def _place(self, obj: dict, x0: float, y0: float, x1: float, y1: float) -> dict:
        """pdfplumber's geometry keys from a pdfminer bbox (bottom-left origin), as ``process_object`` sets them."""
        mb_x0, mb_top = self.mediabox[:2]
        top = (self.height - y1) + mb_top
        obj.update(
            page_number=self.page_number,
            x0=x0 + mb_x0,
            y0=y0,
            x1=x1 + mb_x0,
            y1=y1,
            width=x1 - x0,
            height=y1 - y0,
            top=top,
            bottom=(self.height - y0) + mb_top,
            doctop=self.initial_doctop + top,
        )
        return obj

    def _chars(self, page: pdfium.PdfPage, base: Matrix) -> list[dict]:
        textpage = page.get_textpage()
        handle = textpage.raw
        # Per page, a few fonts, sizes and text matrices serve thousands of chars: each is asked of PDFium once.
        fonts: dict[int, tuple[str, float]] = {}
        widths: dict[tuple[int, float, int], float] = {}
        linear: dict[tuple[float, float, float, float], tuple[float, float, float, float]] = {}
        ox, oy = ctypes.c_double(), ctypes.c_double()
        tm = pdfium_c.FS_MATRIX()
        box = pdfium_c.FS_RECTF()
        size, width = ctypes.c_float(), ctypes.c_float()
        out: list[dict] = []
        last_object = None
        try:
            for i in range(pdfium_c.FPDFText_CountChars(handle)):
                text_object = pdfium_c.FPDFText_GetTextObject(handle, i)
                # The line breaks and spaces PDFium infers between words belong to no text object.
                if not text_object or pdfium_c.FPDFText_IsGenerated(handle, i) == 1:
                    continue
                key = _address(text_object)
                if key != last_object:
                    last_object = key
                    font = pdfium_c.FPDFTextObj_GetFont(text_object)
                    font_key = _address(font)
                    if font_key not in fonts:
                        fonts[font_key] = _font(font)
                    fontname, descent = fonts[font_key]
                    pdfium_c.FPDFTextObj_GetFontSize(text_object, size)
                    fontsize = _decimal(size.value)
                    # The chars of a text object share its matrix; only their origins differ.
                    pdfium_c.FPDFText_GetMatrix(handle, i, tm)
                    raw = (tm.a, tm.b, tm.c, tm.d)
                    if raw not in linear:
                        linear[raw] = tuple(_decimal(v) for v in raw)
                    a, b, c, d = linear[raw]
                unicode = pdfium_c.FPDFText_GetUnicode(handle, i)
                pdfium_c.FPDFText_GetCharOrigin(handle, i, ox, oy)
                # pdfminer's char matrix: the text matrix moved to the glyph's origin, on the turned page.
                matrix = _multiply((a, b, c, d, _decimal(ox.value), _decimal(oy.value)), base)
                width_key = (font_key, fontsize, unicode)
                if width_key not in widths:
                    # The width the PDF gives the char's code (as pdfminer takes it), not the drawn glyph's.
                    if pdfium_c.FPDFFont_GetGlyphWidth(font, unicode, fontsize, width):
                        widths[width_key] = _decimal(width.value)
                    else:
                        pdfium_c.FPDFText_GetLooseCharBox(handle, i, box)
                        widths[width_key] = _advance(box, a, b)
                adv = widths[width_key]
                lower = _apply(matrix, 0.0, descent * fontsize)
                upper = _apply(matrix, adv, descent * fontsize + fontsize)
                x0, x1 = sorted((lower[0], upper[0]))
                y0, y1 = sorted((lower[1], upper[1]))
                ma, mb, mc, md = matrix[:4]
                char = {
                    "object_type": "char",
                    "text": chr(unicode),
                    "fontname": fontname,
                    "adv": adv,
                    "upright": ma * md > 0 and mb * mc <= 0,
                    "matrix": matrix,
                }
                self._place(char, x0, y0, x1, y1)
                char["size"] = char["height"]
                out.append(char)
        finally:
            textpage.close()
        return out

    def _drawn(self, page: pdfium.PdfPage, base: Matrix) -> Iterator[tuple[str, dict]]:
        """The rects, lines and curves that the page's painted paths make, in content order."""
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        width = ctypes.c_float()
        rgba = tuple(ctypes.c_uint() for _ in range(4))
        for path, matrix in _paths(page.raw):
            pdfium_c.FPDFPath_GetDrawMode(path, fill_mode, stroke)
            if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
                continue  # not painted: a clipping path
            pdfium_c.FPDFPageObj_GetStrokeWidth(path, width)
            paint = {
                "linewidth": _decimal(width.value),
                "stroke": bool(stroke.value),
                "fill": fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE,
                "evenodd": fill_mode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE,
                "stroking_color": _color(pdfium_c.FPDFPageObj_GetStrokeColor, path, rgba),
                "non_stroking_color": _color(pdfium_c.FPDFPageObj_GetFillColor, path, rgba),
            }
            for shape, points in _subpaths(path, _multiply(matrix, base)):
                if len(shape) < 2:
                    continue
                kind, pts = _classify(shape, points)
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                obj = self._place({"object_type": kind, **paint}, min(xs), min(ys), max(xs), max(ys))
                obj["pts"] = [self._point(p) for p in pts]
                yield kind, obj


class PdfiumPages(Sequence[PageObjects]):
    """The pages of an open ``pypdfium2.PdfDocument`` as ``pdfplumber.PDF.pages`` gives them, each read from
    PDFium when asked for (the table reader asks only for the pages that may hold a table)."""

    def __init__(self, document: pdfium.PdfDocument):
        self._document = document
        # pdfplumber stacks the pages: a page's doctop starts where the page before it ends. PDFium sizes the
        # page by its CropBox, pdfplumber by its MediaBox: doctop differs where the two do, and the reader uses
        # it only within a page (to tell chars printed twice over each other).
        self._doctops = [0.0]
        for index in range(len(document) - 1):
            self._doctops.append(self._doctops[-1] + _decimal(document.get_page_size(index)[1]))

    def __len__(self) -> int:
        return len(self._document)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        page = self._document[index]
        try:
            return read_page_objects(page, index + 1, self._doctops[index])
        finally:
            page.close()
