"""Reports and exchange files: CSV, HTML and PDF reports, XLSX, ClaimReview
JSON-LD, W3C Web Annotations, REFI-QDA projects and session files. Every file
is written through :func:`workbench.storage.output.atomic_output`."""
