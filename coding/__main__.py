"""`python -m coding` runs the concord command line."""

from coding.cli import main

main()
