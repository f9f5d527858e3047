import pytest

from app.devices.sim.scale import ScaleSimulator


@pytest.fixture
def scale_sim():
    sims = []

    def make(protocol="mt-sics", **kw):
        kw.setdefault("settle_s", 0.05)
        kw.setdefault("stable_timeout", 0.5)
        sim = ScaleSimulator(protocol, seed=1, **kw)
        sim.start()
        sims.append(sim)
        return sim

    yield make
    for s in sims:
        s.stop()
