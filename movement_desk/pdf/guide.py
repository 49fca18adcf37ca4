"""The user guide as a PDF: ``docs/guide/*.md`` (a small Markdown subset) in, PDF bytes out.

``parse_chapter`` reads one page of the guide (``#`` title, ``##`` headings, paragraphs, ``-``
and ``1.`` lists, ``![caption](picture.png)``, ``**bold**`` and ```code```);
``GuideRenderer().render(guide)`` lays the chapters out on A4 with a cover, a table of contents
and page numbers, in the bundled Liberation Serif so every Vietnamese diacritic prints.
``scripts/build-guide`` puts the result in ``resources/guide/`` where the program opens it (F1).
No database and no Qt here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from movement_desk.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts


@dataclass
class Block:
    """One piece of a chapter: ``kind`` is heading, paragraph, bullets, numbered or image."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    image: Path | None = None


@dataclass
class Chapter:
    title: str
    blocks: list[Block]


@dataclass
class Guide:
    title: str
    subtitle: str
    version: str
    chapters: list[Chapter]
    icon: Path | None = None


_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]+)\)\s*$")
_NUMBERED = re.compile(r"^\d+\.\s+")


def parse_chapter(text: str, base_dir: Path) -> Chapter:
    """One Markdown page of the guide; picture paths are relative to ``base_dir``."""
    title = ""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_kind = ""

    def flush() -> None:
        nonlocal paragraph, items, list_kind
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph = []
        if items:
            blocks.append(Block(list_kind, items=items))
            items, list_kind = [], ""

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("# "):
            flush()
            title = stripped[2:].strip()
        elif stripped.startswith("## "):
            flush()
            blocks.append(Block("heading", stripped[3:].strip()))
        elif match := _IMAGE.match(stripped):
            flush()
            blocks.append(
                Block("image", match["caption"], image=(base_dir / match["path"]).resolve())
            )
        elif stripped.startswith("- ") or _NUMBERED.match(stripped):
            kind = "bullets" if stripped.startswith("- ") else "numbered"
            if paragraph or (items and kind != list_kind):
                flush()
            list_kind = kind
            items.append(stripped[2:] if kind == "bullets" else _NUMBERED.sub("", stripped, 1))
        elif items and line.startswith(" "):
            items[-1] += " " + stripped  # continuation of a list item
        else:
            if items:
                flush()
            paragraph.append(stripped)
    flush()
    return Chapter(title or "(chưa đặt tên)", blocks)


def inline(text: str) -> str:
    """Escape the text for a Paragraph, then turn **bold** and `code` into markup."""
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r'<font color="#7a2a00">\1</font>', text)


class _GuideTemplate(SimpleDocTemplate):
    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, Paragraph) and getattr(flowable, "_toc_level", None) is not None:
            entry = escape(flowable.getPlainText())  # the contents parse it as markup again
            self.notify("TOCEntry", (flowable._toc_level, entry, self.page))


