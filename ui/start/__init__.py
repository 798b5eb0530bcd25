"""The start screen: the session browser and its model."""
