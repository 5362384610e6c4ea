"""asean-sec: a sourced, offline reference for ASEAN security cooperation."""

__version__ = "0.1.0"
