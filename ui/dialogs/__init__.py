"""Dialogs: import, paste, web address, link, evidence, article details,
library search, ClaimReview settings and About."""
