"""The report as a Word file (.docx), in the official-document layout of GB/T 9704-2012, with python-docx.

Offices circulate and amend the report in Word or WPS before it goes to the Party committee, so the file is
made to open on a township PC as the printed report looks: A4; margins top 37 mm, bottom 35 mm, inside
(binding) 28 mm, outside 26 mm, mirrored on even pages; a document grid of 22 lines × 28 characters
(fixed 28.95 pt line spacing, characters 0.2 pt closer); title 2号 (22 pt) 方正小标宋简体, centred, a blank line below; body 3号
(16 pt) 仿宋_GB2312, first lines indented two characters; 一、 headings in 黑体 and （一） headings in
楷体_GB2312, 3号; page numbers "— N —" in 4号 (14 pt) 宋体, on the outside: odd pages right, even pages
left, one character in; the issuing body and the date at the end, the name centred over the date.

Chinese faces are set as the East-Asian font of every style (``w:eastAsia``), with Times New Roman for
Latin letters and digits, and ``w:hint="eastAsia"`` so that quotation marks take the Chinese face; the
font table names each face's usual Windows equivalent (仿宋_GB2312 → 仿宋), which Word tries when the
first is missing. The text is ``doc`` — the same dict the HTML and the PDF print (reports.drafting).
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

__all__ = ["FACES", "render_docx"]

LATIN = "Times New Roman"
#: the faces GB/T 9704 names, by what they set, with the equivalent Word looks for when one is missing
FACES = {
    "title": ("方正小标宋简体", "方正小标宋_GBK"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading": ("黑体", "SimHei"),
    "kai": ("楷体_GB2312", "楷体"),
    "page": ("宋体", "SimSun"),
}
LINE = Pt(28.95)  # 225 mm of text block / 22 lines
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
# the line grid: 28.95 pt = 579 twips a line. 28 characters in 156 mm means each 16 pt character is 0.2 pt
# narrower: a character spacing of -4 twentieths of a point, as the PDF's letter-spacing (a character grid,
# docGrid linesAndChars, would say the same, but LibreOffice spreads such lines out)
GRID_LINE_PITCH = "579"
CHARACTER_SPACING = "-4"
# settings.xml children that come after w:mirrorMargins (the schema's order; Word rejects another)
_AFTER_MIRROR_MARGINS = (
    "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
    "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
    "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType",
    "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
    "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop",
    "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
    "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
    "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace",
    "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


def set_faces(fonts, face: str) -> None:
    """Latin text in Times New Roman, Chinese text (and the ambiguous quotation marks) in ``face``."""
    fonts.name = LATIN
    rpr = fonts.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), LATIN)
    rfonts.set(qn("w:eastAsia"), face)
    rfonts.set(qn("w:hint"), "eastAsia")


def indent_chars(paragraph_format, *, first_line: int = 0, right: float = 0) -> None:
    """Indents in characters (Word's 字符), which follow the font size; the points are for other readers."""
    ppr = paragraph_format.element.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    if first_line:
        paragraph_format.first_line_indent = BODY_SIZE * first_line
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
    if right:
        paragraph_format.right_indent = Pt(16 * right)
        ind.set(qn("w:rightChars"), str(round(right * 100)))


def paragraph_style(document, name: str, *, face: str, size, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: int = 2,
                    line=LINE, base="Normal"):
    style = document.styles[name] if name in [s.name for s in document.styles] else document.styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = document.styles[base]
        style.quick_style = True
    set_faces(style.font, face)
    style.font.size = size
    style.font.bold = False
    style.font.color.rgb = None
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.widow_control = True
    if indent:
        indent_chars(fmt, first_line=indent)
    return style


def add_styles(document) -> None:
    paragraph_style(document, "Normal", face=FACES["body"][0], size=BODY_SIZE)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), CHARACTER_SPACING)
    rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                              "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                              "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    paragraph_style(document, "公文标题", face=FACES["title"][0], size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
                    indent=0, line=Pt(36))
    heading = paragraph_style(document, "一级标题", face=FACES["heading"][0], size=BODY_SIZE)
    heading.paragraph_format.keep_with_next = True
    kai = paragraph_style(document, "二级标题", face=FACES["kai"][0], size=BODY_SIZE)
    kai.paragraph_format.keep_with_next = True
    paragraph_style(document, "署名", face=FACES["body"][0], size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    paragraph_style(document, "页码", face=FACES["page"][0], size=PAGE_NUMBER_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT,
                    indent=0, line=Pt(14))
    # text typed anew in Word/WPS takes the body's faces too
    # and the document grid counts characters of the default size, which must be the body's 16 pt
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        for child in list(rpr):
            if child.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"), qn("w:lang")):
                rpr.remove(child)
        rfonts = OxmlElement("w:rFonts")
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attribute), LATIN)
        rfonts.set(qn("w:eastAsia"), FACES["body"][0])
        rpr.insert(0, rfonts)
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), "32")
            rpr.append(size)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)


