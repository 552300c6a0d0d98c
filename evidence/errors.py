"""The one exception an importer or extractor may raise."""


class UnsupportedFormat(Exception):
    """"Not mine": the input is not of the format this importer handles.

    Anything wrong *inside* a file an importer accepts is a stored warning, never an exception.
    """
