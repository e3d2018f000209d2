#!/usr/bin/env python
"""Django's usual entry point; `openqms` does the same and more."""

from openqms.cli import main

if __name__ == "__main__":
    main()
