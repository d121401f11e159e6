"""PyInstaller entry point: the same `counter-app` command."""

from counter_app.cli import main

raise SystemExit(main())
