"""warta: open, offline news intelligence for Indonesian-language media."""

__version__ = "0.1.0"
