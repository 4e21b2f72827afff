"""The Textual app: screens, widgets, themes."""
