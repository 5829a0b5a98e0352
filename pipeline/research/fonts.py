"""A Chinese font for matplotlib, registered from its file: without one every label renders as tofu boxes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from matplotlib import font_manager, rcParams

from pipeline.research import ResearchError

FONT_PACKAGE = "fonts-wqy-microhei"
# The project's set-up installs WenQuanYi; others are taken when a researcher's machine has them instead.
_PREFERRED = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")


def chinese_font_files() -> list[Path]:
    """Font files fontconfig says cover Simplified Chinese, the preferred families first."""
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "-f", "%{file}\t%{family}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    fonts = [line.split("\t", 1) for line in listed.splitlines() if "\t" in line]

    def rank(font: list[str]) -> int:
        families = font[1].split(",")
        return next((i for i, name in enumerate(_PREFERRED) if name in families), len(_PREFERRED))

    return list(dict.fromkeys(Path(file) for file, _ in sorted(fonts, key=rank)))


def use_chinese_font() -> str:
    """Registers the best Chinese font with matplotlib and makes it the default family; returns its name."""
    files = chinese_font_files()
    if not files:
        raise ResearchError(
            f"no Chinese font found (fontconfig's fc-list lists none for :lang=zh); install the apt packages "
            f"{FONT_PACKAGE} and fontconfig (./run.sh installs them on set-up)"
        )
    font_manager.fontManager.addfont(str(files[0]))
    name = font_manager.FontProperties(fname=str(files[0])).get_name()
    # DejaVu (matplotlib's own) stands in per glyph for what the Chinese font lacks, such as the minus sign.
    rcParams["font.family"] = [name, "DejaVu Sans"]
    return name
