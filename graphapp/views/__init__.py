"""The HTML face: view parameters, payloads, pyvis networks, layouts, pages and their URLs."""
