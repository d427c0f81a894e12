"""Which fonts the report's PDF is set in: the township's own official fonts first, else packaged substitutes.

GB/T 9704-2012 sets the title in 方正小标宋简体, the body in 仿宋_GB2312, 一、 headings in 黑体 and （一）
headings in 楷体_GB2312. Those are licensed fonts that no Debian package carries; townships' PCs have
them. So, for each of the four roles, in this order:

1. a font file of that face in the fonts folder (``settings.REPORT_FONTS_DIR``: files put there by hand
   or uploaded in the admin as ``ReportFont``), loaded by WeasyPrint through ``@font-face``;
2. that face installed on the server (fontconfig knows it);
3. the best packaged substitute that is installed (Noto Serif CJK SC Black from fonts-noto-cjk-extra for the
   title, LXGW WenKai from fonts-lxgw-wenkai for 楷体 …), at the size that makes its characters as large
   as the body's;
4. the first substitute anyway (fontconfig then falls back as it can).

The report page says which font stood in for which (``describe``). The Word file always names the official
faces (reports.docx): it is opened on the township's PCs, which have them.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class Substitute:
    family: str
    weight: int = 400
    size: float = 16  # pt: a Kai face with small characters is set larger, so that it is not smaller than the body
    package: str = ""


@dataclass(frozen=True)
class Role:
    code: str
    official: str  # the face GB/T 9704 asks for, as Word names it
    names: tuple[str, ...]  # family names of that face (and its usual equivalents), as fonts name themselves
    size: float  # pt
    selector: str  # what it sets in print.css's terms
    substitutes: tuple[Substitute, ...]


ROLES = (
    Role("title", "方正小标宋简体", ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "FZXiaoBiaoSong-B05S",
                                  "FZXiaoBiaoSong-B05", "FZXiaoBiaoSongS-R-GB"), 22, ".report-document .doc-title",
         (Substitute("Noto Serif CJK SC", 900, 22, "fonts-noto-cjk-extra"),
          Substitute("Noto Serif CJK SC", 700, 22, "fonts-noto-cjk"))),
    Role("body", "仿宋_GB2312", ("仿宋_GB2312", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体", "FZFangSong-Z02S",
                                "FZFangSong-Z02", "仿宋", "FangSong", "STFangsong", "华文仿宋"), 16, "html",
         (Substitute("Noto Serif CJK SC", 400, 16, "fonts-noto-cjk"),)),
    Role("heading", "黑体", ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "FZHei-B01S", "FZHei-B01"), 16,
         ".report-document h2",
         (Substitute("Noto Sans CJK SC", 500, 16, "fonts-noto-cjk-extra"),
          Substitute("Noto Sans CJK SC", 400, 16, "fonts-noto-cjk"))),
    Role("kai", "楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "方正楷体简体",
                               "FZKai-Z03S", "FZKai-Z03", "STKaiti", "华文楷体"), 16, ".report-document h3",
         # measured: LXGW WenKai's characters are 6% shorter than Noto Serif's, AR PL UKai's 11% (and lighter)
         (Substitute("LXGW WenKai", 400, 17, "fonts-lxgw-wenkai"),
          Substitute("AR PL UKai CN", 400, 18, "fonts-arphic-ukai"))),
)
ROLE_BY_CODE = {role.code: role for role in ROLES}


@dataclass(frozen=True)
class Resolved:
    role: str
    official: str
    family: str  # the CSS family to use (an @font-face alias for a file)
    weight: int
    size: float
    source: str  # "file" (fonts folder), "system" (installed official face), "substitute", "missing"
    path: str = ""  # the font file, for "file"
    name: str = ""  # what the font calls itself


def _normal(name: str) -> str:
    return "".join(name.lower().split()).replace("-", "").replace("_", "")


def role_of_names(names) -> str:
    """The role whose official face these family names are ("" when none): 仿宋_GB2312 → body."""
    normal = {_normal(name) for name in names}
    for role in ROLES:
        if normal & {_normal(name) for name in role.names}:
            return role.code
    return ""


def font_names(path: Path) -> list[str]:
    """The family names a TrueType/OpenType file gives itself (every language); [] if it is no font."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            names = []
            for record in font["name"].names:
                if record.nameID in (1, 4, 6, 16):
                    try:
                        names.append(record.toUnicode())
                    except UnicodeDecodeError:
                        continue
            return list(dict.fromkeys(names))
    except (TTLibError, OSError, KeyError, AssertionError, ValueError):
        return []


def has_chinese_glyphs(path: Path) -> bool:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap() or {}
    except (TTLibError, OSError, KeyError, AssertionError, ValueError):
        return False
    return all(ord(char) in cmap for char in "法治政府建设")


