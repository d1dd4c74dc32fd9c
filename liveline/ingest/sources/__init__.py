"""What to read: a source's description (spec, manifest), its bytes (files, standard input, the web)."""
