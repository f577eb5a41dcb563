"""A grade's life: the runner that starts the child, the warm worker, the session, the pytest plugin and
the results it collects. Imports the toolkit and the sandbox; nothing imports it from below."""
