"""graphapp: a graph-database explorer of partnership networks.

Data flows one way: documents -> records -> store -> analysis -> views, API, CLI.
"""

__version__ = "0.1.0"
