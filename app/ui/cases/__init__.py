"""The Cases station: after-sale returns, warranty claims and merchant appeals (platform-api 1.1 section 6)."""
