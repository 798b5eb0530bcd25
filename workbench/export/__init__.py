"""Reports for editors: CSV first."""
