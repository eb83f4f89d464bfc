"""Stage 1, load: data files in, a validated :class:`~stackguides.catalog.Catalog` out."""

from stackguides.load.loader import load_catalog

__all__ = ["load_catalog"]
