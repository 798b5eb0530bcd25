"""The side panel: claims table, inspector, suggestions and the facts grid."""
