"""Photo matching for after-sale cases on real (generated) images: the same piece photographed
again matches; another piece of the same design does not; bad photos are refused or unknown."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from app.core.errors import ValidationError
from app.core.fingerprint import photo_verdict
from app.services import photo_match
from bench.case_images import KINDS, Piece, different_pairs, instance, photograph, same_pairs, shot


def _verdict(a: bytes, b: bytes, features: bytes | None = None) -> str:
    return photo_verdict(photo_match.match_view(a, b, features).score)


@pytest.mark.parametrize("i", range(len(KINDS)))
def test_the_same_piece_photographed_again_matches(i: int) -> None:
    piece, a, b = same_pairs(1, start=40 + i)[0]
    match = photo_match.match_view(a, b)
    assert photo_verdict(match.score) == "same", (piece, match.score)


@pytest.mark.parametrize("i", range(len(KINDS)))
def test_another_piece_of_the_same_design_does_not(i: int) -> None:
    piece, a, b = different_pairs(1, start=40 + i)[0]
    assert _verdict(a, b) != "same", piece


def test_turned_a_quarter_and_in_dim_light_still_matches() -> None:
    img = instance(Piece("phone_back", 2, 7))
    a = photograph(img, 11)
    grey = cv2.imdecode(np.frombuffer(photograph(img, 12), np.uint8), cv2.IMREAD_COLOR)
    dim = cv2.rotate((grey * 0.45).astype(np.uint8), cv2.ROTATE_90_CLOCKWISE)
    b = bytes(cv2.imencode(".png", dim)[1])
    assert _verdict(a, b) == "same"


def test_stored_features_give_the_same_answer_and_the_drawing_shows_both_photos() -> None:
    _, a, b = same_pairs(1, start=3)[0]
    fresh = photo_match.match_view(a, b)
    stored = photo_match.match_view(a, b, photo_match.features_bytes(a))
    assert stored.score == fresh.score
    drawn = cv2.imdecode(np.frombuffer(stored.drawn_png, np.uint8), cv2.IMREAD_COLOR)
    assert drawn is not None and drawn.shape[1] == 2 * 640 and stored.drawn_png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_featureless_photo_cannot_be_judged_and_garbage_is_refused() -> None:
    a = shot(Piece("ring", 0, 1), 1)
    blank = bytes(cv2.imencode(".png", np.full((480, 640, 3), 40, np.uint8))[1])
    assert _verdict(a, blank) == "unknown"
    with pytest.raises(ValidationError):
        photo_match.match_view(a, b"\xff\xd8\xff not a jpeg")
    with pytest.raises(ValidationError):
        photo_match.match_view(b"", a)


def test_a_mirror_image_is_not_a_geometry_a_camera_gives() -> None:
    img = instance(Piece("pendant", 1, 3))
    a = photograph(img, 21)
    mirrored = cv2.flip(cv2.imdecode(np.frombuffer(photograph(img, 22), np.uint8), cv2.IMREAD_COLOR), 1)
    assert _verdict(a, bytes(cv2.imencode(".png", mirrored)[1])) != "same"


def test_dispatch_compare_still_says_ok_for_the_same_piece() -> None:
    _, a, b = same_pairs(1, start=5)[0]
    assert photo_match.compare(a, a).ok and photo_match.compare(a, b).ok
