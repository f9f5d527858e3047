"""After-sale photo comparison (issue 14): false-match and false-non-match rates on
generated pairs (``bench/case_images.py``), and the time one view's comparison takes.

* ``cases_photo_false_match_rate``: pairs of two different pieces of the same design
  (same ring model, another phone of the same model and colour) judged ``same``.
* ``cases_photo_false_non_match_rate``: pairs of one piece photographed twice (other
  light, angle, offset, tilt) not judged ``same`` (``different`` or ``unknown``).

Target at most 2 % each. The baseline of each rate is the dispatch desk's yes/no matcher
(``photo_match.compare``, ORB inliers alone) on the same pairs, measured in the same run:
it matches on the design and cannot tell two pieces of one model apart. The time per
comparison has the dispatch matcher's time as its baseline.

    python bench/run.py cases          # TW_BENCH_CASE_PAIRS=60 by default
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_RATE = 0.02


def run() -> list[dict[str, Any]]:
    from app.core.fingerprint import photo_verdict
    from app.services import photo_match
    from bench.case_images import different_pairs, same_pairs
    from bench.common import figure, median

    n = max(50, int(os.environ.get("TW_BENCH_CASE_PAIRS", "60")))
    same, different = same_pairs(n, start=1000), different_pairs(n, start=1000)
    ours: dict[str, list[bool]] = {"same": [], "different": []}
    dispatch: dict[str, list[bool]] = {"same": [], "different": []}
    t_ours: list[float] = []
    t_dispatch: list[float] = []
    for label, pairs in (("same", same), ("different", different)):
        for _piece, a, b in pairs:
            t0 = time.perf_counter()
            verdict = photo_verdict(photo_match.match_view(a, b).score)
            t1 = time.perf_counter()
            ok = photo_match.compare(a, b).ok
            t2 = time.perf_counter()
            ours[label].append(verdict == "same")
            dispatch[label].append(ok)
            t_ours.append((t1 - t0) * 1000)
            t_dispatch.append((t2 - t1) * 1000)

    def rate(flags: list[bool], wanted: bool) -> float:
        return sum(1 for f in flags if f != wanted) / len(flags)

    fm, fm_base = rate(ours["different"], False), rate(dispatch["different"], False)
    fnm, fnm_base = rate(ours["same"], True), rate(dispatch["same"], True)
    out = [
        dict(
            figure("cases_photo_false_match_rate", fm, "ratio", fm_base, f"<= {TARGET_RATE}", fm <= TARGET_RATE),
            pairs=len(different),
        ),
        dict(
            figure("cases_photo_false_non_match_rate", fnm, "ratio", fnm_base, f"<= {TARGET_RATE}", fnm <= TARGET_RATE),
            pairs=len(same),
        ),
        dict(
            figure(
                "cases_photo_comparison_ms_median",
                median(t_ours),
                "ms",
                median(t_dispatch),
                "< 1000 (one view)",
                median(t_ours) < 1000,
            ),
            pairs=len(same) + len(different),
        ),
    ]
    return out


if __name__ == "__main__":
    import json

    for f in run():
        print(json.dumps(f, ensure_ascii=False))
