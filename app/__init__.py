"""Treasure Warehouse (珍宝仓) appraisal workstation."""

__version__ = "0.1.0"
