#!/usr/bin/env bash
# Set up (or reuse) the project environment: Debian packages the report and the
# tests need, a virtual environment in .venv, and lkjipkit installed editable
# with its development tools. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

# --- Debian packages -------------------------------------------------------
# libpango: WeasyPrint's text layout (the PDF); poppler-utils: pdftotext and
# pdftoppm (PDF tests); chromium: the headless-browser test of the HTML report;
# fonts: a serif and a sans with Indonesian glyphs for the PDF; libcairo2: cairosvg
# (the Word document's figures); LibreOffice Writer: the tests that print the Word document.
need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2' || need+=(libcairo2)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
for font in fonts-dejavu-core fonts-dejavu-extra fonts-liberation; do
  dpkg -s "$font" >/dev/null 2>&1 || need+=("$font")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (${need[*]}); install them as root:" >&2
    echo "       apt-get install ${need[*]}" >&2
  fi
fi

# --- Python environment ----------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.lkjipkit-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  echo "setup: installing lkjipkit and the exact versions of requirements.lock into $VENV"
  pip_quiet() {  # pip, minus the warnings about this machine's extra indexes; a pip failure stops the set-up
    "$VENV/bin/python" -m pip "$@" 2>&1 | { grep -v "^WARNING: Location" || true; }
  }
  pip_quiet install --quiet --upgrade pip
  # The locked versions first (the same numbers and layout in next year's rerun), then lkjipkit itself.
  pip_quiet install --quiet -r requirements.lock
  pip_quiet install --quiet --no-deps -e '.[dev]'
  # The notebooks run on the kernel of this environment, whatever else is installed.
  "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
  touch "$stamp"
fi
