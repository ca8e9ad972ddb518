"""Cadence's own files and its PyInstaller spec: found from source and when frozen, well-formed.

No Qt and no PyInstaller run here: build.spec is executed against stand-ins for
PyInstaller's classes, which record what the spec asks them to build.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import calendar_app
from calendar_app import resources
from calendar_app.resources import ICON_SIZES, app_icon_path, resource_path, resources_root

ROOT = Path(calendar_app.__file__).resolve().parent.parent
LINUX = ROOT / "resources" / "linux"
APP_ID = "io.cadence.Cadence"
INSTALL = ["sh", str(LINUX / "install.sh")]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- finding resources -------------------------------------------------------------


def test_resource_path_finds_the_icon_in_the_checkout() -> None:
    assert resources_root() == ROOT / "resources"
    assert resource_path("cadence.svg") == app_icon_path()
    assert app_icon_path().is_file()
    root = ET.parse(app_icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_icon_has_the_size_in_its_name(size: int) -> None:
    assert png_size(app_icon_path(size).read_bytes()) == (size, size)


def test_there_is_no_icon_of_an_unknown_size() -> None:
    with pytest.raises(ValueError, match="no 20 px icon"):
        app_icon_path(20)


def test_resource_path_looks_in_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "cadence-16.png") == tmp_path / "resources/icons/cadence-16.png"
    assert resources.app_icon_path() == tmp_path / "resources" / "cadence.svg"


# -- Windows and macOS icon containers -----------------------------------------------


def test_the_ico_holds_one_png_per_size_up_to_256() -> None:
    data = (ROOT / "resources" / "cadence.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 6 + 16 * (index + 1)]
        width, height, _, _, _, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        image = data[offset : offset + length]
        assert png_size(image) == (width or 256, height or 256)
        assert bits == 32
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_icns_holds_png_entries_from_32_to_1024() -> None:
    data = (ROOT / "resources" / "cadence.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    entries: dict[bytes, tuple[int, int]] = {}
    offset = 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        entries[kind] = png_size(data[offset + 8 : offset + length])
        offset += length
    assert offset == len(data)
    # Finder's list view shows PNG data in the 1x 16 and 32 px entries scrambled.
    assert not {b"icp4", b"icp5", b"is32", b"il32"} & entries.keys()
    assert entries[b"ic07"] == (128, 128)
    assert entries[b"ic08"] == (256, 256)
    assert entries[b"ic09"] == (512, 512)
    assert entries[b"ic10"] == (1024, 1024)


# -- Linux desktop integration ----------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_opens_cadence_files_with_cadence() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Cadence"
    assert entry["GenericName"] == "Content calendar"
    assert entry["Comment"]
    assert entry["Exec"] == "cadence %f"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].split(";")[:3] == ["Office", "Calendar", "ProjectManagement"]
    assert entry["MimeType"] == "application/x-cadence;"
    assert entry["Keywords"].endswith(";")


def test_the_mime_type_is_the_cadence_glob_under_sqlite() -> None:
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = ET.parse(LINUX / "cadence-mime.xml").getroot().find("m:mime-type", namespace)
    assert mime_type is not None
    assert mime_type.get("type") == "application/x-cadence"
    globs = [g.get("pattern") for g in mime_type.findall("m:glob", namespace)]
    assert globs == ["*.cadence"]
    parent = mime_type.find("m:sub-class-of", namespace)
    assert parent is not None
    assert parent.get("type") == "application/vnd.sqlite3"


def test_the_metainfo_names_the_app_its_file_type_and_this_release() -> None:
    component = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert component.tag == "component"
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == "Cadence"
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("provides/mediatype") == "application/x-cadence"
    assert component.find("content_rating") is not None
    versions = [r.get("version") for r in component.findall("releases/release")]
    assert calendar_app.__version__ in versions


@pytest.mark.skipif(
    os.name != "posix" or shutil.which("install") is None, reason="needs sh and install"
)
def test_install_script_quotes_a_program_path_with_spaces(tmp_path: Path) -> None:
    data = tmp_path / "share"
    program = tmp_path / "My Apps" / "cadence"
    done = subprocess.run(
        [*INSTALL, "--data-dir", str(data), "--exec", str(program), "--no-cache-update"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    desktop = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}" %f\n' in desktop
    assert (data / "icons/hicolor/16x16/apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (data / "mime/packages" / f"{APP_ID}.xml").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    removed = subprocess.run(
        [*INSTALL, "--data-dir", str(data), "--uninstall", "--no-cache-update"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert removed.returncode == 0, removed.stderr
    assert [p for p in data.rglob("*") if p.is_file()] == []


def test_uninstalling_takes_back_the_default_application_installing_set(tmp_path: Path) -> None:
    """~/.config/mimeapps.list kept .cadence files' default on a menu entry gone."""
    config = tmp_path / "config"
    config.mkdir()
    mimeapps = config / "mimeapps.list"
    mimeapps.write_text(
        "[Default Applications]\n"
        f"application/x-cadence={APP_ID}.desktop\n"
        "text/plain=org.gnome.TextEditor.desktop\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)}
    removed = subprocess.run(
        [*INSTALL, "--data-dir", str(tmp_path / "data"), "--uninstall"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert removed.returncode == 0, removed.stderr
    assert mimeapps.read_text(encoding="utf-8") == (
        "[Default Applications]\ntext/plain=org.gnome.TextEditor.desktop\n"
    )


# -- build.spec ------------------------------------------------------------------------


class Recorder:
    """Stands in for one of PyInstaller's build classes and records its arguments."""

    calls: list[Recorder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.calls.append(self)


SAMPLE_BINARIES = [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "src", "BINARY"),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "src", "BINARY"),
    ("PySide6/Qt/lib/libQt6Network.so.6", "src", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "src", "BINARY"),
]
SAMPLE_DATAS = [("PySide6/Qt/translations/qtbase_de.qm", "src", "DATA")]


def run_spec(
    monkeypatch: pytest.MonkeyPatch, *spec_args: str, platform: str = "linux"
) -> tuple[dict[str, Any], dict[str, list[Recorder]]]:
    """Execute build.spec as PyInstaller would; return its namespace and the recorded calls."""
    calls: dict[str, list[Recorder]] = {}

    def recorder(name: str) -> type[Recorder]:
        calls[name] = []
        return type(name, (Recorder,), {"calls": calls[name]})

    class FakeAnalysis(recorder("Analysis")):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.binaries = list(SAMPLE_BINARIES)
            self.datas = [
                (f"{folder}/{Path(src).name}", src, "DATA") for src, folder in kwargs["datas"]
            ]
            self.datas += SAMPLE_DATAS
            self.pure: list[object] = []
            self.scripts: list[object] = []

    def collect_submodules(package: str, filter: Callable[[str], bool]) -> list[str]:
        folder = ROOT / package
        names = [
            ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for path in folder.rglob("*.py")
        ]
        return sorted(name for name in names if filter(name))

    class QtLibraryInfo:
        def collect_plugins(self, plugin_type: str) -> list[tuple[str, str]]:
            dest = f"PySide6/Qt/plugins/{plugin_type}"
            return [(f"/qt/{dest}/{name}", dest) for name in ("libqxcb.so", "libqwayland-egl.so")]

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    qt = types.ModuleType("PyInstaller.utils.hooks.qt")
    qt.QtLibraryInfo = QtLibraryInfo  # type: ignore[attr-defined]
    hooks.qt = qt  # type: ignore[attr-defined]
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable"):
        setattr(versioninfo, name, recorder(name))
    for name in ("StringStruct", "VarFileInfo", "VarStruct"):
        setattr(versioninfo, name, recorder(name))
    win32 = types.ModuleType("PyInstaller.utils.win32")
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    for name, module in {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.hooks.qt": qt,
        "PyInstaller.utils.win32": win32,
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "argv", [str(ROOT / "build.spec"), *spec_args])
    monkeypatch.setattr(sys, "platform", platform)

    namespace: dict[str, Any] = {
        "SPEC": str(ROOT / "build.spec"),
        "SPECPATH": str(ROOT),
        "DISTPATH": str(ROOT / "dist"),
        "workpath": str(ROOT / "build" / "build"),
        "Analysis": FakeAnalysis,
        "PYZ": recorder("PYZ"),
        "EXE": recorder("EXE"),
        "COLLECT": recorder("COLLECT"),
        "BUNDLE": recorder("BUNDLE"),
    }
    source = (ROOT / "build.spec").read_text(encoding="utf-8")
    exec(compile(source, "build.spec", "exec"), namespace)
    namespace["_qt_library_info"] = QtLibraryInfo
    return namespace, calls


def test_build_spec_compiles() -> None:
    source = (ROOT / "build.spec").read_text(encoding="utf-8")
    compile(source, "build.spec", "exec")


def test_build_spec_reads_name_and_version_from_the_project(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    namespace, calls = run_spec(monkeypatch)
    assert namespace["NAME"] == "cadence"
    assert namespace["VERSION"] == calendar_app.__version__
    (exe,) = calls["EXE"]
    assert exe.kwargs["name"] == "cadence"
    assert exe.kwargs["console"] is False
    assert exe.kwargs["exclude_binaries"] is True  # one folder by default
    (collect,) = calls["COLLECT"]
    assert collect.kwargs["name"] == "cadence"
    assert calls["BUNDLE"] == []


def test_build_spec_takes_our_resources_and_modules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    _, calls = run_spec(monkeypatch)
    (analysis,) = calls["Analysis"]
    assert analysis.args[0] == [str(ROOT / "resources" / "launcher.py")]
    datas = {
        Path(src).relative_to(ROOT / "resources").as_posix() for src, _ in analysis.kwargs["datas"]
    }
    assert "cadence.svg" in datas
    assert {f"icons/cadence-{size}.png" for size in ICON_SIZES} <= datas
    assert f"linux/{APP_ID}.desktop" in datas
    assert not {"make_icons.py", "launcher.py", "cadence.ico", "cadence.icns"} & datas
    assert all(
        not src.startswith(str(ROOT / "calendar_app")) for src, _ in analysis.kwargs["datas"]
    )
    hidden = analysis.kwargs["hiddenimports"]
    assert {"calendar_app.exchange.ical", "calendar_app.ui.main_window", "tzdata"} <= set(hidden)
    assert "calendar_app.ui.screenshots" not in hidden
    excludes = analysis.kwargs["excludes"]
    assert {"tkinter", "unittest", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork"} <= set(
        excludes
    )


def test_build_spec_leaves_out_unused_qt_plugins_and_translations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    namespace, _ = run_spec(monkeypatch)
    analysis = namespace["a"]
    assert [dest for dest, _, _ in analysis.binaries] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
    ]
    assert not any("translations" in dest for dest, _, _ in analysis.datas)
    # The Qt hooks' own plugin collection is filtered too, before dependencies are followed.
    collected = namespace["_qt_library_info"]().collect_plugins("platforms")
    assert [Path(src).name for src, _ in collected] == ["libqxcb.so"]


def test_build_spec_makes_one_file_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    namespace, calls = run_spec(monkeypatch, "--onefile")
    (exe,) = calls["EXE"]
    assert "exclude_binaries" not in exe.kwargs
    assert exe.args[2] == namespace["a"].binaries  # everything goes into the one program
    assert calls["COLLECT"] == []


def test_build_spec_gives_windows_its_icon_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    _, calls = run_spec(monkeypatch, platform="win32")
    (exe,) = calls["EXE"]
    assert exe.kwargs["icon"] == str(ROOT / "resources" / "cadence.ico")
    assert exe.kwargs["version"] is calls["VSVersionInfo"][0]
    strings = {s.args[0]: s.args[1] for s in calls["StringStruct"]}
    assert strings["ProductVersion"] == calendar_app.__version__


def test_build_spec_makes_a_mac_app_that_owns_cadence_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, calls = run_spec(monkeypatch, platform="darwin")
    (exe,) = calls["EXE"]
    assert exe.kwargs["argv_emulation"] is True
    (bundle,) = calls["BUNDLE"]
    assert bundle.kwargs["name"] == "Cadence.app"
    assert bundle.kwargs["icon"] == str(ROOT / "resources" / "cadence.icns")
    plist = bundle.kwargs["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSHandlerRank"] == "Owner"
    assert document["LSItemContentTypes"] == ["io.cadence.calendar"]
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] == "io.cadence.calendar"
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["cadence"]
