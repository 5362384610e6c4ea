"""asean-sec: a sourced, offline reference for ASEAN security cooperation."""

__version__ = "0.1.0"

# The code is MIT-licensed (setup.cfg); the curated data (data/*.yaml: the selection, structure and
# wording of the records) is offered under this licence. Each cited source keeps its own terms.
DATA_LICENSE = "CC BY 4.0"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
