"""Device simulators that speak the real protocols over pseudo-terminals."""
