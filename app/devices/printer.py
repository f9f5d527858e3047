"""Where a label goes: raw ZPL over TCP (port 9100 by default), a file, the system queue
(``lp -o raw``), or a PDF (file or queue) for an ordinary printer."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from abc import ABC, abstractmethod
from pathlib import Path

from .errors import PrinterError
from .labels import TagLabel, tag_label_pdf, tag_label_zpl


class LabelPrinter(ABC):
    kind = "?"

    @abstractmethod
    def print_label(self, label: TagLabel) -> str:
        """Print; returns where it went (for the audit log and the operator)."""


class TcpZplPrinter(LabelPrinter):
    kind = "tcp"

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout

    def print_label(self, label: TagLabel) -> str:
        data = tag_label_zpl(label).encode("utf-8")
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as s:
                s.sendall(data)
        except OSError as exc:
            raise PrinterError(
                f"标签打印机无法连接（{self.host}:{self.port}）",
                f"Label printer unreachable ({self.host}:{self.port}): {exc}",
            ) from exc
        return f"tcp://{self.host}:{self.port}"


class FileZplPrinter(LabelPrinter):
    kind = "file"

    def __init__(self, folder: str | Path, suffix: str = ".zpl") -> None:
        self.folder, self.suffix = Path(folder), suffix

    def _path(self, label: TagLabel) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in label.tag)
        return self.folder / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}{self.suffix}"

    def print_label(self, label: TagLabel) -> str:
        path = self._path(label)
        try:
            path.write_text(tag_label_zpl(label), encoding="utf-8")
        except OSError as exc:
            raise PrinterError("标签文件无法写入", f"Cannot write label file: {exc}") from exc
        return str(path)


def _lp(data: bytes, queue: str | None, raw: bool) -> None:
    if shutil.which("lp") is None:
        raise PrinterError("系统没有打印队列（找不到 lp）", "No system print queue (lp not found)")
    cmd = ["lp"] + (["-d", queue] if queue else []) + (["-o", "raw"] if raw else [])
    try:
        out = subprocess.run(cmd, input=data, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrinterError("打印队列无响应", f"Print queue failed: {exc}") from exc
    if out.returncode != 0:
        msg = out.stderr.decode(errors="replace").strip()
        raise PrinterError(f"打印队列拒绝：{msg}", f"Print queue refused the job: {msg}")


class QueueZplPrinter(LabelPrinter):
    kind = "queue"

    def __init__(self, queue: str | None = None) -> None:
        self.queue = queue

    def print_label(self, label: TagLabel) -> str:
        _lp(tag_label_zpl(label).encode("utf-8"), self.queue, raw=True)
        return f"lp:{self.queue or 'default'}"


class PdfLabelPrinter(FileZplPrinter):
    """PDF labels into a folder, or (``queue`` set) to an ordinary printer via lp."""

    kind = "pdf"

    def __init__(self, folder: str | Path, queue: str | None = None) -> None:
        super().__init__(folder, ".pdf")
        self.queue = queue

    def print_label(self, label: TagLabel) -> str:
        pdf = tag_label_pdf(label)
        path = self._path(label)
        path.write_bytes(pdf)
        if self.queue is not None:
            _lp(pdf, self.queue or None, raw=False)
        return str(path)
