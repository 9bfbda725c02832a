"""Ships the top-level ``templates/`` folder inside the wheel as ``sopkit/templates``.

Everything else is configured in pyproject.toml. An editable install (``pip install -e .``)
finds the templates in the checkout instead (see ``sopkit.manual.render.builtin_templates``).
"""

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTemplates(build_py):
    def finalize_options(self):
        super().finalize_options()
        self.packages = [*(self.packages or []), "sopkit.templates"]
        self.package_dir = {**(self.package_dir or {}), "sopkit.templates": "templates"}
        self.package_data = {**(self.package_data or {}), "sopkit.templates": ["*"]}


setup(cmdclass={"build_py": BuildPyWithTemplates})
