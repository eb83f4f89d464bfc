"""Stack Guides core: load, validate and render the YAML catalog (no MkDocs here)."""
