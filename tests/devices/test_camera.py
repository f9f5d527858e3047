import hashlib
import queue
import time

import cv2
import pytest

from app.devices.camera import Camera
from app.devices.camsim import SyntheticSource
from app.devices.decode import decode_frame
from app.devices.errors import CameraError


@pytest.mark.parametrize("kind, expect", [("qr", "qr"), ("code128", "code128"), ("datamatrix", "datamatrix")])
def test_decodes_codes_in_synthetic_frames(kind, expect):
    ok, frame = SyntheticSource(1280, 720, code_text="TW2611210000017", code_kind=kind).read()
    assert ok and frame.shape == (720, 1280, 3)
    assert [(c.kind, c.text) for c in decode_frame(frame)] == [(expect, "TW2611210000017")]


def test_plain_frame_has_no_codes():
    assert decode_frame(SyntheticSource(640, 360).read()[1]) == []


def test_simulated_camera_preview_codes_and_still():
    frames, codes = queue.Queue(), queue.Queue()
    cam = Camera(
        "simulated",
        width=640,
        height=360,
        on_frame=frames.put,
        on_codes=codes.put,
        decode=True,
        code_text="TW2611210000017",
    )
    cam.start()
    try:
        assert frames.get(timeout=2).shape == (360, 640, 3)
        assert codes.get(timeout=3)[0].text == "TW2611210000017"
        still = cam.capture_still()
        assert still.jpeg[:2] == b"\xff\xd8" and still.sha256 == hashlib.sha256(still.jpeg).hexdigest()
        assert (still.width, still.height) == (640, 360)
        assert cam.state == "running"
    finally:
        cam.stop()


def test_video_file_and_image_folder_stand_in(tmp_path):
    src = SyntheticSource(320, 240, code_text="VID-123456", code_kind="qr")
    path = tmp_path / "clip.avi"
    w = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 25, (320, 240))
    for _ in range(5):
        w.write(src.read()[1])
    w.release()
    folder = tmp_path / "imgs"
    folder.mkdir()
    cv2.imwrite(str(folder / "a.png"), src.read()[1])
    for source in (str(path), str(folder)):
        got = queue.Queue()
        cam = Camera(source, on_frame=got.put)
        cam.start()
        try:
            assert got.get(timeout=2).shape == (240, 320, 3)
        finally:
            cam.stop()


def test_missing_camera_is_a_state_not_a_crash(tmp_path):
    states = []
    cam = Camera(str(tmp_path / "no-such.mp4"), on_state=states.append)
    cam.start()
    time.sleep(0.3)
    assert cam.state == "missing"
    with pytest.raises(CameraError) as e:
        cam.capture_still(timeout=0.1)
    assert "missing" in e.value.en
    cam.stop()
