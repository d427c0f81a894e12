"""Official fonts where the township has them (issue 12, item 4), packaged substitutes otherwise, and the 楷体
headings no lighter or smaller than the body (item 6).

The "official" font of these tests is made here: a subset of the packaged LXGW WenKai that calls itself
仿宋_GB2312 (fontTools), as a township's licensed file would. The PDFs are real (WeasyPrint) and read back.
"""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image

from reports import fonts, services
from reports.models import ReportFont
from reports.pdf import pdf_facts

SAMPLE = "大溪镇2025年法治政府建设情况报告一二三四五、（）推进的主要举措和成效强化组织保障压实责任深化理论武装提升依法履职能力人民"


def packaged_font_file(family: str) -> Path:
    fc_match = shutil.which("fc-match") or "/usr/bin/fc-match"
    found = subprocess.run([fc_match, "-f", "%{file}", family], capture_output=True, text=True,  # noqa: S603
                           check=True).stdout
    return Path(found)


def official_font(family_en: str, family_zh: str) -> bytes:
    """A TrueType font naming itself as an official face, with the glyphs the tests print."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(packaged_font_file("LXGW WenKai"))
    options = subset.Options()
    options.name_IDs, options.name_languages, options.layout_features = ["*"], ["*"], []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=SAMPLE + "法治政府建设")
    subsetter.subset(font)
    name = font["name"]
    for name_id in (1, 4, 6, 16, 17):
        name.removeNames(nameID=name_id)
    name.setName(family_en, 1, 3, 1, 0x409)
    name.setName(family_zh, 1, 3, 1, 0x804)
    name.setName(family_en, 4, 3, 1, 0x409)
    name.setName(family_en.replace("_", "") + "-Township", 6, 3, 1, 0x409)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.fixture
def fonts_dir(settings, tmp_path):
    settings.REPORT_FONTS_DIR = tmp_path / "fonts"
    return settings.REPORT_FONTS_DIR


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", "Daxi@2025x")


def upload(client, name: str, content: bytes, role: str = ""):
    return client.post(reverse("admin:reports_reportfont_add"),
                       {"file": SimpleUploadedFile(name, content, "font/ttf"), "role": role})


def sample_doc() -> dict:
    return {
        "title": "大溪镇2025年法治政府建设情况报告", "opening": "", "closing": "",
        "parts": [{"heading": "一、推进法治政府建设的主要举措和成效",
                   "sections": [{"heading": "（一）强化组织保障压实责任", "paragraphs": ["强化组织保障压实责任深化理论武装"]}]}],
        "signature_name": "", "signature_date": "",
    }


def test_an_uploaded_official_font_is_used_first_by_the_pdf(cast, fonts_dir, superuser, client_for, contract_stats,
                                                             media_root):
    admin = client_for(superuser)
    response = upload(admin, "仿宋_GB2312.ttf", official_font("FangSong_GB2312", "仿宋_GB2312"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    font = ReportFont.objects.get()
    assert (font.role, font.family) == ("body", "FangSong_GB2312")
    assert (fonts_dir / Path(font.file.name).name).exists()

    body = next(f for f in fonts.resolve() if f.role == "body")
    assert body.source == "file"
    facts = pdf_facts(services.render_document_pdf(sample_doc()))
    names = [f["name"] for f in facts["fonts"]]
    assert any("FangSong" in name for name in names), names
    assert facts["missing_glyphs"] == 0
    # the report page says so
    html = client_for(cast.admin_user).get(reverse("reports:report", args=[2025])).content.decode()
    assert "正文：仿宋_GB2312（FangSong_GB2312，本镇上传的字体文件）" in html


def test_a_font_put_in_the_fonts_folder_by_hand_is_used_too(fonts_dir, db):
    fonts_dir.mkdir()
    (fonts_dir / "xbs.ttf").write_bytes(official_font("FZXiaoBiaoSong-B05S", "方正小标宋简体"))
    title = next(f for f in fonts.resolve() if f.role == "title")
    assert (title.source, title.name) == ("file", "FZXiaoBiaoSong-B05S")
    names = [f["name"] for f in pdf_facts(services.render_document_pdf(sample_doc()))["fonts"]]
    assert any("FZXiaoBiaoSong" in name for name in names), names


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.txt", b"hello", "请上传 .ttf 或 .otf 字体文件。"),
    ("fake.ttf", b"\x00\x01\x00\x00 not really a font", "无法读取该字体文件"),
])
def test_the_admin_refuses_what_is_not_a_font(name, content, message, fonts_dir, superuser, client_for):
    response = upload(client_for(superuser), name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportFont.objects.exists()
    assert not fonts_dir.exists() or not any(fonts_dir.iterdir())


def test_the_admin_refuses_a_font_without_chinese_characters(fonts_dir, superuser, client_for):
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.exists():
        latin = packaged_font_file("DejaVu Sans")
    response = upload(client_for(superuser), "latin.ttf", latin.read_bytes())
    assert "该字体不含汉字，不能用于报告。" in response.content.decode()
    assert not ReportFont.objects.exists()


def test_without_official_fonts_the_report_page_names_the_substitutes(cast, fonts_dir, client_for, contract_stats):
    html = client_for(cast.admin_user).get(reverse("reports:report", args=[2025])).content.decode()
    assert "正文：仿宋_GB2312 —— 以 Noto Serif CJK SC 代替" in html
    assert "标题：方正小标宋简体 —— 以 Noto Serif CJK SC 代替" in html
    assert "二级标题：楷体_GB2312 —— 以 LXGW WenKai 代替" in html
    assert "一级标题：黑体 —— 以 Noto Sans CJK SC 代替" in html


def test_the_substitutes_are_the_packaged_ones_and_the_title_is_heavier(fonts_dir, db):
    facts = pdf_facts(services.render_document_pdf(sample_doc()))
    names = " ".join(f["name"] for f in facts["fonts"])
    assert "Noto-Serif-CJK-SC-Heavy" in names or "Noto-Serif-CJK-SC-Black" in names  # fonts-noto-cjk-extra
    assert "LXGW" in names  # fonts-lxgw-wenkai for 楷体
    assert [f["name"] for f in facts["fonts"] if not f["embedded"]] == []


def ink_of_lines(pdf: bytes, tmp_path: Path) -> list[tuple[int, int]]:
    """(ink, height in pixels) of each line of text on the first page, top to bottom."""
    (tmp_path / "page.pdf").write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
    arguments = ["-r", "150", "-gray", "-f", "1", "-l", "1", str(tmp_path / "page.pdf"), str(tmp_path / "page")]
    subprocess.run([pdftoppm, *arguments], check=True)  # noqa: S603 - fixed arguments
    image = Image.open(next(tmp_path.glob("page*.pgm")))
    width, height = image.size
    pixels = image.load()
    rows = [sum(255 - pixels[x, y] for x in range(width)) for y in range(int(height * 0.8))]  # no page number
    lines, start = [], None
    for y, ink in enumerate(rows + [0]):
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            lines.append((sum(rows[start:y]), y - start))
            start = None
    return lines


def test_kai_headings_are_not_lighter_or_smaller_than_the_body(fonts_dir, db, tmp_path):
    """（一） headings print the same characters no lighter and no smaller than the body does."""
    text = "强化组织保障压实责任深化理论武装"
    doc = dict(sample_doc(), title="报告", parts=[
        {"heading": "一、主要举措", "sections": [{"heading": text, "paragraphs": [text]}]}])
    lines = ink_of_lines(services.render_document_pdf(doc), tmp_path)
    assert len(lines) == 4  # title, 一、, the heading, the paragraph
    (heading_ink, heading_height), (body_ink, body_height) = lines[2], lines[3]
    assert heading_ink >= body_ink
    assert heading_height >= body_height * 0.97


def test_print_page_template_takes_the_font_rules(fonts_dir, db):
    html = render_to_string("reports/_pdf.html", {"doc": sample_doc(), "print_css_url": "",
                                                  "font_css": fonts.font_css(fonts.resolve())})
    assert '.report-document h3 { font-family: "LXGW WenKai", serif; font-weight: 400; font-size: 17pt; }' in html
