"""The Cases station: after-sale returns, warranty claims and merchant appeals."""
