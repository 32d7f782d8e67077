"""sohoa pipeline: scanned Vietnamese administrative reports in, a queryable dataset out.

Stages, in the order the orchestrator runs them for one document:

    inputs.page_images  →  cleanup.clean_page  →  ocr.ocr_image
        →  diacritics.restore_diacritics  →  patterns.extract_document  →  dataset.document_rows

Legacy OCR text files enter at the restoration stage.
"""

__version__ = "0.1.0"
