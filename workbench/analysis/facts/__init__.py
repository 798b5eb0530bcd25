"""Checkable facts of articles (casualties, counts, time, place, who is cited),
lined up across a session."""
