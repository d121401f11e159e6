"""The application layer, without Qt: the use cases the window, the CLI and the demo share.

- ``compose``: the composition root ``build(data_dir) -> App`` (store, clock, platform link and look-ups,
  sync engine, receipts, wired once);
- ``changes``: the typed "what changed" notice (``Change``) with subscribe and unsubscribe;
- ``session``: sign in, unlock, a supervisor's approval, the clerk's drawer;
- ``settings``: the settings as one typed value; ``setup``: first-run set-up and enrolment;
- ``printer``: printer settings and the check page.
"""
