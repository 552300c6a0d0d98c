"""The one compiled part: the line engine's C accelerator (evidence/chats/_speedups.c).

``optional=True``: where no C compiler is found (a Windows laptop without Visual C++, say) the package
installs without it and the chat importers use their Python loops (evidence/chats/_native.py), which give
the same results more slowly. Everything else about the package is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("evidence.chats._speedups", ["evidence/chats/_speedups.c"], optional=True)])
