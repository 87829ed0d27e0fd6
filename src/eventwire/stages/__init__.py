"""Pipeline stages, one module each. Nothing is registered on import: see `eventwire.registry`."""

__all__: list[str] = []
