"""Stage 2, validate: the data model, its messages, and the checks across fields and files.

The loader runs these; nothing here reads files or draws pages.
"""
