"""A PDF handbook too big to lay out whole: laid out in pieces, then joined.

WeasyPrint keeps every laid-out page of a document until its PDF is written, about 2 MB a
page of a handbook: 4,000 pages would need 8 GB. A handbook of more than
:data:`PIECES_ABOVE` chapters is therefore laid out in pieces, each its own WeasyPrint
document (:class:`~sopkit.manual.view.Piece`), so memory is that of the largest piece:

1. bodies: the chapters, :data:`PIECE_CHAPTERS` at a time (fewer where their HTML is longer
   than :data:`PIECE_HTML`), each with its kind's title page if it begins that kind (the org
   chart in the first, the closing pages in the last);
2. the front: the cover and the contents, whose page numbers are known by then (laid out
   again if its own length turns out other than assumed);
3. folios: the page footers (第 X 页 共 Y 页, known once every page is counted), each on an
   empty page of its own, :data:`FOLIO_PAGES` at a time.

pypdf joins the front and the bodies and lays each folio page over its page. The footers,
running headers, contents and page numbers read as in a handbook laid out whole (the tests
compare the two). The contents entries link to their pages: the front links each to the
URI ``sopkit-page:N`` (:data:`PAGE_URI`), which the join turns into a link to page *N* of the
handbook. A procedure named in a job description printed in another piece is plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Location
from sopkit.locale import labels
from sopkit.manual.errors import PDF_INSTALL, ManualError
from sopkit.manual.pdf import LaidOut, lay_out
from sopkit.manual.templating import render_text
from sopkit.manual.view import Manual, Piece

PIECES_ABOVE = 40  # chapters: a handbook with more is laid out in pieces
PIECE_CHAPTERS = 20  # chapters in one body piece, at most
PIECE_HTML = 600_000  # HTML characters in a body piece (~160 pages, ~0.35 GB), unless one chapter
FOLIO_PAGES = 500  # page footers in one folios piece
PAGE_URI = "sopkit-page:"  # a link of the front to page N of the handbook: sopkit-page:N
# The page templates that know pieces: a library or --templates folder with its own copy of
# one of them lays the handbook out whole, as it always did.
PIECE_TEMPLATES = ("manual.html.j2", "manual.css.j2", "toc.html.j2", "cover.html.j2",
                   "closing.html.j2")  # fmt: skip


def in_pieces(manual: Manual, dirs: Sequence[Path]) -> bool:
    """Whether the PDF of ``manual`` is laid out in pieces: a handbook of more than
    :data:`PIECES_ABOVE` chapters, printed with the built-in page templates."""
    if manual.kind != "handbook" or manual.preset != "trainer" or manual.piece is not None:
        return False
    if len(manual.chapters) <= PIECES_ABOVE:
        return False
    own = [Path(d) for d in dirs[:-1]]  # the last folder is the built-in one
    return not any((d / name).is_file() for d in own for name in PIECE_TEMPLATES)


def body_pieces(manual: Manual) -> list[Piece]:
    """The bodies of ``manual``: each kind's chapters, :data:`PIECE_CHAPTERS` at a time."""
    pieces: list[Piece] = []
    for kind, chapters in manual.parts:
        for start in range(0, len(chapters), PIECE_CHAPTERS):
            chunk = chapters[start : start + PIECE_CHAPTERS]
            pieces.append(
                Piece(
                    "body",
                    chapters=frozenset(c.number for c in chunk),
                    titled=frozenset({kind}) if start == 0 else frozenset(),
                    org_chart=not pieces,
                )
            )
    if not pieces:
        pieces.append(Piece("body", org_chart=True))
    pieces[-1] = replace(pieces[-1], closing=True)
    return pieces


