"""Sub-commands of the journeymapper command line, one module each."""
