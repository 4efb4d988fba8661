"""The registry of demo data: realistic records for a local installation, never for production.

Each app declares loaders in its own `demo.py`, as for reference data (liaison.reference.registry);
`seed_demo` loads the reference data, then runs the demo loaders in order, in one transaction.
"""

from liaison.reference.registry import Loader
from liaison.web.registry import Registry

registry = Registry("demo", Loader)
register = registry.register