def set_page(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)  # inside and outside: margins are mirrored
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # puts the page number's top about 7 mm below the text block
    settings = document.settings.element
    mirror = OxmlElement("w:mirrorMargins")
    settings.insert_element_before(mirror, *_AFTER_MIRROR_MARGINS)
    document.settings.odd_and_even_pages_header_footer = True
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), GRID_LINE_PITCH)
    if qn("w:charSpace") in grid.attrib:
        del grid.attrib[qn("w:charSpace")]
    page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)  # odd pages: the outside is the right
    page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def page_number(footer, align) -> None:
    """"— N —" with N a PAGE field, one character in from the text block's outer edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = "页码"
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    ind = fmt.element.get_or_add_pPr().get_or_add_ind()
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    ind.set(qn(f"w:{side}Chars"), "100")
    ind.set(qn(f"w:{side}"), str(14 * 20))
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")


def add_font_table(document) -> None:
    """Name each face's equivalent (w:altName) and its Chinese character set (GB2312) in the font table."""
    part = next((p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None:
        return
    table = parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in table.findall(qn("w:font"))}
    for face, alternative in FACES.values():
        if face in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), face)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "modern"),
                           ("w:pitch", "fixed")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        table.append(font)
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_text(paragraph, text: str) -> None:
    """Text with line breaks as Word line breaks (the HTML's <br>)."""
    for number, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)


def add_paragraph(document, paragraph):
    """A paragraph of the doc: a str, or chunks {text, href}; figures print as plain text, as in the PDF."""
    out = document.add_paragraph(style="Normal")
    if isinstance(paragraph, str):
        add_text(out, paragraph)
    else:
        add_text(out, "".join(chunk["text"] for chunk in paragraph))
    return out


def text_width(text: str) -> float:
    """Width in characters of the body face: ASCII letters and digits are half as wide as Chinese ones."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def add_signature(document, name: str, date: str) -> None:
    """Issuing body and date: a blank line below the text, right-aligned two characters in, the name
    centred over the date (or the date under a longer name, centred)."""
    document.add_paragraph(style="署名").paragraph_format.keep_with_next = True
    name_width, date_width = text_width(name), text_width(date)
    date_right = 2 + max(0.0, (name_width - date_width) / 2)
    name_right = 2 + max(0.0, (date_width - name_width) / 2)
    for text, right in ((name, name_right), (date, date_right)):
        if text:
            out = document.add_paragraph(style="署名")
            out.paragraph_format.keep_with_next = text == name
            indent_chars(out.paragraph_format, right=right)
            out.add_run(text)


def render_docx(doc: dict) -> bytes:
    """The .docx of a ``doc`` (reports.drafting.build_document, or a finalized report's frozen one)."""
    document = Document()
    add_styles(document)
    set_page(document)
    add_font_table(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document.add_paragraph(doc["title"], style="公文标题")
    document.add_paragraph(style="Normal")  # the blank line under the title
    if doc.get("opening"):
        add_paragraph(document, doc["opening"])
    for part in doc["parts"]:
        document.add_paragraph(part["heading"], style="一级标题")
        for section in part["sections"]:
            if section.get("heading"):
                document.add_paragraph(section["heading"], style="二级标题")
            for paragraph in section["paragraphs"]:
                add_paragraph(document, paragraph)
    if doc.get("closing"):
        # the signature never stands alone on a page: the closing paragraph comes with it
        add_paragraph(document, doc["closing"]).paragraph_format.keep_with_next = True
    date = doc.get("signature_date") or ""
    if hasattr(date, "year"):
        date = f"{date.year}年{date.month}月{date.day}日"
    if doc.get("signature_name") or date:
        add_signature(document, doc.get("signature_name", ""), date)
    properties = document.core_properties
    properties.title = doc["title"]
    properties.author = doc.get("signature_name", "")
    properties.last_modified_by = doc.get("signature_name", "")
    properties.comments = ""
    properties.language = "zh-CN"
    out = BytesIO()
    document.save(out)
    return out.getvalue()
