"""Run ktimeline as ``python -m ktimeline``."""

from ktimeline.cli import main

raise SystemExit(main())
