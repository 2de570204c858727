"""The package list, found rather than written out (the rest is in pyproject.toml).

setuptools' own ``packages.find`` cannot name packages that live outside their parent's
folder, and the shipped data files do: ``resources/`` is the package ``advlab.resources``.
"""

from setuptools import find_packages, setup

setup(packages=[
    *find_packages(include=["advlab", "advlab.*"]),
    "advlab.resources",
    *(f"advlab.resources.{name}" for name in find_packages("resources")),
])
