"""The MkDocs adapter: the only code that imports MkDocs or Material.

``events.py`` maps MkDocs events onto the stages; ``rendering.py`` renders the generated pages
(in worker processes during a build, reused during a preview); ``mkdocs_private.py`` holds every
use of a private MkDocs or Material name, checked against the versions it was tested with.
"""
