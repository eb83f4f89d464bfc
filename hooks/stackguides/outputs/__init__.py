"""Stage 4, outputs: what leaves the core: sanitized HTML, the JSON API and Schemas, the exported tree, the published site folder."""
