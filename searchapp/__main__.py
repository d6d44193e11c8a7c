"""`python -m searchapp` runs the command line."""
from searchapp.cli import cli

cli()
