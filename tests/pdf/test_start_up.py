"""What ``movement_desk.pdf`` does to ReportLab as it loads, to keep it out of every report's
start-up, changes nothing ReportLab does."""

import re
import subprocess
import sys

from movement_desk.pdf import URI_PATTERN_START, LazyPattern

ADDRESSES = [
    "https://example.com/a/b?c=d#e",
    "HTTP://Bộ-Công-An.gov.vn/tin-tức",
    "ftp://192.168.1.20:2121/tệp",
    "http://[::1]/",
    "http://localhost",
    "mailto:ai@example.com",
    "không phải địa chỉ",
    "http://-bad-.com",
]


def test_the_web_address_pattern_matches_as_reportlab_s():
    from reportlab.platypus import paragraph

    lazy = LazyPattern(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
    compiled = re.compile(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
    assert lazy.pattern.startswith(URI_PATTERN_START)
    for address in ADDRESSES:
        ours, theirs = lazy.match(address), compiled.match(address)
        assert (ours and ours.groups()) == (theirs and theirs.groups()), address


def test_loaded_first_the_package_leaves_three_patterns_for_later_and_re_as_it_was():
    # A fresh interpreter: in this one, another test may have loaded ReportLab first.
    check = (
        "import re, sys, movement_desk.pdf as pdf\n"
        "assert 'reportlab.platypus' not in sys.modules  # loaded by the renderers that use it\n"
        "from reportlab.platypus import paragraph\n"
        "from reportlab.lib import PyFontify, textsplit\n"
        "for later in (paragraph.uri_pat, textsplit.rx, PyFontify.matchRE):\n"
        "    assert isinstance(later, pdf.LazyPattern)\n"
        "assert isinstance(PyFontify.idRE, re.Pattern)  # the others compiled as they load\n"
        "assert paragraph.uri_pat.match('https://example.com/a').group(0)\n"
        "assert textsplit.rx.sub(r'\\1|', 'ab中文') == 'ab中|文|'\n"
        "assert PyFontify.fontify('def f(): return 1  # n')[0] == ('keyword', 0, 3, None)\n"
        "assert re.compile is re.__dict__['compile'] and re.compile.__module__ == 're'\n"
        "assert pdf.rl_config.shapeChecking == 0\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True)
