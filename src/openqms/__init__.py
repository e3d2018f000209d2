"""OpenQMS: a connected Quality Management System for health and care organisations."""

__version__ = "0.1.0"
