"""Reading a source into posts and paragraphs: text copies, HTML pages, and the page furniture between them."""
