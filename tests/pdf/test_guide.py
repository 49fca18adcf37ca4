"""The user guide: Markdown pages parsed, rendered with the bundled font, shipped built."""

from __future__ import annotations

import io
import runpy
from pathlib import Path

from pypdf import PdfReader

from movement_desk.paths import GUIDE_PDF
from movement_desk.pdf.guide import Guide, GuideRenderer, parse_chapter

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDE_SOURCES = ROOT / "docs" / "guide"


def test_a_page_of_the_guide_is_parsed_into_headings_lists_and_pictures(tmp_path):
    text = (
        "# Dành cho văn thư\n\nIn **Giấy khen** và `Bằng khen`.\nDòng nối tiếp.\n\n"
        "## In giấy khen\n\n1. Chọn quyết định.\n2. Bấm In,\n   rồi chờ.\n\n"
        "- một\n- hai\n\n![Ảnh](../screenshots/1366x768/home.png)\n"
    )
    chapter = parse_chapter(text, GUIDE_SOURCES)
    assert chapter.title == "Dành cho văn thư"
    kinds = [block.kind for block in chapter.blocks]
    assert kinds == ["paragraph", "heading", "numbered", "bullets", "image"]
    assert chapter.blocks[0].text == "In **Giấy khen** và `Bằng khen`. Dòng nối tiếp."
    assert chapter.blocks[2].items == ["Chọn quyết định.", "Bấm In, rồi chờ."]
    assert chapter.blocks[4].image == (ROOT / "docs/screenshots/1366x768/home.png").resolve()


def test_the_guide_renders_with_vietnamese_text_and_a_table_of_contents():
    chapters = [parse_chapter("# Chương một\n\n## Mục <a> & b\n\nĐồn Chợ Đồn: **bảo vệ**.\n", ROOT)]
    pdf = GuideRenderer().render(Guide("HƯỚNG DẪN", "Chương trình thử", "9.9", chapters))
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Mục lục" in text
    assert "Mục <a> & b" in text  # escaped, not taken for markup
    assert "Đồn Chợ Đồn" in text
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("LiberationSerif" in name for name in fonts)


def test_the_shipped_guide_has_one_chapter_per_role_and_whats_new():
    sources = sorted(GUIDE_SOURCES.glob("[0-9][0-9]-*.md"))
    titles = [parse_chapter(p.read_text(encoding="utf-8"), p.parent).title for p in sources]
    for role in ("cán bộ", "văn thư", "lãnh đạo", "quản trị", "Có gì mới"):
        assert any(role in title for title in titles), role
    contents = PdfReader(GUIDE_PDF).pages[1].extract_text()
    for title in titles:  # the built PDF is not older than the list of pages
        assert title.split("(")[0].strip() in contents.replace("\n", " "), title


def test_build_guide_script_writes_the_pdf(tmp_path):
    out = tmp_path / "guide.pdf"
    script = runpy.run_path(str(ROOT / "scripts" / "build-guide"))
    assert script["main"]([str(out)]) == 0
    assert len(PdfReader(out).pages) >= 10
