"""Thin Qt layer: widgets and Qt models that wrap objects from `reader.core`."""
