"""`python -m vigil …` runs the command line, like the `vigil` script (useful without the script on PATH)."""

from vigil.cli import main

main()
