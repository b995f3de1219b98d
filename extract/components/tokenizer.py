"""Character tokens for a whole text in linear time.

spaCy's ``zh`` tokenizer in its "char" mode aligns the characters with the text by searching
the rest of the text for each one (``util.get_words_and_spaces``), which is quadratic in the
length of the Doc: a 200 k-character chunk took half a second. This tokenizer gives the same
tokens (every non-space character, each whitespace run before one, one trailing " " as the
token's space) in one pass.
"""

from __future__ import annotations

import re

from spacy.lang.zh import ChineseTokenizer
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

_WHITESPACE_RUN = re.compile(r"(\s+)")
TEXT_KEY = "policygraph_text"  # Doc.user_data: the text the tokenizer was given


def char_words(text: str) -> tuple[list[str], list[bool]]:
    """Words and spaces as ``util.get_words_and_spaces(list(text), text)`` gives them.

    Every non-space character is a word; a single " " after a character is that word's space,
    and any other whitespace run (or the rest of one) is a word of its own. Splitting at the
    runs lets ``list.extend`` add the characters of each stretch at C speed.
    """
    words: list[str] = []
    spaces: list[bool] = []
    for i, part in enumerate(_WHITESPACE_RUN.split(text)):
        if i % 2 == 0:  # a stretch of non-space characters (empty only at either end)
            words.extend(part)
            spaces.extend([False] * len(part))
            continue
        rest = part
        if words and part[0] == " ":
            spaces[-1] = True
            rest = part[1:]
        if rest:
            words.append(rest)
            spaces.append(False)
    return words, spaces


def doc_text(doc: Doc) -> str:
    """The Doc's text. spaCy's ``Doc.text`` joins every token again on each call (a second per
    million characters); the tokenizer keeps the text it was given."""
    text = doc.user_data.get(TEXT_KEY)
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    return text if isinstance(text, str) and len(text) == length else doc.text


class CharTokenizer(ChineseTokenizer):
    def __init__(self, vocab: Vocab):
        super().__init__(vocab, segmenter="char")

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc


@registry.tokenizers("policygraph.zh_chars.v1")
def create_char_tokenizer():
    def make(nlp) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make
