"""The errors services raise: one type for bad input, naming each field and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field (and, for files, one row)."""

    field: str
    label: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"Dòng {self.row}, cột “{self.label}”" if self.row is not None else self.label
        return f"{where}: {self.message}"


class ServiceError(Exception):
    """A refusal the user can understand; ``str()`` is the Vietnamese message."""


class ValidationError(ServiceError):
    """Input that cannot be saved; ``errors`` lists every field that is wrong."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    def for_field(self, field: str) -> list[FieldError]:
        return [error for error in self.errors if error.field == field]


class NotFoundError(ServiceError):
    """The record asked for does not exist (or was deleted)."""


class PermissionDenied(ServiceError):
    """The acting user may not do this."""


class StaleRecordError(ServiceError):
    """The record was changed (or deleted) by someone else since it was loaded: the save is
    refused rather than overwriting their change."""
