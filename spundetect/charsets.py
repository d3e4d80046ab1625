"""Charset labels read as browsers read them (the WHATWG Encoding Standard).

A page's ``<meta charset>`` names its encoding with one of some 220 labels, and browsers
read several of them as another encoding than the name says: "iso-8859-1", "latin1" and
"us-ascii" are Windows-1252, which is what such pages hold (read as Latin-1, "don\\x92t"
keeps a C1 control where the apostrophe was); "gb2312" is GBK; "utf-16" on a page that
arrived as bytes is UTF-8. Python's codec registry knows names no browser reads ("utf-7",
"cp037", "punycode", "unicode_escape") that would decode an ASCII page into nonsense; they
are not labels here. The table is the standard's, each encoding with the Python codec that
decodes what browsers decode.
"""

from __future__ import annotations

import codecs
from typing import Any

__all__ = [
    "C1_AS_WINDOWS_1252",
    "REFUSED",
    "WINDOWS_1252_C1",
    "codec_for",
    "decode",
    "incremental_decoder",
    "input_codec",
]

#: what :func:`codec_for` returns for the labels browsers refuse to decode (ISO-2022-KR,
#: HZ, ...: the standard's "replacement" encoding, which shows one error for the whole page)
REFUSED = "replacement"

# Python codec: the encoding's labels (whitespace-separated, lower case)
_LABELS: dict[str, str] = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"
    # UTF-16 named in a page read as bytes: the page is not UTF-16, so browsers read UTF-8
    " csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff unicodefffe utf-16 utf-16be utf-16le",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2"
    " iso_8859-2:1987 l2 latin2",
    "iso8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3"
    " iso_8859-3:1988 l3 latin3",
    "iso8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4"
    " iso_8859-4:1988 l4 latin4",
    "iso8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595"
    " iso_8859-5 iso_8859-5:1988",
    "iso8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6"
    " iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126"
    " iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138"
    " iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    # Latin-1 and ASCII are read as Windows-1252; so is HTML's "x-user-defined" in a <meta>
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100"
    " iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"
    " x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9"
    " iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"
    " gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989"
    " ksc5601 ksc_5601 windows-949",
    REFUSED: "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement",
}
_CODEC = {label: codec for codec, labels in _LABELS.items() for label in labels.split()}

#: what Windows-1252 prints for the bytes 0x80-0x9F, keyed by the C1 control Latin-1 reads
#: there ("\x92": "\u2019"); not the five bytes it leaves undefined
WINDOWS_1252_C1 = {
    chr(b): bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in b"\x81\x8d\x8f\x90\x9d"
}
#: :data:`WINDOWS_1252_C1` for ``str.translate``: Latin-1 text read as Windows-1252, as browsers
#: read it (the undefined bytes stay their C1 controls; Python's codec raises on them)
C1_AS_WINDOWS_1252 = str.maketrans(WINDOWS_1252_C1)


def codec_for(label: str) -> str | None:
    """The Python codec that decodes a page labelled ``label`` as browsers do; :data:`REFUSED`
    for a label browsers refuse to decode; None for one they do not know."""
    return _CODEC.get(label.strip(" \t\n\f\r").lower())


def decode(data: bytes, codec: str) -> str:
    """``data`` decoded with ``codec`` (from :func:`codec_for`); raises ``UnicodeDecodeError``
    where the bytes are not that encoding."""
    if codec == "cp1252":
        return data.decode("latin-1").translate(C1_AS_WINDOWS_1252)
    return data.decode(codec)


_UTF8_LABELS = frozenset(
    ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]
)


def input_codec(label: str) -> str:
    """The codec that ``--encoding LABEL`` reads input with (a label browsers know:
    ``windows-1252``, ``latin1``, ``iso-8859-2``, ``koi8-r``, ``shift_jis``, ``gbk``, ...), or
    a :class:`ValueError` that says why there is none."""
    codec = codec_for(label)
    if codec is None:
        raise ValueError(
            f"unknown encoding {label!r}: give one browsers know, such as windows-1252, "
            "iso-8859-2, koi8-r, shift_jis, euc-kr or gbk"
        )
    if codec == REFUSED:
        raise ValueError(f"encoding {label!r}: browsers refuse to decode it; convert to UTF-8")
    if codec == "utf-8" and label.strip(" \t\n\f\r").lower() not in _UTF8_LABELS:
        raise ValueError(
            f"encoding {label!r}: UTF-16 is read when the input starts with its byte-order "
            "mark; convert one without it to UTF-8 (iconv -f UTF-16LE -t UTF-8)"
        )
    return codec


class _Windows1252Decoder:
    """Windows-1252 as browsers decode it, a chunk at a time (one byte, one character: no
    state), the five bytes it leaves undefined read as their C1 controls."""

    def decode(self, data: bytes, final: bool = False) -> str:
        return data.decode("latin-1").translate(C1_AS_WINDOWS_1252)


def incremental_decoder(codec: str, errors: str = "strict") -> Any:
    """An incremental decoder (``.decode(data, final)``) of ``codec`` (from
    :func:`input_codec`): a multi-byte character split between two chunks is decoded whole."""
    if codec == "cp1252":
        return _Windows1252Decoder()
    return codecs.getincrementaldecoder(codec)(errors)