def halves(piece: Piece) -> list[Piece]:
    """A body piece in two: the title page and org chart go first, the closing pages last."""
    numbers = sorted(piece.chapters)
    first, second = frozenset(numbers[: len(numbers) // 2]), frozenset(numbers[len(numbers) // 2 :])
    return [
        replace(piece, chapters=first, closing=False),
        replace(piece, chapters=second, titled=frozenset(), org_chart=False),
    ]


def folios(lang: str, total: int) -> list[tuple[str, ...]]:
    """The footer of every page (第 X 页 共 Y 页), :data:`FOLIO_PAGES` to a piece."""
    text = labels(lang)["manual_page"]
    every = [text.format(page=n, pages=total) for n in range(1, total + 1)]
    return [tuple(every[i : i + FOLIO_PAGES]) for i in range(0, total, FOLIO_PAGES)]


def pdf_in_pieces(
    manual: Manual,
    lang: str,
    dirs: Sequence[Path],
    locate: Callable[[str], Location | None] | None = None,
) -> bytes | None:
    """The PDF of ``manual`` laid out piece by piece (see the module's documentation);
    None when the contents' length never settles (then the caller lays it out whole)."""
    join = _joiner()

    def text(piece: Piece) -> str:
        chapters = manual.chapters if piece.kind == "body" else []
        anchors = {c.doc.id.lower() for c in chapters if c.number in piece.chapters}
        return render_text(replace(manual, piece=piece, anchors=anchors), "pdf", lang, dirs)

    def lay(piece: Piece, write: bool = True) -> LaidOut:
        return lay_out(text(piece), locate=locate, write=write)

    bodies, where = [], {}  # anchor -> page number counted from the first body page
    queue = body_pieces(manual)
    while queue:
        piece = queue.pop(0)
        html = text(piece)
        if len(html) > PIECE_HTML and len(piece.chapters) > 1:  # long chapters: fewer a piece
            queue[:0] = halves(piece)
            continue
        laid = lay_out(html, locate=locate)
        offset = sum(b.pages for b in bodies)
        for anchor, page in laid.anchors.items():
            where.setdefault(anchor, offset + page + 1)
        bodies.append(laid)
    front = _front(lay, where)
    if front is None:
        return None
    total = front.pages + sum(b.pages for b in bodies)
    feet = [lay(Piece("folios", folios=chunk)) for chunk in folios(lang, total)]
    return join([front.pdf, *(b.pdf for b in bodies)], [f.pdf for f in feet])


def _front(lay: Callable[..., LaidOut], where: dict[str, int]) -> LaidOut | None:
    """The cover and contents, numbered for the pages they take themselves (counted first
    with the numbers of the bodies alone: a number's value hardly ever changes a length)."""
    length = lay(Piece("front", pages=where), write=False).pages
    for _ in range(3):
        laid = lay(Piece("front", pages={a: length + n for a, n in where.items()}))
        if laid.pages == length:
            return laid
        length = laid.pages
    return None  # its numbers change its own length back and forth: no right numbering


def _joiner() -> Callable[[list[bytes], list[bytes]], bytes]:
    """:func:`join`, or a ManualError telling how to install pypdf (part of ``sopkit[pdf]``)."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        raise ManualError(
            Diagnostic("manual-pdf-missing", Location("sopkit"), {"command": PDF_INSTALL})
        ) from None
    return join


def join(pieces: list[bytes], folio_pdfs: list[bytes]) -> bytes:
    """One PDF of ``pieces`` in order, page *n* overlaid with page *n* of the folios."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(BytesIO(pdf)) for pdf in pieces]
    for reader in readers:
        writer.append(reader)
    feet = (folio for pdf in folio_pdfs for folio in PdfReader(BytesIO(pdf)).pages)
    for page, folio in zip(writer.pages, feet, strict=True):  # a footer for every page
        page.merge_page(folio)
        page.compress_content_streams()
    _link_pages(writer)
    if readers[0].metadata:
        writer.add_metadata(dict(readers[0].metadata))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _link_pages(writer) -> None:
    """Every link to the URI ``sopkit-page:N`` made a link to page *N* of ``writer``'s
    document (a link to a page it does not have, no link at all)."""
    from pypdf.generic import ArrayObject, NameObject

    pages = writer.pages
    for page in pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_URI):
                continue
            del annot["/A"]
            number = uri.removeprefix(PAGE_URI)
            if number.isdigit() and 1 <= int(number) <= len(pages):
                target = pages[int(number) - 1].indirect_reference
                annot[NameObject("/Dest")] = ArrayObject([target, NameObject("/Fit")])
