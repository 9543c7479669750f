"""Errors that reach the user as one clear sentence (never a traceback)."""

from __future__ import annotations


class ReaderError(Exception):
    """A problem with the user's input: shown as its message, never as a traceback."""


class ManifestError(ReaderError):
    """A corpus manifest that cannot be read or does not have the fields it needs."""

    def __init__(self, path: object, field: str | None, problem: str) -> None:
        self.path = str(path)
        self.field = field
        self.problem = problem
        where = f"{self.path}: {field}" if field else self.path
        super().__init__(f"{where}: {problem}")


class UnreadableFileError(ReaderError):
    """A document file that is missing, binary or not decodable as text."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UnknownDocumentError(ReaderError):
    """A document id that is neither in the corpus nor an existing file."""


class MetadataError(ReaderError):
    """A metadata value given by the user (date, perspective, language) that is not in the form it must have."""


class CorpusWriteError(ReaderError):
    """The user corpus folder or its manifest cannot be written."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
