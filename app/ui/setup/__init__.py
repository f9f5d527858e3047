"""First start and setup: the setup assistant, the demo mode's banner."""
