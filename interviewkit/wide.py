"""Lines of Chinese that Rich can break. Rich wraps text only at spaces, and Chinese has none: a
table cell narrower than a run of Chinese was cut with `…` (or, folded, broke `PyTorch` in two), and
a paragraph broke only beside the English words in it. `install()` teaches Rich's wrapping (and
its measure of a cell's narrowest width) to break between two wide characters too, never before a
closing mark (，。）) nor after an opening one (（《). Text without wide characters breaks exactly as
before: the words are Rich's own (`\\s*\\S+\\s*`)."""
from __future__ import annotations

import re

WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
OPENING = "（《「『【〈"
CLOSING = "，。、；：！？）》」』】〉％"
WORD = re.compile(rf"\s*[{OPENING}]*(?:[^\s{WIDE}]+|[{WIDE}])[{CLOSING}]*\s*")


HAN = "\u3400-\u9fff\uf900-\ufaff"
SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}]) (?=[{HAN}])")


def joined(text: str) -> str:
    """`text` without the single spaces that fall between two Chinese characters: a message made of a
    translated sentence around a translated word (`{what} 的形状`) gets one where Chinese has none."""
    return SPACE_BETWEEN_HAN.sub("", text)


def words(text: str):
    """(start, end, word) of each word, its spaces on the right included, as rich._wrap.words."""
    position = 0
    match = WORD.match(text, position)
    while match is not None:
        yield match.start(), match.end(), match.group(0)
        match = WORD.match(text, match.end())


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """rich._wrap.divide_line over these words: the offsets at which to break `text` into lines of
    at most `width` cells."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for start, _end, word in words(text):
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:  # longer than a line: folded (or cropped)
            if fold:
                pieces = chop_cells(word, width=width)
                for index, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if index == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _measure(self, console, options):
    """Text.__rich_measure__ whose narrowest width is that of its longest word, as above."""
    from rich.cells import cell_len
    from rich.measure import Measurement

    lines = self.plain.splitlines()
    widest = max((cell_len(line) for line in lines), default=0)
    longest = max((cell_len(word.strip()) for _, _, word in words(self.plain)), default=widest)
    return Measurement(longest, widest)


def install() -> None:
    import rich.text

    rich.text.divide_line = divide_line
    rich.text.Text.__rich_measure__ = _measure
