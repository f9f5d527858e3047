"""After-sale cases station (platform-api 1.1 section 6)."""
