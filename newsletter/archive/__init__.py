"""The final archival export: the whole hub as one self-contained, verifiable BagIt bag.

``export.export_archive`` builds it, ``verify.verify_archive`` checks it; both are plain
functions that the management commands, the admin screen and the benchmark call.
"""
