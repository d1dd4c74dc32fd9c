"""The example story's sources, shipped with liveline as the package `liveline.examples`."""
