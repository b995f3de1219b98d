"""Text → event records: the extractor stage of policygraph (see docs/extraction.md)."""

from .knowledge import Knowledge, curated_records, load_knowledge, reference_records
from .pipeline import DocumentInfo, DocumentResult, Extractor, Skipped, build_pipeline

__all__ = [
    "DocumentInfo",
    "DocumentResult",
    "Extractor",
    "Knowledge",
    "Skipped",
    "build_pipeline",
    "curated_records",
    "load_knowledge",
    "reference_records",
]
