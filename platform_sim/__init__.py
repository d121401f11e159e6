"""Reference platform server (城市邮政 O2O 平台模拟): FastAPI + SQLite, the counter's contract partner.

Nothing here runs at import time: build the app with ``platform_sim.app.create_app(db_path)``.
"""

API_PREFIX = "/api/v1"
VERSION = "0.1.0"
