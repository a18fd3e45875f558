"""The corpus of hostile and broken inputs in tests/data/bad/, and what each must give.

`python tests/bad_corpus.py` writes the files (small ones only; the 50 MB text is made in a
temporary folder by the test that needs it). `test_hostile_input.py` checks the committed
files are what this module writes, so the corpus changes only on purpose.
"""
from __future__ import annotations

import json
from pathlib import Path

BAD = Path(__file__).parent / "data" / "bad"

GOOD_STORY = ("Syrian government forces shelled the town of Saraqeb in Idlib province on "
              "Wednesday, killing four civilians, a monitoring group said.")
FRENCH = ("Les forces gouvernementales syriennes ont bombardé mercredi la ville de Saraqeb, dans "
          "la province d'Idleb, tuant quatre civils, selon une organisation de surveillance. Les "
          "combats se sont poursuivis jeudi aux abords de la ville, ont indiqué des habitants.")
RUSSIAN = ("Сирийские правительственные войска в среду обстреляли город Саракиб в провинции "
           "Идлиб, погибли четыре мирных жителя, сообщила наблюдательная группа.")
ARABIC = ("قصفت القوات الحكومية السورية يوم الأربعاء بلدة سراقب في محافظة إدلب، ما أسفر عن "
          "مقتل أربعة مدنيين، بحسب ما أفادت مجموعة رصد.")

#: file name -> what reading it gives: ("unreadable", words of the reason), ("skipped", words of
#: the pipeline's reason), or ("read", words the text must keep).
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.txt": ("unreadable", "the file is empty"),
    "blank.txt": ("unreadable", "the file is empty"),
    "binary.txt": ("unreadable", "looks binary"),
    "control_chars.txt": ("unreadable", "U+0007"),
    "invalid_utf8.txt": ("read", "shelled the town"),
    "mixed_encoding.txt": ("read", "Kyiv \u2014 \u201cDnipro\u201d Zaporizhzhia"),
    "deep.html": ("unreadable", "no main text found"),
    "all_script.html": ("unreadable", "no main text found"),
    "french.txt": ("skipped", "language looks like 'fr'"),
    "russian.txt": ("skipped", "language looks like 'ru'"),
    "arabic.txt": ("skipped", "language looks like 'ar'"),
    "absurd_numbers.txt": ("read", "1e308 killed"),
    "not_a_feed.rss": ("unreadable", "malformed feed"),
}
#: batch.jsonl: line number -> ("ok", id) or ("unreadable", words of the reason)
JSONL_EXPECTED: dict[int, tuple[str, str]] = {
    1: ("ok", "good-1"),
    2: ("unreadable", "malformed JSON"),
    3: ("ok", "good-2"),
    4: ("unreadable", "U+D800"),
    5: ("unreadable", "3000-01-06 cannot be a publication date"),
    6: ("unreadable", "nested too deeply"),
    7: ("ok", "good-3"),
}
#: truncated.rss: a feed cut off mid-entry; what can be recovered is read.
FEED_EXPECTED = {1: ("ok", "https://wire.example.org/1"), 2: ("unreadable", "no text")}


def corpus() -> dict[str, bytes]:
    """Every file of tests/data/bad/ and its bytes."""
    files = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n  \n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "control_chars.txt": (GOOD_STORY + "\x07\x1b[31m").encode("utf-8"),
        "invalid_utf8.txt": b"\xff\xfe\xc3\x28 Rebels " + GOOD_STORY.encode() + b" \xe2\x82 \xf0\x28\x8c\xbc",
        "mixed_encoding.txt": ("Drones hit Kyiv \u2014 ".encode("utf-8") + "\u201cDnipro\u201d".encode("cp1252")
                               + " Zaporizhzhia on Monday, officials said.".encode("utf-8")),
        "deep.html": ("<html><body>" + "<div>" * 10_000 + "<p>" + GOOD_STORY + "</p>"
                      + "</div>" * 10_000 + "</body></html>").encode(),
        "all_script.html": ("<html><head><title>Live</title></head><body>"
                            + ("<script>document.write('<p>" + GOOD_STORY + "</p>');</script>") * 50
                            + "</body></html>").encode(),
        "french.txt": FRENCH.encode("utf-8"),
        "russian.txt": RUSSIAN.encode("utf-8"),
        "arabic.txt": ARABIC.encode("utf-8"),
        "absurd_numbers.txt": ("Militants said 1e308 killed and 1e309 wounded in the attack on "
                               "Monday, a claim no one believed. Police said 99999999999999999999999 "
                               "people were arrested.").encode(),
        "not_a_feed.rss": b"\x01\x02<<<rss garbage>>> & </channel",
        "truncated.rss": (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
                          b"<item><title>Shelling</title><link>https://wire.example.org/1</link>"
                          b"<description>" + GOOD_STORY.encode() + b"</description></item>"
                          b"<item><title>Cut off</title><descr"),
    }
    lines = [
        json.dumps({"id": "good-1", "text": GOOD_STORY, "published": "2020-02-06"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "good-2", "text": "Rebels clashed with troops near Aleppo on Thursday."}),
        '{"id": "surrogate", "text": "Shelling \\ud800 hit Homs."}',
        json.dumps({"id": "future", "text": "Troops entered the town on Monday.", "published": "3000-01-06"}),
        '{"id": "deep", "text": ' + "[" * 5_000 + "]" * 5_000 + "}",
        json.dumps({"id": "good-3", "text": "Police arrested 12 protesters in Khartoum on Friday."}),
    ]
    files["batch.jsonl"] = ("\n".join(lines) + "\n").encode("utf-8")
    return files


def write_corpus(folder: Path = BAD) -> None:
    """Write the corpus into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in corpus().items():
        (folder / name).write_bytes(content)


if __name__ == "__main__":
    write_corpus()
