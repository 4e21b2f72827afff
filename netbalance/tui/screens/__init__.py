"""One module per mode, plus the modal dialogs."""
