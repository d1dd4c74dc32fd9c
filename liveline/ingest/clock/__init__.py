"""Time: stamps stated in the text, and the bounds a live blog's order gives the posts that state none."""
