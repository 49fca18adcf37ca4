"""The package file format now lives in ``movement_desk.services.packages.file_format``.

This name stays for the code that imports it (``from movement_desk.services import
package_file``): it is the very same module object, so attributes read or patched through
either name are the same.
"""

import sys

from movement_desk.services.packages import file_format

sys.modules[__name__] = file_format
