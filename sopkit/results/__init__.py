"""Inspection history: the results store, corrective actions and reports (issue 11)."""
