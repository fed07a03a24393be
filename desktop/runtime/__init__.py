"""What the app runs on: the context handed around, the task runner, logs and crash reports,
one instance per data folder, the user folders and the bundled resources, the self-check
and the --demo server. The entry point itself is desktop/app.py."""
