"""Where netbalance keeps things and how the user set it up: paths (platform folders and
environment overrides), config.toml read into one Settings value, the settings file
written back with its comments kept, and theme files read for the app and the exports."""