def folder_fonts() -> dict[str, tuple[Path, str]]:
    """The fonts folder's files by role: {role: (path, family name)}; an uploaded font's chosen role wins,
    and of several files for one role the newest."""
    from reports.models import ReportFont

    folder = Path(settings.REPORT_FONTS_DIR)
    if not folder.is_dir():
        return {}
    chosen = {Path(font.file.name).name: font.role for font in ReportFont.objects.exclude(role="")}
    found: dict[str, tuple[float, Path, str]] = {}
    for path in folder.iterdir():
        if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
            continue
        names = font_names(path)
        role = chosen.get(path.name) or role_of_names(names)
        if role and (role not in found or path.stat().st_mtime > found[role][0]):
            name = next((n for n in names if n.isascii()), names[0] if names else path.stem)
            found[role] = (path.stat().st_mtime, path, name)
    return {role: (path, name) for role, (_mtime, path, name) in found.items()}


@functools.cache
def installed_faces() -> dict[str, set[str]] | None:
    """{family (lower case): styles} of the fonts fontconfig knows, or None when fc-list is not there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    output = subprocess.run(  # noqa: S603 - a fixed command, no user input
        [fc_list, "--format", "%{family}\t%{style}\n"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    faces: dict[str, set[str]] = {}
    for line in output.splitlines():
        families, _tab, styles = line.partition("\t")
        for family in families.split(","):
            faces.setdefault(family.strip().lower(), set()).update(s.strip().lower() for s in styles.split(","))
    return faces


WEIGHT_STYLES = {900: {"black", "heavy"}, 700: {"bold"}, 500: {"medium"},
                 400: {"regular", "book", "normal", "w3"}}


def is_installed(family: str, weight: int | None = None) -> bool | None:
    """Whether fontconfig has the family (in that weight); None when it cannot be asked."""
    faces = installed_faces()
    if faces is None:
        return None
    styles = faces.get(family.lower())
    if styles is None:
        return False
    return weight is None or bool(styles & WEIGHT_STYLES.get(weight, set()))


def _alias(role: Role, path: Path, name: str) -> str:
    """The @font-face name: the font's own (ASCII) name, so the PDF names it, and a digest of the file, so
    that a changed file is a new face for WeasyPrint's cache."""
    stat = path.stat()
    digest = hashlib.sha256(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:8]
    readable = "".join(char for char in name if char.isascii() and (char.isalnum() or char in "-_")) or role.code
    return f"{readable}-{digest}"


def resolve() -> list[Resolved]:
    """The face of each role, as the PDF rendered now would use it."""
    files = folder_fonts()
    resolved = []
    for role in ROLES:
        if role.code in files:
            path, name = files[role.code]
            resolved.append(Resolved(role.code, role.official, _alias(role, path, name), 400, role.size, "file",
                                     str(path), name))
            continue
        system = next((name for name in role.names if is_installed(name)), None)
        if system is not None:
            resolved.append(Resolved(role.code, role.official, system, 400, role.size, "system", name=system))
            continue
        substitute = next((s for s in role.substitutes if is_installed(s.family, s.weight) is not False), None)
        source = "substitute" if substitute is not None else "missing"
        substitute = substitute or role.substitutes[0]
        resolved.append(Resolved(role.code, role.official, substitute.family, substitute.weight, substitute.size,
                                 source, name=substitute.family))
    return resolved


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "") + '"'


def font_css(fonts: list[Resolved]) -> str:
    """The print stylesheet's font rules for these faces (after print.css, so they win)."""
    rules = []
    for font in fonts:
        role = ROLE_BY_CODE[font.role]
        generic = "sans-serif" if font.role == "heading" else "serif"
        if font.source == "file":
            rules.append(f"@font-face {{ font-family: {_css_string(font.family)}; "
                         f"src: url({_css_string(Path(font.path).as_uri())}); }}")
        rules.append(f"{role.selector} {{ font-family: {_css_string(font.family)}, {generic}; "
                     f"font-weight: {font.weight}; font-size: {font.size:g}pt; }}")
    return "\n".join(rules)


def font_dirs(fonts: list[Resolved]) -> tuple[Path, ...]:
    """Folders WeasyPrint may read font files from, besides the static files."""
    return tuple({Path(font.path).parent for font in fonts if font.source == "file"})


def describe(fonts: list[Resolved]) -> list[dict]:
    """What the report page says (and a final report freezes): for each role, which face stood in."""
    return [
        {"role": font.role, "official": font.official, "used": font.name or font.family, "weight": font.weight,
         "size": font.size, "source": font.source, "file": Path(font.path).name if font.path else ""}
        for font in fonts
    ]
