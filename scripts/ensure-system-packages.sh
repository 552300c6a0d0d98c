#!/usr/bin/env bash
# Install the system packages the workbench needs, where they are missing and we can.
#   libmagic        file type by content (python-magic)         required
#   tesseract       OCR, with English and Arabic                 required for OCR
#   gcc             builds the chat importers' C accelerator     optional (without it they run slower)
#   for the tests:  hashdeep, poppler-utils (pdftoppm), age, openssl, xvfb (screenshots)
# Usage: scripts/ensure-system-packages.sh [run|test]
set -u
mode="${1:-run}"
missing_deb=()
have() { command -v "$1" >/dev/null 2>&1; }
has_magic() {
  # libmagic's shared library, as python-magic looks for it
  { have ldconfig && ldconfig -p 2>/dev/null | grep -q 'libmagic\.so'; } || ls /usr/lib/*/libmagic.so.1 /usr/lib/libmagic.so.1 \
    /opt/homebrew/lib/libmagic.dylib /usr/local/lib/libmagic.dylib >/dev/null 2>&1
}
has_magic || missing_deb+=(libmagic1)
have tesseract || missing_deb+=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara)
if have tesseract && ! tesseract --list-langs 2>/dev/null | grep -qx ara; then missing_deb+=(tesseract-ocr-ara); fi
{ have cc || have gcc || have clang; } || missing_deb+=(gcc)
if [ "$mode" = test ]; then
  have hashdeep || missing_deb+=(hashdeep)
  have pdftoppm || missing_deb+=(poppler-utils)
  have age || missing_deb+=(age)
  have openssl || missing_deb+=(openssl)
  have Xvfb || missing_deb+=(xvfb)
  have sha256sum || missing_deb+=(coreutils)
fi
# Qt's xcb / offscreen platform plugins need these shared libraries on Linux
if [ "$(uname -s)" = Linux ]; then
  for lib in libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libGL.so.1 libxcb-cursor.so.0; do
    if ! ldconfig -p 2>/dev/null | grep -q "$lib"; then
      case "$lib" in
        libEGL.so.1) missing_deb+=(libegl1);; libxkbcommon.so.0) missing_deb+=(libxkbcommon0 libxkbcommon-x11-0);;
        libfontconfig.so.1) missing_deb+=(libfontconfig1);; libdbus-1.so.3) missing_deb+=(libdbus-1-3);;
        libGL.so.1) missing_deb+=(libgl1);; libxcb-cursor.so.0) missing_deb+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0);;
      esac
    fi
  done
fi
[ ${#missing_deb[@]} -eq 0 ] && exit 0

if [ "$(uname -s)" = Darwin ]; then
  echo "Missing system packages. Install them with Homebrew:" >&2
  echo "  brew install libmagic tesseract tesseract-lang hashdeep poppler age" >&2
  echo "(and xcode-select --install for a C compiler, if none is found)" >&2
  exit 1
fi
if have apt-get; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "Missing system packages: ${missing_deb[*]}" >&2
      echo "Install them with:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing_deb[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing system packages: ${missing_deb[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq "${missing_deb[@]}" >/dev/null || {
    echo "Could not install: ${missing_deb[*]}. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing_deb[*]}" >&2
    exit 1
  }
  exit 0
fi
echo "Missing system packages: ${missing_deb[*]} (install them with your system's package manager)" >&2
exit 1
