"""The composition root: what runs beside the window, built from the typed settings.

- ``station``: opens the station (database, services; demo accounts and data in demo mode
  only) and ``Runtime``, which starts the configured devices and sync in the background;
- ``sync``: the platform client, the sync worker and the signing-key exchange;
- ``platform``: the embedded reference platform (demo mode only).

The window gets what it needs from here; nothing below (sync, certs, devices, services,
store, core) imports this package. Kept empty so importing one part loads only that part.
"""
