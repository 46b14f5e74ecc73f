"""The app's forms, one module per page family."""
