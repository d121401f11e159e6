"""The local SQLite store: schema, migrations, repositories, journal and outbox."""
