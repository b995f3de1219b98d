"""One token per character, as spaCy's `zh` "char" segmenter makes them, in linear time.

spaCy's segmenter aligns the characters with the text through
`util.get_words_and_spaces`, which slices the rest of the text once per character:
quadratic in the length of a sentence, and the largest single cost of extraction.
This tokenizer gives the same words and spaces (a test compares them on fuzzed text)
by walking the text once.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

# a character with the one " " that may follow it, or a run of whitespace of its own
_TOKEN = re.compile(r"(\S)( ?)|(\s+)")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Each non-space character a word; one " " after a word becomes its trailing space;
    any other run of whitespace is a word of its own (as in spaCy)."""
    words: list[str] = []
    spaces: list[bool] = []
    for char, space, run in _TOKEN.findall(text):
        words.append(char or run)
        spaces.append(bool(space))
    return words, spaces


class CharTokenizer:
    """spaCy tokenizer: `nlp.tokenizer = CharTokenizer(nlp.vocab)`."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)
