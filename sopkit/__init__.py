"""sopkit: job descriptions, work instructions and inspection checklists as versioned YAML."""

__version__ = "0.1.0"
