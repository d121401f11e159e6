"""The Qt front end: widgets only; every write goes through a service on a worker thread."""
