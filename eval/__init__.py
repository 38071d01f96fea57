"""The evaluation set, its harness and report (`hds-assistant eval`)."""
