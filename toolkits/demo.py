"""`manage.py load_demo` entry point for the knowledge hub (content in toolkits/demo_content/)."""

from toolkits.demo_content import load

__all__ = ["load"]
