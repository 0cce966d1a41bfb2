"""mkdocs-macros entry point (`module_name: macros` in mkdocs.yml). Logic lives in rbkb; this only registers it."""

from rbkb.site.macros import register


def define_env(env):  # noqa: ANN001, ANN201 - signature fixed by mkdocs-macros
    register(env)
