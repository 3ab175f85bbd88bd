"""Small dialogs: pain point quick entry and error messages."""
