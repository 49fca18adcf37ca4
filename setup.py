"""Packaging that pyproject.toml cannot say: the top-level ``resources/`` folder installs as
the package ``movement_desk.resources``.

``resources/`` stays where it is (the one source of fonts, reference data, translations, icons
and the user guide); ``package_dir`` maps it into the package, so a wheel and an sdist carry it
as package data and an editable install finds it through setuptools' import hook. Everything
else (name, version, dependencies, scripts) is in pyproject.toml.
"""

from setuptools import find_packages, setup

# Also read by packaging/movement-desk.spec: a new kind of resource file is added here only.
RESOURCE_FILES = [
    "fonts/*.ttf",
    "fonts/*.txt",
    "data/*.csv",
    "i18n/*.qm",
    "icons/*.svg",
    "icons/*.png",
    "icons/*.ico",
    "guide/*.pdf",
    "linux/*.desktop",
    "licenses/*.txt",
]

setup(
    packages=[
        *find_packages(include=["movement_desk", "movement_desk.*"]),
        "movement_desk.resources",
    ],
    package_dir={"movement_desk.resources": "resources"},
    package_data={"movement_desk.resources": RESOURCE_FILES},
    include_package_data=False,
)