class GuideRenderer:
    """A4 portrait, a cover, the contents, one chapter per role, page numbers at the foot."""

    page_size = A4
    margin = 20 * mm
    body_size = 11.5

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=SERIF, fontSize=self.body_size, leading=15.5)
        self.styles = {
            "body": ParagraphStyle("guide-body", parent=base, spaceAfter=5),
            "cover": ParagraphStyle(
                "guide-cover",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=24,
                leading=30,
                alignment=TA_CENTER,
                textColor=colors.HexColor("#a50f1b"),
            ),
            "cover-sub": ParagraphStyle(
                "guide-cover-sub", parent=base, fontSize=14, leading=19, alignment=TA_CENTER
            ),
            "chapter": ParagraphStyle(
                "guide-chapter",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=18,
                leading=23,
                spaceAfter=10,
                textColor=colors.HexColor("#a50f1b"),
            ),
            "heading": ParagraphStyle(
                "guide-heading",
                parent=base,
                fontName=SERIF_BOLD,
                fontSize=13.5,
                leading=18,
                spaceBefore=8,
                spaceAfter=4,
                keepWithNext=1,
                textColor=colors.HexColor("#1f5f8b"),
            ),
            "caption": ParagraphStyle(
                "guide-caption",
                parent=base,
                fontName=SERIF_ITALIC,
                fontSize=10,
                alignment=TA_CENTER,
                spaceAfter=8,
            ),
            "toc-title": ParagraphStyle(
                "guide-toc-title", parent=base, fontName=SERIF_BOLD, fontSize=16, spaceAfter=10
            ),
        }

    def render(self, guide: Guide) -> bytes:
        buffer = io.BytesIO()
        doc = _GuideTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=guide.title,
            author=guide.subtitle,
            subject=f"Hướng dẫn sử dụng, phiên bản {guide.version}",
            invariant=True,
        )
        story = self._cover(guide)
        contents = TableOfContents()
        contents.levelStyles = [
            ParagraphStyle("toc-1", fontName=SERIF, fontSize=12, leading=18, leftIndent=0),
            ParagraphStyle("toc-2", fontName=SERIF, fontSize=10.5, leading=14, leftIndent=14),
        ]
        story += [Paragraph("Mục lục", self.styles["toc-title"]), contents, PageBreak()]
        for chapter in guide.chapters:
            story += self._chapter(chapter, doc.width)
        doc.multiBuild(story, onLaterPages=self._page_number)
        return buffer.getvalue()

    def _cover(self, guide: Guide) -> list:
        story: list = [Spacer(1, 40 * mm)]
        if guide.icon and guide.icon.exists():
            story += [Image(str(guide.icon), width=40 * mm, height=40 * mm), Spacer(1, 12 * mm)]
        story += [
            Paragraph(inline(guide.title), self.styles["cover"]),
            Spacer(1, 6 * mm),
            Paragraph(inline(guide.subtitle), self.styles["cover-sub"]),
            Spacer(1, 4 * mm),
            Paragraph(f"Phiên bản {escape(guide.version)}", self.styles["cover-sub"]),
            PageBreak(),
        ]
        return story

    def _chapter(self, chapter: Chapter, width: float) -> list:
        title = Paragraph(inline(chapter.title), self.styles["chapter"])
        title._toc_level = 0
        story: list = [title]
        for block in chapter.blocks:
            if block.kind == "heading":
                heading = Paragraph(inline(block.text), self.styles["heading"])
                heading._toc_level = 1
                story.append(heading)
            elif block.kind == "paragraph":
                story.append(Paragraph(inline(block.text), self.styles["body"]))
            elif block.kind in ("bullets", "numbered"):
                story.append(self._list(block))
            elif block.kind == "image":
                story.append(self._picture(block, width))
        story.append(PageBreak())
        return story

    def _list(self, block: Block) -> ListFlowable:
        entries = [ListItem(Paragraph(inline(item), self.styles["body"])) for item in block.items]
        if block.kind == "numbered":
            return ListFlowable(
                entries, bulletType="1", bulletFormat="%s.", bulletFontName=SERIF, leftIndent=16
            )
        return ListFlowable(
            entries, bulletType="bullet", start="•", bulletFontName=SERIF, leftIndent=14
        )

    def _picture(self, block: Block, width: float) -> KeepTogether:
        if block.image is None or not block.image.exists():
            raise FileNotFoundError(f"Không tìm thấy ảnh “{block.image}” của tài liệu hướng dẫn.")
        pixels_wide, pixels_high = ImageReader(str(block.image)).getSize()
        shown = min(width, pixels_wide * 0.6)  # no enlargement past ~120 dpi
        picture = Image(str(block.image), width=shown, height=shown * pixels_high / pixels_wide)
        picture.hAlign = "CENTER"
        return KeepTogether(
            [Spacer(1, 3), picture, Paragraph(inline(block.text), self.styles["caption"])]
        )

    def _page_number(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SERIF, 9.5)
        canvas.drawCentredString(self.page_size[0] / 2, 12 * mm, f"– {doc.page} –")
        canvas.restoreState()
