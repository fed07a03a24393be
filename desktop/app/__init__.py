"""The app itself: start-up, the context handed around, the task runner, logs, crashes,
the data folder and the bundled resources, the self-check and the --demo server."""
