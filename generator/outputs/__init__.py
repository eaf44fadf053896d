"""Outputs of the landscape that are not pages: the API files and the feed."""
