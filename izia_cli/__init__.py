"""The ``izia`` command: one sub-command module per concern, composed by ``izia_cli.main``."""
