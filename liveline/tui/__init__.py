"""The Textual reader. It shows what `timeline` queries and never writes SQL itself."""
