"""Demo data and demo-only helpers (``gui --demo``, ``demo-data``, screenshots, the embedded
platform's demo cases). Made through the same operations staff use; nothing below the
composition root (services, store, core) imports this package."""
