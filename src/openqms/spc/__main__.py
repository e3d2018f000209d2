"""`python -m openqms.spc INPUT.csv [options]`: the SPC command line for an analyst who uses the
engine on its own, the same as `openqms spc`."""

from openqms.spc.cli import main

raise SystemExit(main())
