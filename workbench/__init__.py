"""Evidence Workbench core: cases, vault, hashing, custody, intake, verification, CLI. Never imports Qt."""

__version__ = "0.1.0"
TOOL_NAME = "Evidence Workbench"
