"""The one place that imports Qt (qutebrowser's ``qt/`` wrapper). Every other ui module imports from here.

Keeping a single import point means the core can be checked to never load PySide6, and a future switch
of binding (or version) touches one file.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import *
from PySide6.QtCore import Signal, Slot  # noqa: F401
from PySide6.QtGui import *
from PySide6.QtWidgets import *

QT_VERSION = QtCore.qVersion()


def tr(context: str, text: str) -> str:
    """Translate a string outside a QObject (module-level texts)."""
    return QtCore.QCoreApplication.translate(context, text)
