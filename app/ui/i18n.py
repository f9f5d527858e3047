"""Qt translations: one .ts file per station under app/resources/i18n, compiled to .qm
(at build time for a wheel or the bundle; ``install_translators`` only loads them).

    python -m app.ui.i18n update     # refresh .ts files from the sources (lupdate)
    python -m app.ui.i18n fill FILE.ts MAP.json   # set translations from an en->zh map
    python -m app.ui.i18n check      # list strings without a translation (exit 1 if any)
    python -m app.ui.i18n compile    # build the .qm files (setup does this)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from app import resources

# json, subprocess and ElementTree serve the tools (update, fill, check, compile): they are
# imported where used, not on every start of the workstation.
if TYPE_CHECKING:  # Qt loads with the window, not with this module
    from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]  # the source checkout (update/check/compile work there)
UI_DIR = ROOT / "app" / "ui"
I18N_DIR = resources.i18n_dir()
LANG = "zh_CN"


def join_list(items: Iterable[str], zh: bool) -> str:
    """Names in a run of text: 甲、乙 in Chinese, "a, b" in English (an English status bar
    read "Appraiser、Manual entry allowed")."""
    return ("、" if zh else ", ").join(items)


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    if exe.exists():
        return str(exe)
    import shutil

    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def sections() -> dict[str, list[Path]]:
    """Station sub-packages get their own .ts; loose modules in app/ui form 'shell'."""
    result: dict[str, list[Path]] = {"shell": sorted(p for p in UI_DIR.glob("*.py"))}
    for sub in sorted(p for p in UI_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        result[sub.name] = sorted(sub.rglob("*.py"))
    devices_qt = ROOT / "app" / "devices" / "qt.py"
    if devices_qt.exists():
        result["shell"].append(devices_qt)
    return result


# Words several stations use (Zero, Note, pass, ...) are translated once, here; ``update``
# copies these translations into every station's file, and a test fails when two files
# translate the same source text differently.
COMMON_TS = I18N_DIR / f"common_{LANG}.ts"


def common_words() -> dict[str, str]:
    """source -> translation of the shared glossary."""
    if not COMMON_TS.exists():
        return {}
    return {src: tr for (_ctx, src), tr in messages(COMMON_TS).items() if tr is not None}


def inconsistent() -> list[str]:
    """Source texts translated differently in two files, or differently from the glossary,
    and texts that several station files share but the glossary lacks."""
    import xml.etree.ElementTree as ET

    common = common_words()
    seen: dict[str, dict[str, set[str]]] = {}
    for ts in sorted(I18N_DIR.glob(f"*_{LANG}.ts")):
        if ts == COMMON_TS:
            continue
        for msg in ET.parse(ts).getroot().iter("message"):
            if msg.find("comment") is not None:
                continue  # disambiguated on purpose (tr(text, "parcel")): its own meaning
            src, tr = msg.findtext("source") or "", msg.find("translation")
            if (
                tr is not None
                and (tr.text or "").strip()
                and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            ):
                seen.setdefault(src, {}).setdefault(tr.text or "", set()).add(ts.name)
    problems = []
    for src, translations in sorted(seen.items()):
        files = set().union(*translations.values())
        if len(translations) > 1:
            problems.append(
                f"{src!r} is translated differently: {dict(sorted((t, sorted(f)) for t, f in translations.items()))}"
            )
        elif src in common and common[src] not in translations:
            problems.append(f"{src!r} differs from {COMMON_TS.name}: {sorted(translations)} vs {common[src]!r}")
        elif len(files) > 1 and src not in common:
            problems.append(f"{src!r} is in {sorted(files)}: translate it once in {COMMON_TS.name}")
    return problems


def ts_path(section: str) -> Path:
    return I18N_DIR / f"{section}_{LANG}.ts"


def update(target_dir: Path = I18N_DIR) -> list[Path]:
    import subprocess

    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, files in sections().items():
        if not files:
            continue
        out = target_dir / f"{name}_{LANG}.ts"
        # No source locations: line numbers would churn the .ts files on every edit.
        subprocess.run(
            [
                _tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-extensions",
                "py",
                *map(str, files),
                "-ts",
                str(out),
            ],
            check=True,
        )
        fill(out, common_words(), plain_only=True)
        written.append(out)
    return written


def messages(ts_file: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, or None when unfinished/empty."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts_file)
    result: dict[tuple[str, str], str | None] = {}
    for ctx in tree.getroot().iter("context"):
        cname = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            done = (
                tr is not None
                and (tr.text or "").strip()
                and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            )
            result[(cname, msg.findtext("source") or "")] = tr.text if done and tr is not None else None
    return result


def fill(ts_file: Path, mapping: dict[str, str], *, plain_only: bool = False) -> int:
    """Set translations by source text; ``plain_only`` leaves disambiguated messages alone."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts_file)
    count = 0
    for msg in tree.getroot().iter("message"):
        if plain_only and msg.find("comment") is not None:
            continue
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if src in mapping and tr is not None and (tr.text != mapping[src] or "type" in tr.attrib):
            tr.text = mapping[src]
            tr.attrib.pop("type", None)
            count += 1
    if not count:
        return 0  # unchanged: leave the file exactly as lupdate wrote it
    # Write it back the way lupdate does, so fill and update do not fight over formatting.
    body = ET.tostring(tree.getroot(), encoding="unicode").replace(" />", "/>").replace("'", "&apos;")
    ts_file.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return count


def untranslated() -> list[str]:
    missing = []
    for ts in sorted(I18N_DIR.glob(f"*_{LANG}.ts")):
        missing += [f"{ts.name}: [{c}] {s}" for (c, s), t in messages(ts).items() if t is None]
    return missing


def compile_all() -> list[Path]:
    import subprocess

    out = []
    for ts in sorted(I18N_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load every station's .qm for ``lang``; English needs none (it is the source)."""
    from PySide6.QtCore import QTranslator

    installed: list[QTranslator] = []
    if not lang.startswith("zh"):
        return installed
    stale = [
        ts
        for ts in I18N_DIR.glob(f"*_{LANG}.ts")
        if not ts.with_suffix(".qm").exists() or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if stale and not getattr(sys, "frozen", False):  # a translation changed since the last build
        import subprocess

        try:
            compile_all()
        except (OSError, subprocess.CalledProcessError):
            pass  # old .qm files, if any, are better than none
    for qm in sorted(I18N_DIR.glob(f"*_{LANG}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            installed.append(tr)
    qt_own = qt_translator(app, LANG)
    if qt_own is not None:
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed


def qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Qt's own texts (OK/Cancel, the print and file dialogs, a line edit's menu) from the
    qtbase catalogue PySide6 ships; without it those stay English in the Chinese UI."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    tr = QTranslator(app)
    for folder in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(I18N_DIR)):
        if tr.load(f"qtbase_{lang}", folder):
            return tr
    return None


def main(argv: list[str]) -> int:
    import json

    cmd = argv[0] if argv else "compile"
    if cmd == "update":
        for p in update():
            print(p.relative_to(ROOT))
    elif cmd == "fill":
        print(fill(Path(argv[1]), json.loads(Path(argv[2]).read_text(encoding="utf-8"))), "filled")
    elif cmd == "check":
        missing = untranslated()
        print("\n".join(missing) or "all strings translated")
        return 1 if missing else 0
    elif cmd == "compile":
        for p in compile_all():
            print(p.relative_to(ROOT))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
