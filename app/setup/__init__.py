"""Setting up a warehouse's workstation: the checks (database, platform, devices) and the
steps that apply a setup, shared by ``python -m app setup --from FILE.toml`` and the GUI
setup assistant (app/ui/setup/). Every check answers with a clear message or raises a
TWError in both languages; nothing here touches Qt."""
