"""One view per page type: plain data built from the landscape, rendered by Jinja."""
