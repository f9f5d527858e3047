"""Errors a person reads. Every failure that reaches a user carries a stable code and a
message in both interface languages; the GUI picks the language, logs keep the code."""

from __future__ import annotations

from typing import Any


class TWError(Exception):
    """Base for all failures the workstation explains to its users."""

    code: str = "error"

    def __init__(self, zh: str, en: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        if code:
            self.code = code
        self.details = details

    def message(self, lang: str = "zh_CN") -> str:
        return self.zh if lang.startswith("zh") else self.en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class DomainError(TWError):
    """A rule of the warehouse was broken (illegal transition, bad value, ...)."""

    code = "domain"


class ValidationError(DomainError):
    """Input from a person, device or the network was rejected."""

    code = "invalid"


class PermissionDenied(DomainError):
    code = "forbidden"


class IllegalTransition(DomainError):
    code = "illegal_transition"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The thing was already done (a second receipt, a taken tag...)."""

    code = "conflict"


class DeviceError(TWError):
    """A device failed or answered something the driver cannot accept."""

    code = "device"


class StorageError(TWError):
    code = "storage"
