"""The article panes: the pane row, each pane's text view and marker strip,
the link map drawn between panes, and the find bar."""
