"""The agreement file's loader and the demo data."""

# Why the seed's lookups read soft-deleted rows too (core.live.unfiltered).
SEED_LOOKUP = "the seed finds what it wrote by its key, deleted or not, so a rerun never writes it twice"
