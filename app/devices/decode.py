"""Barcodes in camera frames: pyzbar for Code 128, EAN-13 and QR; zxing-cpp for DataMatrix."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Code:
    kind: str  # "code128", "ean13", "qr", "datamatrix"
    text: str


_PYZBAR = {"CODE128": "code128", "EAN13": "ean13", "QRCODE": "qr"}


def decode_frame(frame: np.ndarray, datamatrix: bool = True) -> list[Code]:
    import cv2
    from pyzbar import pyzbar

    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    out: list[Code] = []
    symbols = [pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.EAN13, pyzbar.ZBarSymbol.QRCODE]
    for s in pyzbar.decode(gray, symbols=symbols):
        out.append(Code(_PYZBAR[s.type], s.data.decode("utf-8", errors="replace")))
    if datamatrix:
        import zxingcpp

        for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.DataMatrix)):
            out.append(Code("datamatrix", r.text))
    return out
