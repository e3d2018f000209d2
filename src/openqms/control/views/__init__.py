"""The control pages, one module per area: the measure library, a measure's page, and the boards."""
