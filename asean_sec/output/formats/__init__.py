"""One module per output format, each with `write(doc, stream, color)`; render.FORMATS names them."""
