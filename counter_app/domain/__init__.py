"""Pure counter rules and services: no Qt, no SQL, no HTTP."""
