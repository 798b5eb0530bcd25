"""The Qt desktop application over the core in ``workbench``."""
