import socket
import threading

import cv2
import numpy as np
import pytest
import zplkit
import zplkit.rendering
from pyzbar import pyzbar

from app.devices.errors import PrinterError
from app.devices.labels import TagLabel, tag_label_pdf, tag_label_zpl
from app.devices.printer import FileZplPrinter, PdfLabelPrinter, TcpZplPrinter

LABEL = TagLabel("TW2611210000017", "https://verify.example/c/TW2611210000017", "18K金戒指 3.2g")


def test_zpl_has_utf8_font_barcode_qr_and_text():
    z = tag_label_zpl(LABEL)
    assert z.startswith("^XA") and z.rstrip().endswith("^XZ")
    assert "^CI28" in z and "^CWZ," in z and "^BCN" in z and "^BQN,2," in z
    assert "^FDTW2611210000017^FS" in z and "18K金戒指" in z


def test_field_data_cannot_inject_commands():
    z = tag_label_zpl(TagLabel("A^XZ~JR", "q", "x^FS"))
    assert "^XZ~JR" not in z and z.count("^XZ") == 1


def test_zpl_renders_and_its_codes_decode():
    # the Chinese TrueType font lives on the printer; offline, font Z falls back to the default
    # (and has no CJK glyphs), so the offline render uses an ASCII description
    ascii_label = TagLabel(LABEL.tag, LABEL.qr_text, "18K ring 3.2g")
    zpl = "\n".join(line for line in tag_label_zpl(ascii_label).splitlines() if not line.startswith("^CW"))
    doc = zplkit.render(
        zpl.encode("utf-8"),
        zplkit.Options(compatibility=zplkit.rendering.Compatibility(unavailable_fonts_use_default=True)),
    )
    png = doc.labels[0].png()
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    img = cv2.copyMakeBorder(img, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)  # the label's margin
    found = {(s.type, s.data.decode()) for s in pyzbar.decode(img)}
    assert ("CODE128", LABEL.tag) in found
    assert ("QRCODE", LABEL.qr_text) in found


def test_pdf_label_embeds_the_chinese_font():
    pdf = tag_label_pdf(LABEL)
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf and b"WenQuanYi" in pdf


def test_file_and_pdf_printers(tmp_path):
    p = FileZplPrinter(tmp_path / "labels").print_label(LABEL)
    assert open(p, encoding="utf-8").read() == tag_label_zpl(LABEL)
    q = PdfLabelPrinter(tmp_path / "labels").print_label(LABEL)
    assert q.endswith(".pdf")


def test_tcp_printer_sends_raw_zpl():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    got = []

    def serve():
        conn, _ = srv.accept()
        with conn:
            while chunk := conn.recv(65536):
                got.append(chunk)

    t = threading.Thread(target=serve)
    t.start()
    TcpZplPrinter("127.0.0.1", srv.getsockname()[1]).print_label(LABEL)
    t.join(3)
    srv.close()
    assert b"".join(got).decode("utf-8") == tag_label_zpl(LABEL)


def test_unreachable_printer_is_a_clear_error():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(PrinterError) as e:
        TcpZplPrinter("127.0.0.1", port, timeout=1).print_label(LABEL)
    assert "标签打印机" in e.value.zh
