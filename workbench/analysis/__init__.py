"""Text analysis, all pure and offline: sentences, terms, numbers, time
expressions, anchors, facts and cross-source matching."""
