"""The commands of the `searchapp` command line, one module per command or command group; searchapp.cli assembles them."""
