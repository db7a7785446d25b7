"""Load conversations from files; records that fail validation become rejects, never silent losses."""

from cx.importers.files import load, redrive, write_rejects
from cx.importers.result import ImportFileError, ImportResult, Reject

__all__ = ["ImportFileError", "ImportResult", "Reject", "load", "redrive", "write_rejects"]
