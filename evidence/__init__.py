"""Importers and extractors: pure functions over bytes and streams.

No SQL and no Qt here. Every extractor reports through an :class:`evidence.context.ExtractionContext`
(the mediator), which stamps provenance on each derived record.
"""
