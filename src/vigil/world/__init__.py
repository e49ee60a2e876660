"""A synthetic online world to develop, test and demonstrate Vigil on (``vigil world``).

Seeded and reproducible: actors (traffickers, independent workers, agencies, spammers, recruiters,
exploiters and a harmless majority) post in 12 languages on 26 fictitious sites, which are written as
static HTML, served on 127.0.0.1 with real-world obstacles, and described by a ground truth.

Nothing else in Vigil imports this package (only the CLI and the demo run it), and it imports none of
Vigil's detectors: the detectors must not see its internals, and its phrasings are its own. See
docs/WORLD.md.
"""
