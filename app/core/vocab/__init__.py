"""Grading vocabularies: every code an appraiser can pick, with its Chinese and English name
and, where the standard gives one, the criterion shown beside it.

Certificates and platform events carry only codes; names are looked up here so that a
certificate never says something the vocabulary does not define. Sub-modules hold one
standard each (metals: GB 11887, diamond: GB/T 16554, jadeite: GB/T 23885, gems and
treatments: GB/T 16552, phone grades: trade practice, pieces: jewellery types).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.core.errors import ValidationError


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary. ``aliases`` are other spellings seen on hallmarks, ASNs or
    merchant titles; they are only used to *recognise* input, never printed."""

    code: str
    zh: str
    en: str
    criteria_zh: str = ""
    criteria_en: str = ""
    aliases: tuple[str, ...] = ()

    def name(self, lang: str = "zh_CN") -> str:
        return self.zh if lang.startswith("zh") else self.en


T = TypeVar("T", bound=Term)


def _key(text: str) -> str:
    # Hallmarks and ASN fields differ in case, spaces and full-width characters.
    return "".join(text.split()).casefold().replace("（", "(").replace("）", ")")


@dataclass(frozen=True)
class Vocabulary(Generic[T]):
    """An ordered, read-only set of terms. Order is the order a picker shows them in
    (best grade first where the terms are grades)."""

    name_zh: str
    name_en: str
    terms: tuple[T, ...]
    _by_code: dict[str, T] = field(init=False, repr=False, compare=False)
    _by_text: dict[str, T] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, T] = {}
        by_text: dict[str, T] = {}
        for term in self.terms:
            if term.code in by_code:
                raise ValueError(f"duplicate code {term.code!r} in {self.name_en}")
            by_code[term.code] = term
        for term in self.terms:
            for text in (term.code, term.zh, term.en, *term.aliases):
                by_text.setdefault(_key(text), term)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_text", by_text)

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def get(self, code: object) -> T:
        """The term with exactly this code; anything else is a ValidationError that names
        the vocabulary, so the appraiser sees which field is wrong."""
        if isinstance(code, str) and code in self._by_code:
            return self._by_code[code]
        raise ValidationError(
            f"“{self.name_zh}”中没有代码 {code!r}",
            f"{code!r} is not a code of {self.name_en}",
            field=self.name_en,
        )

    def find(self, text: object) -> T | None:
        """Recognise free text (code, Chinese or English name, alias), e.g. a merchant's
        declaration. Returns None when nothing matches; never guesses partial matches."""
        if not isinstance(text, str) or not text.strip():
            return None
        return self._by_text.get(_key(text))

    def index(self, code: str) -> int:
        """Rank of a grade (0 = first/best) for comparisons."""
        return self.terms.index(self.get(code))


def vocabulary(name_zh: str, name_en: str, terms: Iterable[T]) -> Vocabulary[T]:
    return Vocabulary(name_zh, name_en, tuple(terms))


__all__ = ["Term", "Vocabulary", "vocabulary"]
