"""Review mode: walk and filter a saved session's claims."""
