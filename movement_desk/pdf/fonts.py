"""The bundled Liberation Serif family (Times New Roman metrics), registered once for ReportLab.

Registering it as a family makes ``<b>`` and ``<i>`` in a Paragraph pick the right face, and
every PDF embeds the TrueType subset so each Vietnamese diacritic prints.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from movement_desk.paths import FONTS_DIR

SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_registered = False


def register_fonts() -> str:
    """Register the family (idempotent) and return the regular face's name."""
    global _registered
    if _registered:
        return SERIF
    faces = {
        SERIF: "LiberationSerif-Regular.ttf",
        SERIF_BOLD: "LiberationSerif-Bold.ttf",
        SERIF_ITALIC: "LiberationSerif-Italic.ttf",
        SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    }
    for name, file_name in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
    )
    _registered = True
    return SERIF
