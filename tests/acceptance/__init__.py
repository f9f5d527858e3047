"""Acceptance suite: the real workstation (``python -m app gui --demo``) under its own Xvfb
at 1366x768, driven only by real X input (xdotool): a scanner types at 8 ms a key with Shift
for capitals and ends with Return, a person at 150 ms. Results are checked in the station's
SQLite database (read-only) and screenshots are left under ``build/acceptance/`` (or
``$TW_ACCEPTANCE_ARTIFACTS``) with the application's log. Skips with the reason when
Xvfb/xdotool/xwininfo are missing (scripts/setup.sh installs them). About 1.5 minutes."""
