"""The window's docks: inspector, pain points list and undo history."""
