"""`python -m warmonitor ...`: the same as the `warmonitor` command."""
from .cli import main

main()
