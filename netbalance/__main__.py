"""`python -m netbalance`."""

from netbalance.cli import main

raise SystemExit(main())
