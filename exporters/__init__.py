"""Exporters: BagIt bundles, the PDF report, intake receipts, and bundle verification.

A library with no dependence on the case database: the lead adapts a case to
:class:`exporters.source.BundleSource`. Entry points: :func:`exporters.bundle.export_bundle`,
:func:`exporters.verify_bundle.verify_bundle`, :func:`exporters.receipt.write_receipt`.
"""

from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent / "schemas"


def schema(name: str) -> dict:
    """One of the shipped JSON Schemas: "items", "message" or "custody-line"."""
    import json

    return json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
