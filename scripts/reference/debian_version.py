"""
The installed Debian packages' versions, read from dpkg's status file: the reference scripts name
them in their fixtures' "source" field, so a fixture says which scipy, numpy, ... produced it.
"""
from pathlib import Path


def debian_version(package):
    """The installed Debian package's version (dpkg's status file), or None off Debian."""
    try:
        status = Path("/var/lib/dpkg/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for block in status.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(" "))
        if fields.get("Package") == package:
            return fields.get("Version")
    return None
