"""Click commands, one module per area; `cablescope.cli` assembles them into one command."""
