"""Cross-source matching: an index of a session's sentences, a fitted scoring
model over explainable features, and the reasons shown to the user."""
